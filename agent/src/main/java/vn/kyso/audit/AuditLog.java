package vn.kyso.audit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.kyso.errors.KysoException;
import vn.kyso.files.PrivateFiles;

/**
 * A per-user, append-only JSON-lines log of every signature and refusal, hash-chained over the exact bytes of each
 * line: a line is {@code {"v":2,…,"prev":"<hash of the line before>","hash":"<SHA-256 of every byte before ,"hash">"}},
 * so editing a byte (a duplicate JSON key included), deleting, swapping or repeating a line breaks the chain there.
 *
 * <p>Three things anchor the chain, so no single deletable file decides whether the log is intact:
 * <ul>
 * <li>the first line records the log's creation: a random log id (and, after a migration, the SHA-256 of the older
 * log it continues);</li>
 * <li>the head file ({@code audit.jsonl.head}) holds the log id, the number of lines and the last hash; it is
 * rewritten after every line, so a cut tail or a log shorter than its head is caught;</li>
 * <li>the marker ({@code audit.jsonl.id}) holds the log id and is written once, when the log is created; a log with
 * lines and no head, a head or marker without a log, or a log whose id is not the marker's, is corrupt.</li>
 * </ul>
 * Whoever can write as this user can still delete or rewrite all three consistently (SECURITY.md, T13): the log is
 * evidence for the honest case and against partial edits, not a notary.
 *
 * <p>Bounded: every field is capped (cut text is marked) and stripped of control, line-separator and direction
 * characters; refusals and look-ups repeated within {@link #WINDOW} are folded into one line with a count; at most
 * {@link #DISTINCT_BURST} different ones are written in full in a burst (then one more per window), the rest counted
 * per origin — a flood of refused requests writes a bounded number of lines per window (at most
 * 2 + {@link #OVERFLOW_ORIGINS} + 1 once the burst is spent), not one per request.
 * Successful signatures are never folded: each is written before it is returned.
 *
 * <p>The file is forced to the disk by a background flush within {@link #FLUSH_INTERVAL} rather than on every
 * signature (an fsync costs milliseconds); only a power cut inside that interval can lose an entry.
 */
