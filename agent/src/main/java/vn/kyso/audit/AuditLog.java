package vn.kyso.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.kyso.errors.KysoException;

/**
 * A per-user, append-only JSON-lines log of every signature and refusal, hash-chained: each line carries the
 * SHA-256 of the previous line's hash and its own fields, so editing or deleting a line breaks the chain from there
 * on. A small head file remembers the last sequence number and hash (updated with each flush), so cutting lines off
 * the end is caught too.
 * (Someone who can rewrite the whole file and the head as this user can forge it; the log is evidence for the
 * honest case and against careless edits, not a notary.)
 *
 * <p>Each entry is written to the file before the signature is returned, so it survives a crash of the agent; it is
 * forced to the disk by a background flush within {@link #FLUSH_INTERVAL} rather than on every signature (an fsync
 * costs milliseconds per signature); only a power cut inside that interval can lose it.
 */
public final class AuditLog {

    static final String GENESIS = "0".repeat(64);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    public static final java.time.Duration FLUSH_INTERVAL = java.time.Duration.ofSeconds(1);
    private static final java.util.concurrent.ScheduledExecutorService FLUSHER =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "kyso-audit-flush");
                t.setDaemon(true);
                return t;
            });

    private final Path file;
    private final Path head;
    private final Clock clock;
    private volatile boolean dirty;
    // the last entry this process wrote, valid while the file still has the size it left it with
    private Head cachedHead;
    private long cachedSize = -1;

    public AuditLog(Path file, Clock clock) {
        this.file = file;
        this.head = file.resolveSibling(file.getFileName() + ".head");
        this.clock = clock;
        long period = FLUSH_INTERVAL.toMillis();
        FLUSHER.scheduleWithFixedDelay(this::flush, period, period, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Forces written entries to the disk and records the head (also done by the background flusher). */
    public synchronized void flush() {
        if (!dirty) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
            writeHead(cachedHead);
            dirty = false;
        } catch (IOException e) {
            // retried at the next interval; the entry is already in the file
        }
    }

    public AuditLog(Path file) {
        this(file, Clock.systemUTC());
    }

    /** The per-user log: {@code ~/.local/share/kyso/audit.jsonl}, {@code %LOCALAPPDATA%\\Kyso\\audit.jsonl}, … */
    public static Path defaultFile() {
        String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("win")) {
            String local = System.getenv("LOCALAPPDATA");
            return (local != null ? Path.of(local) : home.resolve("AppData/Local")).resolve("Kyso/audit.jsonl");
        }
        if (os.contains("mac")) {
            return home.resolve("Library/Application Support/Kyso/audit.jsonl");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local/share")).resolve("kyso/audit.jsonl");
    }

    public Path file() {
        return file;
    }

    /** Appends one record; fails with AUDIT_WRITE_FAILED (the caller must not sign unrecorded). */
    public synchronized void append(AuditRecord record) {
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                Head last = cachedSize == channel.size() && cachedHead != null ? cachedHead : lastLine(channel);
                ObjectNode line = JSON.createObjectNode();
                line.put("seq", last.seq() + 1);
                line.put("time", TIME.format(OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS),
                        VIETNAM)));
                line.put("origin", record.origin());
                line.put("operation", record.operation());
                line.put("document", record.documentName());
                line.put("document_sha256", record.documentSha256());
                line.put("certificate", record.certificate());
                line.put("signer", record.signer());
                line.put("result", record.result());
                line.put("prev", last.hash());
                String hash = chainHash(line);
                line.put("hash", hash);
                byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
                channel.position(channel.size());
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                cachedHead = new Head(last.seq() + 1, hash);
                cachedSize = channel.size();
                dirty = true; // entry and head reach the disk within FLUSH_INTERVAL; see the class comment
            }
        } catch (IOException e) {
            throw new KysoException(AuditError.AUDIT_WRITE_FAILED, Map.of(), e, file, e.getMessage());
        }
    }

    /** One line of the log as people read it (the tray's recent signatures). */
    public record Entry(long seq, String time, String origin, String operation, String document, String signer,
                        String result) {
    }

    /** The last {@code count} entries, newest first; read from the end of the file, so the log's size never matters. */
    public List<Entry> recent(int count) throws IOException {
        if (!Files.exists(file) || count <= 0) {
            return List.of();
        }
        String tail;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            int window = (int) Math.min(size, 256L * count + 64 * 1024);
            ByteBuffer buffer = ByteBuffer.allocate(window);
            channel.read(buffer, size - window);
            tail = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        }
        String[] lines = tail.split("\n");
        java.util.ArrayList<Entry> out = new java.util.ArrayList<>();
        // the first line of the window may be cut in the middle: it is skipped unless the window is the whole file
        for (int i = lines.length - 1; i >= 0 && out.size() < count; i--) {
            try {
                JsonNode n = JSON.readTree(lines[i]);
                if (n instanceof ObjectNode && n.has("seq")) {
                    out.add(new Entry(n.get("seq").asLong(), n.path("time").asText(""), n.path("origin").asText(""),
                            n.path("operation").asText(""), n.path("document").asText(""),
                            n.path("signer").asText(""), n.path("result").asText("")));
                }
            } catch (IOException e) {
                // a partial first line of the window, or a damaged line: kyso audit verify reports those
            }
        }
        return List.copyOf(out);
    }

    /** What {@code kyso audit verify} reports. */
    public record Verification(boolean intact, long lines, long brokenAtLine, String reason) {
    }

    /** Walks the whole chain and compares its end with the head file. */
    public Verification verify() throws IOException {
        flush();
        if (!Files.exists(file)) {
            return Files.exists(head) ? new Verification(false, 0, 1, "log file missing, head present")
                    : new Verification(true, 0, 0, "");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String prev = GENESIS;
        long seq = 0;
        for (int i = 0; i < lines.size(); i++) {
            long lineNo = i + 1;
            JsonNode node;
            try {
                node = JSON.readTree(lines.get(i));
            } catch (IOException e) {
                return new Verification(false, lines.size(), lineNo, "not JSON");
            }
            if (!(node instanceof ObjectNode line) || !line.has("hash") || !line.has("prev") || !line.has("seq")) {
                return new Verification(false, lines.size(), lineNo, "missing fields");
            }
            if (line.get("seq").asLong() != seq + 1) {
                return new Verification(false, lines.size(), lineNo, "sequence jumps from " + seq + " to "
                        + line.get("seq").asLong() + " (lines deleted or reordered)");
            }
            if (!line.get("prev").asText().equals(prev)) {
                return new Verification(false, lines.size(), lineNo, "previous-hash link broken (a line before it was "
                        + "edited or deleted)");
            }
            String stated = line.get("hash").asText();
            ObjectNode withoutHash = line.deepCopy();
            withoutHash.remove("hash");
            if (!chainHash(withoutHash).equals(stated)) {
                return new Verification(false, lines.size(), lineNo, "content does not match its hash (edited)");
            }
            prev = stated;
            seq++;
        }
        Head expected = readHead();
        if (expected != null && (expected.seq() != seq || !expected.hash().equals(prev))) {
            return new Verification(false, lines.size(), seq + 1, "log ends at entry " + seq + " but entry "
                    + expected.seq() + " was written (lines cut off the end)");
        }
        return new Verification(true, lines.size(), 0, "");
    }

    private record Head(long seq, String hash) {
    }

    private Head lastLine(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0) {
            return new Head(0, GENESIS);
        }
        // read backwards to the last newline before the final one
        int window = (int) Math.min(size, 64 * 1024);
        ByteBuffer buffer = ByteBuffer.allocate(window);
        channel.read(buffer, size - window);
        String tail = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).stripTrailing();
        String last = tail.substring(tail.lastIndexOf('\n') + 1);
        JsonNode node = JSON.readTree(last);
        return new Head(node.get("seq").asLong(), node.get("hash").asText());
    }

    private void writeHead(Head value) throws IOException {
        Path temporary = head.resolveSibling(head.getFileName() + ".new");
        Files.writeString(temporary, value.seq() + " " + value.hash() + "\n", StandardCharsets.US_ASCII);
        Files.move(temporary, head, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Head readHead() throws IOException {
        if (!Files.exists(head)) {
            return null;
        }
        String[] parts = Files.readString(head, StandardCharsets.US_ASCII).trim().split(" ");
        return parts.length == 2 ? new Head(Long.parseLong(parts[0]), parts[1]) : null;
    }

    /** SHA-256 over the line's JSON without "hash" (field order as written, which is fixed by append). */
    private static String chainHash(ObjectNode lineWithoutHash) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(lineWithoutHash.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
