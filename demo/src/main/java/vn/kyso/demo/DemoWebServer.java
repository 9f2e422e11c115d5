package vn.kyso.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.javalin.Javalin;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;

/**
 * "Hệ thống quản lý văn bản — demo": a tiny document system of the kind the agent serves, on 127.0.0.1, separate from
 * the agent's bridge. It serves the page (demo/src/main/web), the js-client library as an ES module, pdf.js for the
 * viewer, and keeps the documents and their signed versions in memory: signing happens in the browser through the
 * agent; this server only stores what the page sends back, as a real document system would.
 */
public final class DemoWebServer implements AutoCloseable {

    /** Where the page, the client library and the PDF viewer are read from (a checkout of the repository). */
    public record WebRoots(Path page, Path client, Path pdfjs) {

        /** The folders of a checkout: demo/src/main/web, js-client/src, js-client/node_modules/pdfjs-dist/build. */
        public static WebRoots of(Path repository) {
            return new WebRoots(repository.resolve("demo/src/main/web"), repository.resolve("js-client/src"),
                    repository.resolve("js-client/node_modules/pdfjs-dist/build"));
        }
    }

    private static final long MAX_PDF_BYTES = 120L * 1024 * 1024;

    private final Javalin app;
    private final DocumentShelf shelf;

    private DemoWebServer(Javalin app, DocumentShelf shelf) {
        this.app = app;
        this.shelf = shelf;
    }

    /**
     * @param port     0 picks a free one
     * @param agentUrl the agent's base URL the page connects to
     * @param samples  the folder {@link SampleDocuments#writeAll} filled
     */
    public static DemoWebServer start(int port, WebRoots roots, String agentUrl, Path samples) throws IOException {
        return start("127.0.0.1", port, roots, agentUrl, samples);
    }

    /** @param host the address to listen on: loopback for the demo; tests also serve from a LAN address */
    public static DemoWebServer start(String host, int port, WebRoots roots, String agentUrl, Path samples)
            throws IOException {
        return start(host, port, null, null, roots, agentUrl, samples);
    }

