package vn.kyso.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.javalin.Javalin;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.javalin.http.staticfiles.Location;

/**
 * A provincial document system written against VGCA's vgcaplugin.js, now given Kyso Agent's vgca-compat.js instead:
 * its page (demo/src/test/web/legacy), its file store behind a bearer token, and its FileUploadHandler, which records
 * every multipart upload it receives. Started without a page it is a foreign server that only counts what reaches it.
 */
final class LegacyDocumentSystem implements AutoCloseable {

    /** One upload as the FileUploadHandler parsed it. */
    record Received(String stage, String fileName, byte[] content, String sessionId, String jwtToken,
                    String authorization) {
    }

    static final String DRAFT = "quyet-dinh-chuyen-doi-so";
    /** The e-invoice (Tax Department layout, unsigned) the page hands to vgca_sign_xml, as files/invoice.xml. */
    static final String INVOICE = "demo/src/test/web/legacy/hoa-don.xml";
    /** An attachment with no signature format of its own, for vgca_sign_file (files/bang-ke.csv). */
    static final byte[] ATTACHMENT = "STT,Tên hàng,Số lượng,Thành tiền\n1,Máy quét tài liệu,2,36.000.000\n"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final Javalin app;
    private final String sessionId = "ASP.NET_SessionId=" + UUID.randomUUID();
    private final String jwt = "eyJ" + UUID.randomUUID().toString().replace("-", "");
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<Received> uploads = new CopyOnWriteArrayList<>();
    private final List<String> unauthorised = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();

    private LegacyDocumentSystem(int port, Path page, Path client, String agentUrl, byte[] draft, byte[] invoice) {
        files.put("draft.pdf", draft);
        files.put("invoice.xml", invoice);
        files.put("bang-ke.csv", ATTACHMENT);
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.startupWatcherEnabled = false;
            config.jetty.host = "127.0.0.1";
            config.http.maxRequestSize = 64L * 1024 * 1024;
            if (client != null) {
                config.staticFiles.add(files -> {
                    files.hostedPath = "/js/kyso";
                    files.directory = client.toAbsolutePath().normalize().toString();
                    files.location = Location.EXTERNAL;
                    files.mimeTypes.add("text/javascript; charset=utf-8", "js");
                });
            }
            config.routes.before(ctx -> requests.incrementAndGet());
            if (page != null) {
                config.routes.get("/", ctx -> ctx.contentType(ContentType.TEXT_HTML).result(Files.readString(page)
                        .replace("{{AGENT_URL}}", agentUrl).replace("{{SESSION_ID}}", sessionId)
                        .replace("{{JWT}}", jwt)));
                config.routes.get("/files/{name}", this::download);
                config.routes.post("/FileUploadHandler", this::upload);
            }
        });
        app.start(port);
    }

    /** The document system on {@code port} (0: any), serving the legacy page and js-client/src under /js/kyso. */
    static LegacyDocumentSystem start(int port, Path repository, String agentUrl, byte[] draft) {
        try {
            return new LegacyDocumentSystem(port, repository.resolve("demo/src/test/web/legacy/index.html"),
                    repository.resolve("js-client/src"), agentUrl, draft,
                    Files.readAllBytes(repository.resolve(INVOICE)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server on another origin that answers nothing useful and counts every request. */
    static LegacyDocumentSystem counting() {
        return new LegacyDocumentSystem(0, null, null, null, new byte[0], new byte[0]);
    }

    private void download(Context ctx) {
        // like the real systems: files only for the signed-in user, whose JWT the page hands to the plugin
        if (!("Bearer " + jwt).equals(ctx.header("Authorization"))) {
            unauthorised.add(ctx.path());
            ctx.status(401).json(Map.of("error", "unauthorised"));
            return;
        }
        String name = ctx.pathParam("name");
        byte[] file = files.get(name);
        if (file == null) {
            ctx.status(404).json(Map.of("error", "no file"));
            return;
        }
        ctx.contentType(name.endsWith(".xml") ? "application/xml" : name.endsWith(".csv") ? "text/csv"
                : name.endsWith(".p7s") ? "application/pkcs7-signature" : ContentType.APPLICATION_PDF.getMimeType())
                .result(file);
    }

    /** The FileUploadHandler of vgcaplugin.js: multipart part {@code uploadfile}, answers {Status, Message, …}. */
    private void upload(Context ctx) throws IOException {
        String stage = ctx.queryParam("stage");
        UploadedFile file = ctx.uploadedFile("uploadfile");
        if (stage == null || !stage.matches("[a-z]+") || file == null) {
            ctx.json(Map.of("Status", false, "Message", "Thiếu tệp hoặc bước xử lý"));
            return;
        }
        byte[] content;
        try (var in = file.content()) {
            content = in.readAllBytes();
        }
        uploads.add(new Received(stage, file.filename(), content, ctx.formParam("SessionId"), ctx.formParam("JWTToken"),
                ctx.header("Authorization")));
        String lower = file.filename().toLowerCase(Locale.ROOT);
        String name = stage + (lower.endsWith(".xml") ? ".xml" : lower.endsWith(".p7s") ? ".p7s" : ".pdf");
        files.put(name, content);
        ctx.json(Map.of("Status", true, "Message", "Đã lưu " + name, "FileName", name,
                "FileServer", origin() + "/files/" + name));
    }

    String origin() {
        return "http://localhost:" + app.port();
    }

    /** The address the foreign server is reached at (not an allowed origin). */
    String loopbackOrigin() {
        return "http://127.0.0.1:" + app.port();
    }

    String sessionId() {
        return sessionId;
    }

    String jwt() {
        return jwt;
    }

    List<Received> uploads() {
        return List.copyOf(uploads);
    }

    /** Downloads refused for a missing or wrong bearer token. */
    List<String> unauthorised() {
        return List.copyOf(unauthorised);
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        app.stop();
    }

    static byte[] draft(Path samples) throws IOException {
        return Files.readAllBytes(samples.resolve(SampleDocuments.draft(DRAFT).fileName()));
    }
}