public final class AuditLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    static final String GENESIS = "0".repeat(64);
    static final int VERSION = 2;
    private static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);
    private static final byte[] HASH_KEY = ",\"hash\":\"".getBytes(StandardCharsets.US_ASCII);
    /** {@code ,"hash":"} + 64 hex digits + {@code "}}. */
    private static final int HASH_TAIL = HASH_KEY.length + 64 + 2;

    public static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);
    /** Identical refusals within this window become one line with a count. */
    public static final Duration WINDOW = Duration.ofSeconds(10);
    /**
     * Different refusals written in full in a burst (a refused batch of this many documents is recorded document by
     * document); the allowance then grows back by one per window. Beyond it refusals are only counted.
     */
    public static final int DISTINCT_BURST = 100;
    /** Origins whose uncounted refusals get a line of their own per window; the others share one. */
    static final int OVERFLOW_ORIGINS = 8;
    /** Acts that read and sign nothing: their repetitions are folded like refusals. */
    private static final Set<String> LOOK_UPS = Set.of("vgca.GetCertInfo", "vgca.VerifyPDF");


    /** Logs of this process, so counts still folded in memory are written when the JVM shuts down normally. */
    private static final java.util.Set<AuditLog> LIVE = java.util.Collections.synchronizedSet(
            java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>()));

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            List<AuditLog> logs;
            synchronized (LIVE) {
                logs = List.copyOf(LIVE);
            }
            logs.forEach(AuditLog::settle);
        }, "kyso-audit-settle"));
    }

    private final Path file;
    private final Path head;
    private final Path marker;
    private final Clock clock;
    private final Folds folds = new Folds();
    private final ScheduledFuture<?> flushing;
    private volatile boolean dirty;
    private boolean prepared;
    // the last line this process wrote, valid while the file still has the size it left it with
    private Head cachedHead;
    private long cachedSize = -1;

    /**
     * What only a log that is read or written needs, made on first use: {@link #defaultFile()} — asked by every start
     * for the folder beside the log — and opening the log do not load the JSON library.
     */
    private static final class Shared {
        static final ObjectMapper JSON = new ObjectMapper();
        static final ObjectMapper STRICT = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    }

    /** Started by the first log opened; separate from {@link Shared}, as opening a log reads and writes nothing yet. */
    private static final class Flushing {
        static final ScheduledExecutorService FLUSHER = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kyso-audit-flush");
            t.setDaemon(true);
            return t;
        });
    }

    public AuditLog(Path file, Clock clock) {
        this.file = file;
        this.head = file.resolveSibling(file.getFileName() + ".head");
        this.marker = file.resolveSibling(file.getFileName() + ".id");
        this.clock = clock;
        long period = FLUSH_INTERVAL.toMillis();
        flushing = Flushing.FLUSHER.scheduleWithFixedDelay(this::flush, period, period, TimeUnit.MILLISECONDS);
        LIVE.add(this);
    }

    /**
     * Stops the background flusher and writes what is still folded, so nothing writes to the log after its owner let
     * go of it (a new log object on the same file, or its folder removed).
     */
    @Override
    public void close() {
        flushing.cancel(false);
        LIVE.remove(this);
        flush();
        settle();
    }

    /** Writes the counts of folded refusals now, whether or not their window has ended (at shutdown). */
    synchronized void settle() {
        if (!Files.exists(file)) {
            return; // its folder is gone (a test's, or removed by hand): not recreated while the JVM stops
        }
        try {
            settleFolds();
        } catch (KysoException e) {
            // nothing more can be done while the JVM stops; the first of each refusal is on disk
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

    /**
     * Forces written lines to the disk and writes the counts of folded refusals whose window has ended (also done by
     * the background flusher).
     */
    public void flush() {
        boolean force;
        synchronized (this) {
            try {
                if (folds.expired(clock.instant())) {
                    settleFolds();
                }
            } catch (KysoException e) {
                // retried at the next interval; the first of each refusal is already in the file
            }
            force = dirty && Files.exists(file);
            dirty = false;
        }
        if (!force) {
            return;
        }
        // Outside the lock: an fsync can take tens of milliseconds on a busy disk, and appends (one per signed document
        // of a batch) need not wait for it; the lines they add meanwhile are forced at the next interval.
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (IOException e) {
            synchronized (this) {
                dirty = true; // retried at the next interval
            }
        }
    }

    /** Appends one record; fails with AUDIT_WRITE_FAILED (the caller must not sign unrecorded). */
    public synchronized void append(AuditRecord record) {
        AuditRecord capped = Fields.capped(record);
        Instant now = clock.instant();
        if (folds.expired(now)) {
            settleFolds();
        }
        if (foldable(capped)) {
            switch (folds.admit(capped, now)) {
                case WRITE -> write(line(capped, now));
                case COUNTED -> {
                    // already written once in this window: only its count grows
                }
            }
            return;
        }
        write(line(capped, now));
    }

    private static boolean foldable(AuditRecord record) {
        return !"OK".equals(record.result()) || LOOK_UPS.contains(record.operation());
    }

    /** Writes one line per fold that absorbed repetitions, and starts a new window. */
    private void settleFolds() {
        for (Folds.Count count : folds.drain()) {
            ObjectNode line = line(count.record(), count.last());
            line.put("repeated", count.times());
            line.put("since", time(count.first()));
            write(line);
        }
    }

    private ObjectNode line(AuditRecord record, Instant when) {
        ObjectNode line = Shared.JSON.createObjectNode();
        line.put("time", time(when));
        line.put("origin", record.origin());
        line.put("operation", record.operation());
        line.put("document", record.documentName());
        line.put("document_sha256", record.documentSha256());
        line.put("certificate", record.certificate());
        line.put("signer", record.signer());
        line.put("result", record.result());
        return line;
    }

    private static String time(Instant when) {
        return Shared.TIME.format(OffsetDateTime.ofInstant(when.truncatedTo(ChronoUnit.SECONDS), VIETNAM));
    }

    /** Appends {@code content} as the next link of the chain, under an exclusive lock shared with other processes. */
    private void write(ObjectNode content) {
        try {
            if (!prepared || !Files.exists(file)) {
                prepare();
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                Head last = cachedSize == channel.size() && cachedHead != null ? cachedHead : lastLine(channel);
                if (last == null) {
                    last = appendLine(channel, genesis(), new Head(newLogId(), 0, GENESIS));
                    writeMarker(last.logId());
                }
                cachedHead = appendLine(channel, content, last);
                cachedSize = channel.size();
                dirty = true; // the line reaches the disk within FLUSH_INTERVAL; see the class comment
            }
        } catch (IOException e) {
            throw new KysoException(AuditError.AUDIT_WRITE_FAILED, Map.of(), e, file, e.getMessage());
        }
    }

    /**
     * Once per process (and again if the log went away): the folder owner-only, an older log moved aside, the log
     * created owner-only or made so.
     */
    private void prepare() throws IOException {
        PrivateFiles.folder(file.getParent());
        migrateLegacy();
        boolean created = !Files.exists(file);
        if (created) {
            try {
                PrivateFiles.createFile(file);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                created = false; // another process of this user created it first
            }
        }
        if (!created) {
            PrivateFiles.restrict(file, false).ifPresent(was -> LOG.warn("audit log {} was {}: made private",
                    file, was));
        }
        prepared = true;
    }

    private ObjectNode genesis() throws IOException {
        ObjectNode line = Shared.JSON.createObjectNode();
        line.put("time", time(clock.instant()));
        line.put("created", "");
        Optional<Path> older = legacyOf();
        older.ifPresent(p -> line.put("continues", p.getFileName().toString()));
        if (older.isPresent()) {
            line.put("continues_sha256", sha256(Files.readAllBytes(older.get())));
        }
        return line;
    }

    /** Writes {@code content} after {@code last}, then replaces the head; returns the new head. */
    private Head appendLine(FileChannel channel, ObjectNode content, Head last) throws IOException {
        long seq = last.count() + 1;
        ObjectNode line = Shared.JSON.createObjectNode();
        line.put("v", VERSION);
        line.put("seq", seq);
        content.fields().forEachRemaining(f -> line.set(f.getKey(), f.getValue()));
        if (line.has("created")) {
            line.put("created", last.logId());
        }
        line.put("prev", last.hash());
        String json = Shared.JSON.writeValueAsString(line);
        byte[] body = json.substring(0, json.length() - 1).getBytes(StandardCharsets.UTF_8); // without the final }
        String hash = sha256(body);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length + HASH_TAIL + 1);
        bytes.write(body);
        bytes.write(HASH_KEY);
        bytes.write((hash + "\"}\n").getBytes(StandardCharsets.US_ASCII));
        channel.position(channel.size());
        ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        Head next = new Head(last.logId(), seq, hash);
        writeHead(next);
        return next;
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
            int window = (int) Math.min(size, (long) Fields.MAX_LINE * count + 64 * 1024);
            ByteBuffer buffer = ByteBuffer.allocate(window);
            channel.read(buffer, size - window);
            tail = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        }
        String[] lines = tail.split("\n");
        List<Entry> out = new ArrayList<>();
        // the first line of the window may be cut in the middle: it is skipped unless the window is the whole file
        for (int i = lines.length - 1; i >= 0 && out.size() < count; i--) {
            try {
                JsonNode n = Shared.JSON.readTree(lines[i]);
                if (n instanceof ObjectNode && n.has("seq") && n.has("operation")) {
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

    /**
     * What {@code kyso audit verify} reports.
     *
     * @param entries      acts recorded (the creation line not counted)
     * @param brokenAtLine the first line found wrong (1-based), 0 when intact
     */
    public record Verification(boolean intact, long entries, long brokenAtLine, String reasonVi, String reasonEn) {

        static Verification ok(long entries) {
            return new Verification(true, entries, 0, "", "");
        }

        static Verification broken(long entries, long line, String vi, String en) {
            return new Verification(false, entries, line, vi, en);
        }

        /** The English reason (tests and logs). */
        public String reason() {
            return reasonEn;
        }
    }

    /** Walks the whole chain and checks it against the head and the marker; also reads logs of the first format. */
    public Verification verify() throws IOException {
        flush();
        boolean hasHead = Files.exists(head);
        boolean hasMarker = Files.exists(marker);
        if (!Files.exists(file) || Files.size(file) == 0) {
            if (hasHead || hasMarker) {
                return Verification.broken(0, 1, "tệp nhật ký bị xóa hoặc làm rỗng nhưng " + (hasHead ? "tệp head"
                        : "tệp đánh dấu") + " vẫn còn", "the log file was deleted or emptied but its " + (hasHead
                        ? "head" : "marker") + " is still there");
            }
            return Verification.ok(0);
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            byte[] first = readLine(in);
            if (first != null && isLegacy(first)) {
                Head old = readHead();
                return LegacyChain.verify(file, old == null ? null : old.count() + " " + old.hash());
            }
            return verifyChain(first, in);
        }
    }

    private Verification verifyChain(byte[] firstLine, InputStream in) throws IOException {
        String prev = GENESIS;
        String logId = null;
        long n = 0;
        for (byte[] line = firstLine; line != null; line = readLine(in)) {
            n++;
            if (line.length > Fields.MAX_LINE) {
                return Verification.broken(n - 1, n, "dòng dài hơn mọi dòng Kyso Agent ghi (bị chèn thêm)",
                        "the line is longer than any the agent writes (something was inserted)");
            }
            if (line[line.length - 1] != '\n') {
                return Verification.broken(n - 1, n, "dòng cuối bị cắt dở", "the last line is cut off");
            }
            int end = line.length - 1;
            int hashAt = end - HASH_TAIL;
            if (hashAt <= 0 || !regionEquals(line, hashAt, HASH_KEY) || line[end - 1] != '}' || line[end - 2] != '"') {
                return Verification.broken(n - 1, n, "dòng không đúng dạng (thiếu mã băm ở cuối)",
                        "the line does not end with its hash");
            }
            String stated = new String(line, hashAt + HASH_KEY.length, 64, StandardCharsets.US_ASCII);
            JsonNode node;
            try {
                node = Shared.STRICT.readTree(new String(line, 0, end, StandardCharsets.UTF_8));
            } catch (IOException e) {
                return Verification.broken(n - 1, n, "dòng không phải JSON hợp lệ hoặc có khóa lặp",
                        "the line is not valid JSON or repeats a key");
            }
            if (!sha256(java.util.Arrays.copyOf(line, hashAt)).equals(stated)) {
                return Verification.broken(n - 1, n, "nội dung không khớp mã băm của dòng (đã bị sửa)",
                        "the line's bytes do not match its hash (edited)");
            }
            if (node.path("v").asInt() != VERSION || node.path("seq").asLong() != n) {
                return Verification.broken(n - 1, n, "số thứ tự nhảy từ " + (n - 1) + " sang "
                        + node.path("seq").asText("?") + " (dòng bị xóa, lặp lại hoặc đổi chỗ)", "sequence jumps from "
                        + (n - 1) + " to " + node.path("seq").asText("?") + " (lines deleted, repeated or reordered)");
            }
            if (!node.path("prev").asText().equals(prev)) {
                return Verification.broken(n - 1, n, "liên kết với dòng trước bị đứt (dòng trước bị sửa hoặc xóa)",
                        "the link to the line before is broken (a line before it was edited or deleted)");
            }
            if (n == 1 != node.has("created")) {
                return Verification.broken(n - 1, n, n == 1 ? "dòng đầu không phải dòng tạo nhật ký (phần đầu bị cắt)"
                        : "dòng tạo nhật ký xuất hiện lần nữa", n == 1
                        ? "the first line is not the log's creation (its beginning was cut)"
                        : "a second creation line");
            }
            if (n == 1) {
                logId = node.get("created").asText();
            }
            prev = stated;
        }
        long entries = n - 1;
        Head expected = readHead();
        if (expected == null) {
            return Verification.broken(entries, n, "có nhật ký nhưng tệp head bị xóa hoặc hỏng",
                    "the log has entries but its head is missing or damaged");
        }
        if (!expected.logId().equals(logId)) {
            return Verification.broken(entries, 1, "tệp head thuộc một nhật ký khác (nhật ký bị thay)",
                    "the head belongs to another log (the log was replaced)");
        }
        if (expected.count() != n || !expected.hash().equals(prev)) {
            return Verification.broken(entries, Math.min(n, expected.count()) + 1, "nhật ký dừng ở dòng " + n
                    + " nhưng đã ghi đến dòng " + expected.count() + " (dòng cuối bị cắt hoặc thay)", "the log ends at "
                    + "line " + n + " but line " + expected.count() + " was written (lines cut off or replaced)");
        }
        Optional<String> markedId = readMarker();
        if (markedId.isPresent() && !markedId.get().equals(logId)) {
            return Verification.broken(entries, 1, "nhật ký không phải nhật ký đã tạo trong thư mục này (bị thay)",
                    "the log is not the one created in this folder (replaced)");
        }
        return Verification.ok(entries);
    }

    private static boolean regionEquals(byte[] line, int at, byte[] expected) {
        return java.util.Arrays.equals(line, at, at + expected.length, expected, 0, expected.length);
    }

    /**
     * The next line including its '\n' (absent only on a cut last line); null at the end. A line longer than any the
     * agent writes is returned cut at that length, without its '\n', so the verifier reports it instead of holding
     * a gigabyte without line breaks in memory.
     */
    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        for (int b; (b = in.read()) != -1; ) {
            line.write(b);
            if (b == '\n' || line.size() > Fields.MAX_LINE) {
                break;
            }
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    private static boolean isLegacy(byte[] firstLine) {
        try {
            JsonNode node = Shared.JSON.readTree(new String(firstLine, StandardCharsets.UTF_8));
            return node instanceof ObjectNode && node.has("seq") && !node.has("v");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A log of the first format (hash over the parsed JSON) is not extended: it is renamed to
     * {@code audit-v1-<time>.jsonl} (with its head), still readable by {@code kyso audit verify --file}, and the new
     * log's first line names it and records the SHA-256 of its bytes.
     */
    private void migrateLegacy() throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return;
        }
        byte[] first;
        try (InputStream in = Files.newInputStream(file)) {
            first = readLine(in);
        }
        if (first == null || !isLegacy(first)) {
            return;
        }
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(OffsetDateTime.ofInstant(clock.instant(),
                VIETNAM));
        Path older = file.resolveSibling("audit-v1-" + stamp + ".jsonl");
        Files.move(file, older, StandardCopyOption.ATOMIC_MOVE);
        if (Files.exists(head)) {
            Files.move(head, older.resolveSibling(older.getFileName() + ".head"), StandardCopyOption.ATOMIC_MOVE);
        }
        PrivateFiles.restrict(older, false);
        cachedHead = null;
        cachedSize = -1;
        LOG.warn("audit log {} kept in the first format as {}; a new log continues it", file, older);
    }

    private Optional<Path> legacyOf() throws IOException {
        try (var files = Files.list(file.getParent())) {
            return files.filter(p -> p.getFileName().toString().matches("audit-v1-\\d{8}-\\d{6}\\.jsonl"))
                    .max(Path::compareTo);
        }
    }

    /** The id, count and last hash of the log as the head records them after each line. */
    private record Head(String logId, long count, String hash) {
    }

    private Head lastLine(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0) {
            return null;
        }
        // read backwards to the last newline before the final one
        int window = (int) Math.min(size, Fields.MAX_LINE * 4L);
        ByteBuffer buffer = ByteBuffer.allocate(window);
        channel.read(buffer, size - window);
        String tail = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).stripTrailing();
        String last = tail.substring(tail.lastIndexOf('\n') + 1);
        JsonNode node = Shared.JSON.readTree(last);
        Head recorded = readHead();
        String logId = recorded != null ? recorded.logId() : readMarker().orElse("unknown");
        if (!node.has("seq") || !node.has("hash")) {
            throw new IOException("the last line of the audit log is damaged; run kyso audit verify");
        }
        return new Head(logId, node.get("seq").asLong(), node.get("hash").asText());
    }

    /**
     * Rewrites the head in place: one short write at the start of the file, then the length set. Replacing it by a
     * rename cost about half a millisecond per signature on ext4 (a rename over a file starts the new file's
     * write-back); the head is never shorter than its first part, so a reader never finds it empty.
     */
    private void writeHead(Head value) throws IOException {
        byte[] text = ("kyso-audit-head " + VERSION + " " + value.logId() + " " + value.count() + " " + value.hash()
                + "\n").getBytes(StandardCharsets.US_ASCII);
        if (!Files.exists(head)) {
            try {
                PrivateFiles.createFile(head);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another process of this user created it first; it is ours to rewrite under the log's lock
            }
        }
        try (FileChannel channel = FileChannel.open(head, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(text);
            while (buffer.hasRemaining()) {
                channel.write(buffer, buffer.position());
            }
            channel.truncate(text.length);
        }
    }

    private Head readHead() throws IOException {
        String text;
        try {
            text = Files.readString(head, StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException e) {
            return null;
        }
        String[] parts = text.split(" ");
        try {
            if (parts.length == 5 && parts[0].equals("kyso-audit-head") && parts[1].equals(String.valueOf(VERSION))) {
                return new Head(parts[2], Long.parseLong(parts[3]), parts[4]);
            }
            if (parts.length == 2) { // the first format: sequence and hash
                return new Head("", Long.parseLong(parts[0]), parts[1]);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    /** The marker is written once, when the log is created, and never replaced. */
    private void writeMarker(String logId) throws IOException {
        if (Files.exists(marker)) {
            return;
        }
        Path temporary = marker.resolveSibling(marker.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        PrivateFiles.createFile(temporary);
        Files.writeString(temporary, "kyso-audit-log " + logId + "\n", StandardCharsets.US_ASCII);
        Files.move(temporary, marker, StandardCopyOption.ATOMIC_MOVE);
    }

    private Optional<String> readMarker() throws IOException {
        try {
            String[] parts = Files.readString(marker, StandardCharsets.US_ASCII).trim().split(" ");
            return Optional.of(parts.length == 2 ? parts[1] : "");
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static String newLogId() {
        byte[] id = new byte[16];
        new SecureRandom().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Refusals and look-ups: which were written in full in the current window and how often each came again; the
     * budget of different ones written in full (a bucket of {@link #DISTINCT_BURST} that refills by one per
     * {@link #WINDOW} gone by);
     * beyond it, counts per origin.
     */
    private static final class Folds {

        enum Admission { WRITE, COUNTED }

        record Count(AuditRecord record, Instant first, Instant last, long times) {

            Count again(Instant now) {
                return times == 0 ? new Count(record, now, now, 1) : new Count(record, first, now, times + 1);
            }
        }

        private static final AuditRecord ANY = new AuditRecord("*", "*", "*", "*", "*", "*", "*");

        private Instant windowStart;
        private int budget = DISTINCT_BURST;
        private Instant lastRefill;
        // written in full this window → repetitions counted since (0 when none)
        private final Map<AuditRecord, Count> written = new LinkedHashMap<>();
        // beyond the budget: one count per origin, then one for all other origins
        private final Map<AuditRecord, Count> overflow = new LinkedHashMap<>();

        boolean expired(Instant now) {
            return windowStart != null && !now.isBefore(windowStart.plus(WINDOW));
        }

        Admission admit(AuditRecord record, Instant now) {
            if (windowStart == null) {
                windowStart = now;
                refill(now);
            }
            Count seen = written.get(record);
            if (seen != null) {
                written.put(record, seen.again(now));
                return Admission.COUNTED;
            }
            if (budget > 0) {
                budget--;
                written.put(record, new Count(record, now, now, 0));
                return Admission.WRITE;
            }
            AuditRecord key = new AuditRecord(record.origin(), "*", "*", "*", "*", "*", "*");
            if (!overflow.containsKey(key) && overflow.size() >= OVERFLOW_ORIGINS) {
                key = ANY;
            }
            Count was = overflow.get(key);
            overflow.put(key, was == null ? new Count(key, now, now, 0).again(now) : was.again(now));
            return Admission.COUNTED;
        }

        /** One more different line allowed per window gone by since the last refill, up to the burst. */
        private void refill(Instant now) {
            if (lastRefill == null) {
                lastRefill = now;
                return;
            }
            long windows = Duration.between(lastRefill, now).dividedBy(WINDOW);
            if (windows > 0) {
                budget = (int) Math.min(DISTINCT_BURST, budget + windows);
                lastRefill = now;
            }
        }

        /** The counts to write; the next refusal starts a new window. */
        List<Count> drain() {
            List<Count> out = new ArrayList<>();
            written.values().stream().filter(c -> c.times() > 0).forEach(out::add);
            out.addAll(overflow.values());
            written.clear();
            overflow.clear();
            windowStart = null;
            return out;
        }
    }
}