    /**
     * @param tls      a key store holding the server's key and certificate, to serve over https (null: http)
     * @param password the key store's and the key's password
     */
    public static DemoWebServer start(String host, int port, java.security.KeyStore tls, char[] password,
                                      WebRoots roots, String agentUrl, Path samples) throws IOException {
        DocumentShelf shelf = DocumentShelf.load(samples);
        byte[] signature = Files.readAllBytes(samples.resolve("signature.png"));
        byte[] seal = Files.readAllBytes(samples.resolve("seal.png"));
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.startupWatcherEnabled = false;
            config.jetty.host = host;
            config.http.maxRequestSize = MAX_PDF_BYTES;
            if (tls != null) {
                config.jetty.addConnector((server, http) -> httpsConnector(server, http, host, port, tls, password));
            }
            staticFolder(config, "/", roots.page());
            staticFolder(config, "/lib/kyso", roots.client());
            if (Files.isDirectory(roots.pdfjs())) {
                staticFolder(config, "/lib/pdfjs", roots.pdfjs());
            }
            config.routes.before(ctx -> ctx.header("Cache-Control", "no-store"));
            config.routes.get("/api/config", ctx -> ctx.json(Map.of("agentUrl", agentUrl,
                    "agency", SampleDocuments.AGENCY, "organisation", SampleDocuments.ORGANISATION,
                    "user", SampleDocuments.DRAFTS.get(0).nameLine(),
                    "numberLabel", SampleDocuments.NUMBER_LABEL, "dateLabel", SampleDocuments.DATE_LABEL,
                    "viewer", Files.isDirectory(roots.pdfjs()))));
            config.routes.get("/api/documents", ctx -> ctx.json(shelf.list()));
            config.routes.get("/api/documents/{id}/pdf", ctx -> {
                DocumentShelf.Entry entry = shelf.get(ctx.pathParam("id"));
                ctx.contentType(ContentType.APPLICATION_PDF).header("Content-Disposition",
                        "inline; filename=\"" + entry.id() + ".pdf\"").result(entry.pdf());
            });
            config.routes.post("/api/documents/{id}/approved",
                    ctx -> ctx.json(shelf.approved(ctx.pathParam("id"), pdfBody(ctx))));
            config.routes.post("/api/documents/{id}/issued", ctx -> ctx.json(shelf.issued(ctx.pathParam("id"),
                    pdfBody(ctx), required(ctx, "number"), required(ctx, "date"))));
            config.routes.post("/api/documents/{id}/copies",
                    ctx -> ctx.json(shelf.copied(ctx.pathParam("id"), pdfBody(ctx))));
            config.routes.get("/assets/signature.png",
                    ctx -> ctx.contentType(ContentType.IMAGE_PNG).result(signature));
            config.routes.get("/assets/seal.png", ctx -> ctx.contentType(ContentType.IMAGE_PNG).result(seal));
            config.routes.exception(IllegalArgumentException.class,
                    (e, ctx) -> ctx.status(400).json(Map.of("error", e.getMessage())));
            config.routes.exception(java.util.NoSuchElementException.class, (e, ctx) -> ctx.status(404)
                    .json(Map.of("error", e.getMessage())));
        });
        app.start(port);
        return new DemoWebServer(app, shelf);
    }

    /** Javalin adds no plain connector once one is configured: the server speaks https only. */
    private static org.eclipse.jetty.server.ServerConnector httpsConnector(org.eclipse.jetty.server.Server server,
            org.eclipse.jetty.server.HttpConfiguration http, String host, int port, java.security.KeyStore tls,
            char[] password) {
        org.eclipse.jetty.util.ssl.SslContextFactory.Server ssl = new org.eclipse.jetty.util.ssl.SslContextFactory.Server();
        ssl.setKeyStore(tls);
        ssl.setKeyStorePassword(new String(password));
        org.eclipse.jetty.server.HttpConfiguration https = new org.eclipse.jetty.server.HttpConfiguration(http);
        https.addCustomizer(new org.eclipse.jetty.server.SecureRequestCustomizer());
        org.eclipse.jetty.server.ServerConnector connector = new org.eclipse.jetty.server.ServerConnector(server,
                new org.eclipse.jetty.server.SslConnectionFactory(ssl, "http/1.1"),
                new org.eclipse.jetty.server.HttpConnectionFactory(https));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }

    private static void staticFolder(io.javalin.config.JavalinConfig config, String hostedPath, Path directory) {
        config.staticFiles.add(files -> {
            files.hostedPath = hostedPath;
            files.directory = directory.toAbsolutePath().normalize().toString();
            files.location = Location.EXTERNAL;
            files.mimeTypes.add("text/javascript; charset=utf-8", "mjs", "js");
        });
    }

    private static byte[] pdfBody(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length < 5 || !new String(body, 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-")) {
            throw new IllegalArgumentException("not a PDF");
        }
        return body;
    }

    private static String required(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value.trim();
    }

    public int port() {
        return app.port();
    }

    public String origin() {
        return "http://localhost:" + port();
    }

    @Override
    public void close() {
        app.stop();
    }

    /** The documents and their latest versions, in memory; the drafts come back when the demo restarts. */
    static final class DocumentShelf {

        record Entry(String id, String kind, String abbreviation, String subject, String titleLine, String nameLine, String status,
                     String number, String issueDate, String copyOf, int version, byte[] pdf) {

            Map<String, Object> view() {
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("id", id);
                view.put("kind", kind);
                view.put("abbreviation", abbreviation);
                view.put("subject", subject);
                view.put("titleLine", titleLine);
                view.put("nameLine", nameLine);
                view.put("status", status);
                view.put("number", number);
                view.put("issueDate", issueDate);
                view.put("copyOf", copyOf);
                view.put("version", version);
                view.put("size", pdf.length);
                return view;
            }

            Entry next(String newStatus, String newNumber, String newDate, byte[] newPdf) {
                return new Entry(id, kind, abbreviation, subject, titleLine, nameLine, newStatus, newNumber, newDate, copyOf,
                        version + 1, newPdf);
            }
        }

        private final Map<String, Entry> entries = new LinkedHashMap<>();

        static DocumentShelf load(Path samples) throws IOException {
            DocumentShelf shelf = new DocumentShelf();
            for (SampleDocuments.Draft draft : SampleDocuments.DRAFTS) {
                shelf.entries.put(draft.id(), new Entry(draft.id(), draft.kind(), draft.abbreviation(), draft.subject(), draft.titleLine(),
                        draft.nameLine(), "DRAFT", null, null, null, 1,
                        Files.readAllBytes(samples.resolve(draft.fileName()))));
            }
            return shelf;
        }

        synchronized List<Map<String, Object>> list() {
            List<Map<String, Object>> list = new ArrayList<>();
            entries.values().forEach(e -> list.add(e.view()));
            return list;
        }

        synchronized Entry get(String id) {
            Entry entry = entries.get(id);
            if (entry == null) {
                throw new java.util.NoSuchElementException("no document " + id);
            }
            return entry;
        }

        synchronized Map<String, Object> approved(String id, byte[] pdf) {
            Entry entry = get(id);
            expect(entry, "DRAFT");
            Entry next = entry.next("APPROVED", null, null, pdf);
            entries.put(id, next);
            return next.view();
        }

        synchronized Map<String, Object> issued(String id, byte[] pdf, String number, String date) {
            Entry entry = get(id);
            expect(entry, "APPROVED");
            LocalDate.parse(date);
            Entry next = entry.next("ISSUED", number, date, pdf);
            entries.put(id, next);
            return next.view();
        }

        synchronized Map<String, Object> copied(String id, byte[] pdf) {
            Entry original = get(id);
            expect(original, "ISSUED");
            String copyId = id + "-ban-sao-" + (entries.keySet().stream().filter(k -> k.startsWith(id + "-ban-sao-"))
                    .count() + 1);
            Entry copy = new Entry(copyId, "BẢN SAO ĐIỆN TỬ", original.abbreviation(),
                    original.kind() + " " + original.subject(), null, null,
                    "COPY", original.number(), original.issueDate(), id, 1, pdf);
            entries.put(copyId, copy);
            return copy.view();
        }

        private static void expect(Entry entry, String status) {
            if (!entry.status().equals(status)) {
                throw new IllegalArgumentException("document " + entry.id() + " is " + entry.status() + ", not "
                        + status);
            }
        }
    }
}
