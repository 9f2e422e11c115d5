package vn.kyso.pairing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.kyso.config.ConfigLocations;
import vn.kyso.errors.KysoException;
import vn.kyso.files.PrivateFiles;
import vn.kyso.request.WebOrigin;

/**
 * The origins a person approved "always", in a small JSON file beside the user configuration
 * ({@code ~/.config/kyso/paired-origins.json}). Written atomically (temporary file, then rename) so a crash never
 * leaves half a list; re-read when the file changes, so {@code kyso origins revoke} takes effect in a running agent.
 *
 * <pre>{"version": 1, "origins": [{"origin": "https://qlvb.example.gov.vn", "approved": "2026-11-27T14:35:22+07:00"}]}</pre>
 */
public final class PairedOrigins {

    public static final String FILE_NAME = "paired-origins.json";
    private static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);

    /** One approved origin and when it was approved (ISO 8601, Vietnam's offset). */
    public record Entry(String origin, String approved) {
    }

    /** Made when the file is first read or written, not when the agent starts. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private final Path file;
    private final Clock clock;
    private List<Entry> cached = List.of();
    private FileTime cachedTime;
    private long cachedSize = -1;

    public PairedOrigins(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    public PairedOrigins(Path file) {
        this(file, Clock.systemUTC());
    }

    /** The per-user file next to {@code agent.properties}. */
    public static Path defaultFile() {
        return ConfigLocations.forCurrentSystem().user().resolveSibling(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** The approved origins, oldest first; PAIRED_ORIGINS_UNREADABLE when the file is damaged. */
    public synchronized List<Entry> list() {
        try {
            FileTime time = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            if (!time.equals(cachedTime) || size != cachedSize) {
                cached = parse(Files.readString(file, StandardCharsets.UTF_8));
                cachedTime = time;
                cachedSize = size;
            }
            return cached;
        } catch (NoSuchFileException e) {
            cached = List.of();
            cachedTime = null;
            cachedSize = -1;
            return cached;
        } catch (IOException | RuntimeException e) {
            if (e instanceof KysoException k) {
                throw k;
            }
            throw new KysoException(PairingError.PAIRED_ORIGINS_UNREADABLE, Map.of(), e, file, e.getMessage());
        }
    }

    public boolean contains(String origin) {
        Optional<String> normal = WebOrigin.normalise(origin);
        return normal.isPresent() && list().stream().anyMatch(entry -> entry.origin().equals(normal.get()));
    }

    /** Remembers an origin (already present: unchanged). */
    public synchronized void add(String origin) {
        String normal = WebOrigin.normalise(origin)
                .orElseThrow(() -> new KysoException(PairingError.ORIGIN_INVALID, origin));
        List<Entry> entries = new ArrayList<>(list());
        if (entries.stream().anyMatch(entry -> entry.origin().equals(normal))) {
            return;
        }
        entries.add(new Entry(normal, OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS),
                VIETNAM).toString()));
        write(entries);
    }

    /** Forgets an origin; false when it was not there. */
    public synchronized boolean revoke(String origin) {
        Optional<String> normal = WebOrigin.normalise(origin);
        if (normal.isEmpty()) {
            return false;
        }
        List<Entry> entries = new ArrayList<>(list());
        if (!entries.removeIf(entry -> entry.origin().equals(normal.get()))) {
            return false;
        }
        write(entries);
        return true;
    }

    private List<Entry> parse(String text) throws IOException {
        JsonNode root = Json.MAPPER.readTree(text);
        if (root == null || !root.path("origins").isArray()) {
            throw new IOException("expected {\"version\": 1, \"origins\": [...]}");
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode node : root.get("origins")) {
            String origin = node.path("origin").asText("");
            // an entry that is not an origin is an edit gone wrong: refuse the file rather than guess
            String normal = WebOrigin.normalise(origin)
                    .orElseThrow(() -> new IOException("not a web origin: \"" + origin + "\""));
            entries.add(new Entry(normal, node.path("approved").asText("")));
        }
        return List.copyOf(entries);
    }

    private void write(List<Entry> entries) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("version", 1);
        ArrayNode array = root.putArray("origins");
        entries.forEach(entry -> array.addObject().put("origin", entry.origin()).put("approved", entry.approved()));
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(temporary);
            PrivateFiles.createFile(temporary);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(Json.MAPPER.writeValueAsBytes(root)));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            cached = List.copyOf(entries);
            cachedTime = Files.getLastModifiedTime(file);
            cachedSize = Files.size(file);
        } catch (IOException e) {
            throw new KysoException(PairingError.PAIRED_ORIGINS_WRITE_FAILED, Map.of(), e, file, e.getMessage());
        }
    }
}
