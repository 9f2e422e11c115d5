package vn.kyso.vgca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.InMemoryDocument;
import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.audit.AuditLog;
import vn.kyso.cms.DssCades;
import vn.kyso.consent.ConsentPrompt;
import vn.kyso.consent.ConsentRequest;
import vn.kyso.pdf.PadesTestSupport;
import vn.kyso.pdf.appearance.WorkflowSamples;
import vn.kyso.pki.TrustStore;
import vn.kyso.server.AgentHarness;
import vn.kyso.testkit.SocketClient;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;
import vn.kyso.token.TokenManager;
import vn.kyso.verify.DocumentReport;
import vn.kyso.verify.Indication;
import vn.kyso.verify.PdfSignatureVerifier;
import vn.kyso.xml.XmlTestSupport;

/**
 * The VGCA plugin's operations end to end, as a provincial document system uses them: a page on the document
 * system's origin drives the agent over a real WebSocket; the agent downloads from and uploads to that document
 * system (a real HTTP server recording every multipart part), signs on SoftHSM2 tokens with the test PKI's OCSP, CRL
 * and TSA, and a second server on a foreign origin counts every request that reaches it — there must be none.
 */
class VgcaOverSocketTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_DOCUMENT = 2L * 1024 * 1024;
    /** An arbitrary file for SignFile: a CSV list, no signature format of its own. */
    private static final byte[] BANG_KE = "STT,Tên hàng,Số lượng,Thành tiền\n1,Giấy A4,50,4.250.000\n"
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dir;
    private static TokenManager tokens;
    private static AgentHarness agent;
    private static AgentHarness.Person person;
    private static Javalin documentSystem;
    private static HttpServer fileStore;
    private static HttpServer foreign;
    private static String app;
    private static String store;
    private static String foreignOrigin;
    private static AuditLog audit;
    private static PdfSignatureVerifier verifier;
    private static String anId;
    private static String orgId;
    private static byte[] quyetDinh;

    private static final AtomicInteger FOREIGN_REQUESTS = new AtomicInteger();
    private static final AtomicInteger DOWNLOADS = new AtomicInteger();
    private static final List<Received> UPLOADS = new CopyOnWriteArrayList<>();
    private static final Map<String, byte[]> STORED = new ConcurrentHashMap<>();

    /** One multipart upload as the document system's FileUploadHandler parsed it. */
    record Received(String path, String fileName, byte[] content, Map<String, String> fields, String authorization) {
    }

    @BeforeAll
    static void start() throws Exception {
        TestEnvironment env = TestEnvironment.shared();
        quyetDinh = WorkflowSamples.quyetDinh();
        foreign = countingServer(FOREIGN_REQUESTS, null);
        foreignOrigin = "http://127.0.0.1:" + foreign.getAddress().getPort();
        byte[] other = WorkflowSamples.quyetDinh();
        fileStore = countingServer(new AtomicInteger(), other);
        store = "http://127.0.0.1:" + fileStore.getAddress().getPort();
        documentSystem = documentSystem();
        app = "http://127.0.0.1:" + documentSystem.port();

        Path signature = Files.write(dir.resolve("chu-ky.png"), WorkflowSamples.signaturePng());
        Path seal = Files.write(dir.resolve("con-dau.png"), WorkflowSamples.sealPng());
        agent = AgentHarness.in(dir).origins(app).idleTimeout(Duration.ofMinutes(5))
                .methods(AgentHarness.withVgca(null, new VgcaSettings(List.of(store),
                        new StampImages(signature, seal), MAX_DOCUMENT, Duration.ofSeconds(20)))).start();
        tokens = agent.tokens();
        audit = agent.audit();
        person = agent.person();
        anId = certificateId(TestPki.PERSONAL_AN);
        orgId = certificateId(TestPki.ORGANISATION);
        TrustStore trust = TrustStore.empty();
        trust.add(env.pki().root());
        verifier = PdfSignatureVerifier.builder(trust).build();
    }

    @AfterAll
    static void stop() {
        agent.close();
        documentSystem.stop();
        fileStore.stop(0);
        foreign.stop(0);
    }

    @BeforeEach
    void reset() {
        FOREIGN_REQUESTS.set(0);
        DOWNLOADS.set(0);
        UPLOADS.clear();
        person.reset();
    }

    /** The provincial document system: its files, a store of what was uploaded, and its FileUploadHandler. */
    private static Javalin documentSystem() {
        AtomicInteger stored = new AtomicInteger();
        Javalin server = Javalin.create(config -> {
            config.routes.get("/files/qd.pdf", ctx -> {
                DOWNLOADS.incrementAndGet();
                ctx.contentType("application/pdf").result(quyetDinh);
            });
            config.routes.get("/files/hoa-don.xml", ctx -> {
                DOWNLOADS.incrementAndGet();
                ctx.contentType("application/xml").result(XmlTestSupport.invoice());
            });
            config.routes.get("/files/bang-ke.csv", ctx -> {
                DOWNLOADS.incrementAndGet();
                ctx.contentType("text/csv").result(BANG_KE);
            });
            config.routes.get("/files/big.pdf", ctx -> {
                DOWNLOADS.incrementAndGet();
                ctx.contentType("application/pdf").result(new byte[(int) MAX_DOCUMENT + 1]);
            });
            config.routes.get("/files/big-unannounced.pdf", ctx -> {
                DOWNLOADS.incrementAndGet();
                // a stream of unknown length: the agent must stop reading at the limit, not trust a header
                ctx.contentType("application/pdf").result(new java.io.InputStream() {
                    private long left = 3 * MAX_DOCUMENT;

                    @Override
                    public int read() {
                        return left-- > 0 ? '%' : -1;
                    }
                });
            });
            config.routes.get("/moved/qd.pdf", ctx -> ctx.redirect("/files/qd.pdf", HttpStatus.FOUND));
            config.routes.get("/moved-away/qd.pdf",
                    ctx -> ctx.redirect(foreignOrigin + "/files/qd.pdf", HttpStatus.FOUND));
            config.routes.get("/stored/{id}", ctx -> {
                DOWNLOADS.incrementAndGet();
                byte[] bytes = STORED.get(ctx.pathParam("id"));
                if (bytes == null) {
                    ctx.status(404);
                    return;
                }
                ctx.contentType("application/pdf").result(bytes);
            });
            config.routes.post("/FileUploadHandler", ctx -> {
                Received received = record(ctx);
                String id = String.valueOf(stored.incrementAndGet());
                STORED.put(id, received.content());
                ctx.json(Map.of("Status", true, "Message", "Đã lưu", "FileName", "vb-" + id + ".pdf",
                        "FileServer", app + "/stored/" + id));
            });
            config.routes.post("/RefusingHandler", ctx -> {
                record(ctx);
                ctx.json(Map.of("Status", false, "Message", "Phiên làm việc đã hết hạn"));
            });
        });
        return server.start("127.0.0.1", 0);
    }

    private static Received record(io.javalin.http.Context ctx) throws Exception {
        UploadedFile file = ctx.uploadedFile("uploadfile");
        Map<String, String> fields = new LinkedHashMap<>();
        ctx.formParamMap().forEach((k, v) -> fields.put(k, v.isEmpty() ? null : v.get(0)));
        Received received = new Received(ctx.path(), file == null ? null : file.filename(),
                file == null ? null : file.content().readAllBytes(), fields, ctx.header("Authorization"));
        UPLOADS.add(received);
        return received;
    }

    /** A server that counts every request; serves {@code body} (when given) for any GET. */
    private static HttpServer countingServer(AtomicInteger counter, byte[] body) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            counter.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] answer = body != null ? body : "{\"Status\":true,\"FileName\":\"stolen.pdf\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String certificateId(String label) {
        return tokens.certificates().stream().filter(c -> c.label().equals(label)).findFirst().orElseThrow().id();
    }

    // ---- the page's side --------------------------------------------------------------------------------------

    /** A page on the document system's origin, calling the legacy methods. */
    static final class Page {
        final SocketClient socket;

        Page() throws InterruptedException {
            socket = agent.open(app);
        }

        /** Sends a request without waiting; returns its id. */
        String send(String method, JsonNode params) {
            return socket.send(method, params.toString());
        }

        JsonNode call(String method, JsonNode params) throws Exception {
            return socket.call(method, params.toString());
        }

        /** The legacy reply of a vgca.* method (a protocol error fails the test). */
        JsonNode legacy(String method, JsonNode params) throws Exception {
            JsonNode answer = call(method, params);
            assertTrue(answer.has("result"), answer.toString());
            return answer.get("result");
        }

        JsonNode sign(String operation, ObjectNode job) throws Exception {
            ObjectNode params = JSON.createObjectNode().put("operation", operation);
            params.set("job", job);
            return legacy("vgca.sign", params);
        }

        void close() {
            socket.close();
        }
    }

    private static ObjectNode job(String fileName, String handler, String certificateId, String... meta) {
        ObjectNode job = JSON.createObjectNode().put("FileUploadHandler", handler).put("SessionId", "sess-8f2a")
                .put("JWTToken", "eyJhbGciOi.payload.sig").put("FileName", fileName);
        if (certificateId != null) {
            job.put("CertificateId", certificateId);
        }
        ArrayNode metaData = job.putArray("MetaData");
        for (int i = 0; i < meta.length; i += 2) {
            metaData.addObject().put("Key", meta[i]).put("Value", meta[i + 1]);
        }
        return job;
    }

    private static DocumentReport verified(byte[] pdf) {
        return verifier.verify(pdf);
    }

    // ---- the tests ----------------------------------------------------------------------------------------------

    @Test
    void approveIssueCopyReachTheHandlerAsValidSignedPdfsWithTheCredentialsForwarded() throws Exception {
        Page page = new Page();
        // approve, through a same-origin redirect
        JsonNode approved = page.sign("SignApproved", job(app + "/moved/qd.pdf", app + "/FileUploadHandler", anId,
                "TitleLine", "KT. CHỦ TỊCH"));
        assertEquals(0, approved.get("Status").asInt(), approved.toString());
        assertEquals("vb-", approved.get("FileName").asText().substring(0, 3));
        assertTrue(approved.get("FileServer").asText().startsWith(app + "/stored/"), approved.toString());
        Received first = UPLOADS.get(0);
        assertEquals("qd.pdf", first.fileName());
        assertEquals("sess-8f2a", first.fields().get("SessionId"));
        assertEquals("eyJhbGciOi.payload.sig", first.fields().get("JWTToken"));
        assertEquals("Bearer eyJhbGciOi.payload.sig", first.authorization());
        assertEquals(Indication.TOTAL_PASSED, verified(first.content()).indication());

        // issue: the clerk's number and date, the seal over the approval
        ObjectNode issueJob = job(approved.get("FileServer").asText(), app + "/FileUploadHandler", orgId,
                "DateLabel", "Bắc Ninh,");
        issueJob.put("DocNumber", "125/QĐ-UBND").put("IssuedDate", "27/11/2025");
        JsonNode issued = page.sign("SignIssued", issueJob);
        assertEquals(0, issued.get("Status").asInt(), issued.toString());
        assertEquals("125/QĐ-UBND", issued.get("DocumentNumber").asText());
        assertEquals("ngày 27 tháng 11 năm 2025", issued.get("DocumentDate").asText());
        byte[] issuedPdf = UPLOADS.get(1).content();
        String stamps = WorkflowSamples.annotationText(issuedPdf, 0);
        assertTrue(stamps.contains("125/QĐ-UBND") && stamps.contains("ngày 27 tháng 11 năm 2025"), stamps);

        // electronic copy of the issued document
        JsonNode copied = page.sign("SignCopy", job(issued.get("FileServer").asText(), app + "/FileUploadHandler",
                orgId, "CopyForm", "SAO_Y"));
        assertEquals(0, copied.get("Status").asInt(), copied.toString());
        byte[] copy = UPLOADS.get(2).content();
        assertTrue(WorkflowSamples.annotationText(copy, 0).contains("SAO Y"));

        DocumentReport report = verified(copy);
        assertEquals(Indication.TOTAL_PASSED, report.indication(), report.toString());
        assertEquals(3, report.signatures().stream().filter(s -> !s.documentTimestamp()).count());
        PadesTestSupport.assertDss(issuedPdf, SignatureLevel.PAdES_BASELINE_LT, SignatureLevel.PAdES_BASELINE_LT);
        // the organisation's key signs a second time seconds after the first: its evidence must still postdate the
        // new time-stamp, not come from the OCSP cache of the first signing
        PadesTestSupport.assertDss(copy, SignatureLevel.PAdES_BASELINE_LT, SignatureLevel.PAdES_BASELINE_LT,
                SignatureLevel.PAdES_BASELINE_LT);
        assertEquals(List.of("Ký phê duyệt", "Phát hành văn bản", "Ký bản sao điện tử"),
                person.consent().asked().stream().map(ConsentRequest::operationVi).toList());
        assertTrue(person.consent().asked().stream().allMatch(c -> c.origin().equals(app)),
                "the dialog shows the page's origin");
        assertEquals("qd.pdf", person.consent().asked().get(0).documentName());
        String log = Files.readString(audit.file());
        assertTrue(log.contains("\"operation\":\"vgca.SignApproved\"") && log.contains("vgca.SignIssued")
                && log.contains("vgca.SignCopy"), log);
        assertTrue(log.contains("from 127.0.0.1:" + documentSystem.port() + " to 127.0.0.1:" + documentSystem.port()));
        assertTrue(audit.verify().intact());
        assertEquals(0, FOREIGN_REQUESTS.get());
        page.close();
    }

    @Test
    void foreignDownloadOrUploadUrlsAreRefusedBeforeAnyRequestIsMade() throws Exception {
        Page page = new Page();
        JsonNode fromForeign = page.sign("SignApproved", job(foreignOrigin + "/files/qd.pdf",
                app + "/FileUploadHandler", anId, "TitleLine", "KT. CHỦ TỊCH"));
        assertEquals(1, fromForeign.get("Status").asInt());
        assertEquals("URL_NOT_ALLOWED", fromForeign.get("ErrorCode").asText());
        assertTrue(fromForeign.get("Message").asText().contains("Không được phép"), fromForeign.toString());

        JsonNode toForeign = page.sign("SignApproved", job(app + "/files/qd.pdf", foreignOrigin + "/collect",
                anId, "TitleLine", "KT. CHỦ TỊCH"));
        assertEquals("URL_NOT_ALLOWED", toForeign.get("ErrorCode").asText());
        assertEquals(0, DOWNLOADS.get(), "the upload URL is checked before the document is even downloaded");

        for (String bad : List.of("file:///etc/passwd", "http://user:pw@127.0.0.1:" + documentSystem.port()
                + "/files/qd.pdf", "ftp://127.0.0.1/qd.pdf", "/files/qd.pdf",
                "http://127.0.0.1.evil.example:" + documentSystem.port() + "/files/qd.pdf")) {
            JsonNode refused = page.sign("SignApproved", job(bad, app + "/FileUploadHandler", anId,
                    "TitleLine", "KT. CHỦ TỊCH"));
            assertEquals("URL_NOT_ALLOWED", refused.get("ErrorCode").asText(), bad + " → " + refused);
        }
        assertEquals(0, FOREIGN_REQUESTS.get(), "the foreign server received nothing");
        assertEquals(0, UPLOADS.size());
        assertTrue(person.consent().asked().isEmpty(), "nobody is asked to sign what cannot be sent");
        assertTrue(Files.readString(audit.file()).contains("\"result\":\"URL_NOT_ALLOWED\""));
        page.close();
    }

    @Test
    void aRedirectToAnotherOriginIsNotFollowed() throws Exception {
        Page page = new Page();
        JsonNode answer = page.sign("SignApproved", job(app + "/moved-away/qd.pdf", app + "/FileUploadHandler",
                anId, "TitleLine", "KT. CHỦ TỊCH"));
        assertEquals("URL_NOT_ALLOWED", answer.get("ErrorCode").asText(), answer.toString());
        assertTrue(answer.get("MessageEn").asText().contains("redirect"), answer.toString());
        assertEquals(0, FOREIGN_REQUESTS.get());
        assertEquals(0, UPLOADS.size());
        page.close();
    }

    @Test
    void signFilesAnswersPerFileAndSendsNothingToTheBadUrl() throws Exception {
        Page page = new Page();
        ObjectNode job = JSON.createObjectNode().put("FileUploadHandler", app + "/FileUploadHandler")
                .put("SessionId", "sess-1").put("JWTToken", "jwt-1").put("CertificateId", anId);
        ArrayNode files = job.putArray("Files");
        files.addObject().put("FileID", "101").put("FileName", "to-trinh.pdf").put("URL", app + "/files/qd.pdf");
        files.addObject().put("FileID", "102").put("FileName", "la.pdf").put("URL", foreignOrigin + "/files/qd.pdf");
        files.addObject().put("FileID", "103").put("FileName", "phu-luc.pdf").put("URL", store + "/kho/phu-luc.pdf");
        JsonNode result = page.legacy("vgca.signFiles", JSON.createObjectNode().set("job", job));
        assertEquals(1, result.get("Status").asInt(), "not every file succeeded: " + result);
        List<Integer> statuses = new ArrayList<>();
        result.get("Files").forEach(f -> statuses.add(f.get("Status").asInt()));
        assertEquals(List.of(0, 1, 0), statuses, result.toString());
        assertEquals("URL_NOT_ALLOWED", result.get("Files").get(1).get("ErrorCode").asText());
        assertEquals("101", result.get("Files").get(0).get("FileID").asText());
        assertEquals(2, UPLOADS.size());
        assertEquals(List.of("101", "103"), UPLOADS.stream().map(u -> u.fields().get("FileID")).toList());
        assertEquals(List.of("to-trinh.pdf", "phu-luc.pdf"), UPLOADS.stream().map(Received::fileName).toList());
        for (Received upload : UPLOADS) {
            assertEquals(Indication.TOTAL_PASSED, verified(upload.content()).indication());
            assertEquals("jwt-1", upload.fields().get("JWTToken"));
        }
        assertEquals(0, FOREIGN_REQUESTS.get());
        assertTrue(person.pin().count() <= 1, "one login serves the batch: " + person.pin().count());
        page.close();
    }

    @Test
    void refusedConsentUploadsNothingAndAnswersInTheLegacyShape() throws Exception {
        person.consent().standing(ConsentPrompt.Decision.REFUSE);
        Page page = new Page();
        JsonNode answer = page.sign("SignApproved", job(app + "/files/qd.pdf", app + "/FileUploadHandler", anId,
                "TitleLine", "KT. CHỦ TỊCH"));
        assertEquals(1, answer.get("Status").asInt());
        assertEquals("CONSENT_REFUSED", answer.get("ErrorCode").asText());
        assertEquals("Người dùng đã từ chối ký.", answer.get("Message").asText());
        assertFalse(answer.has("DocumentId"), "nothing was signed, so nothing is kept");
        assertEquals(0, UPLOADS.size());
        assertEquals(0, person.pin().count());
        page.close();
    }

    @Test
    void aRefusedUploadIsReportedAndTheSignedDocumentStaysInTheConnectionOnly() throws Exception {
        Page page = new Page();
        JsonNode answer = page.sign("SignApproved", job(app + "/files/qd.pdf", app + "/RefusingHandler", anId,
                "TitleLine", "KT. CHỦ TỊCH"));
        assertEquals(1, answer.get("Status").asInt());
        assertEquals("UPLOAD_REFUSED", answer.get("ErrorCode").asText());
        assertTrue(answer.get("Message").asText().contains("Phiên làm việc đã hết hạn"), answer.toString());
        String documentId = answer.get("DocumentId").asText();
        byte[] bytes = page.socket.download(documentId);
        assertArrayEquals(UPLOADS.get(0).content(), bytes, "the page can still fetch exactly what the handler refused");
        assertEquals(Indication.TOTAL_PASSED, verified(bytes).indication());
        page.close();
    }

    @Test
    void oversizeDownloadsAreCutOffWithOrWithoutALengthHeader() throws Exception {
        Page page = new Page();
        for (String path : List.of("/files/big.pdf", "/files/big-unannounced.pdf")) {
            JsonNode answer = page.sign("SignApproved", job(app + path, app + "/FileUploadHandler", anId,
                    "TitleLine", "KT. CHỦ TỊCH"));
            assertEquals("DOWNLOAD_TOO_LARGE", answer.get("ErrorCode").asText(), path + " → " + answer);
        }
        assertTrue(person.consent().asked().isEmpty());
        assertEquals(0, UPLOADS.size());
        page.close();
    }

    @Test
    void missingPlacementOrAmbiguousCertificateIsRefusedBeforeDownloading() throws Exception {
        Page page = new Page();
        JsonNode noTitle = page.sign("SignApproved", job(app + "/files/qd.pdf", app + "/FileUploadHandler", anId));
        assertEquals("PLACEMENT_UNKNOWN", noTitle.get("ErrorCode").asText(), noTitle.toString());
        assertTrue(noTitle.get("MessageEn").asText().contains("TitleLine"));
        JsonNode noChoice = page.sign("SignCopy", job(app + "/files/qd.pdf", app + "/FileUploadHandler", null));
        assertEquals("CERTIFICATE_CHOICE_REQUIRED", noChoice.get("ErrorCode").asText(), noChoice.toString());
        assertTrue(noChoice.get("MessageEn").asText().contains(orgId), "the candidates are listed");
        assertEquals(0, DOWNLOADS.get());
        page.close();
    }

    /**
     * SignXML: the e-invoice is downloaded, signed as the seller (enveloped XMLDSig in DSCKS/NBan), delivered to the
     * handler and then verified through VerifyXML; Office signing answers NOT_SUPPORTED in the legacy shape.
     */
    @Test
    void signXmlDeliversASignedEInvoiceThatVerifyXmlAcceptsAndOfficeIsNotSupported() throws Exception {
        Page page = new Page();
        JsonNode signed = page.legacy("vgca.signXml", JSON.createObjectNode().set("job",
                job(app + "/files/hoa-don.xml", app + "/FileUploadHandler", anId)));
        assertEquals(0, signed.get("Status").asInt(), signed.toString());
        Received upload = UPLOADS.get(UPLOADS.size() - 1);
        assertEquals("hoa-don.xml", upload.fileName());
        String xml = new String(upload.content(), StandardCharsets.UTF_8);
        assertTrue(xml.contains("<NBan><ds:Signature") && xml.contains("URI=\"#data\""), xml);
        String shown = String.join("\n", person.consent().asked().get(person.consent().count() - 1).contents());
        assertTrue(shown.contains("1C26TKS-0000123") && shown.contains("/HDon/DLHDon"), shown);

        JsonNode verified = page.legacy("vgca.verifyXml", JSON.createObjectNode().set("job", JSON.createObjectNode()
                .put("FileName", signed.get("FileServer").asText())));
        assertEquals(0, verified.get("Status").asInt(), verified.toString());
        assertEquals("Nguyễn Văn An", verified.get("Signatures").get(0).get("SignerName").asText());
        assertEquals("1C26TKS-0000123", verified.get("Report").get("xmlSignatures").get(0).get("invoice")
                .get("number").asText());

        JsonNode office = page.legacy("vgca.signOffice", JSON.createObjectNode().set("job",
                job(app + "/files/qd.pdf", app + "/FileUploadHandler", anId)));
        assertEquals(1, office.get("Status").asInt());
        assertEquals("NOT_SUPPORTED", office.get("ErrorCode").asText());
        assertEquals("NOT_SUPPORTED", page.legacy("vgca.verifyOffice", JSON.createObjectNode()).get("ErrorCode")
                .asText());
        assertTrue(Files.readString(audit.file()).contains("vgca.SignXML"));
        page.close();
    }

    @Test
    void vgcaSigningMethodsAreUnderThePerOriginLimitOfPendingPrompts() throws Exception {
        person.consent().hold();
        Page page = new Page();
        Page other = new Page();
        try {
            String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest("Công văn số 7".getBytes(StandardCharsets.UTF_8)));
            JsonNode msg = JSON.createObjectNode().set("job", JSON.createObjectNode().put("HashAlg", "SHA256")
                    .put("HashValue", hash).put("Encode", "RSA").put("CertificateId", anId));
            int limit = 4; // ServerSettings.Limits.defaults().maxPendingPerOrigin()
            List<String> held = new ArrayList<>();
            for (int i = 0; i < limit; i++) {
                held.add((i % 2 == 0 ? page : other).send("vgca.signMsg", msg));
            }
            for (int i = 0; i < 200 && person.consent().count() < limit; i++) {
                Thread.sleep(50);
            }
            assertEquals(limit, person.consent().count(), "as many dialogs as the limit are open");

            ObjectNode file = JSON.createObjectNode().put("operation", "SignApproved");
            file.set("job", job(app + "/files/qd.pdf", app + "/FileUploadHandler", anId));
            for (JsonNode refused : List.of(page.call("vgca.sign", file), other.call("vgca.signMsg", msg))) {
                assertEquals("TOO_MANY_PENDING_PROMPTS", refused.path("error").path("code").asText(),
                        refused.toString());
                assertTrue(refused.get("error").get("message_vi").asText().contains(app), refused.toString());
            }
            assertEquals(limit, person.consent().count(), "the refused requests never reached the person");
            assertEquals(0, DOWNLOADS.get(), "nor the document system");
            assertEquals("Kyso Agent", page.legacy("vgca.version", JSON.createObjectNode()).get("Product")
                    .asText(), "methods that ask nobody are not held up");

            person.consent().release();
            List<String> answered = new ArrayList<>();
            for (int i = 0; i < limit; i++) {
                JsonNode answer = (i % 2 == 0 ? page : other).socket.pollAnswer(Duration.ofSeconds(60));
                assertNotNull(answer);
                assertEquals(0, answer.path("result").path("Status").asInt(-1), answer.toString());
                answered.add(answer.get("id").asText());
            }
            assertEquals(Set.copyOf(held), Set.copyOf(answered));
            JsonNode again = page.legacy("vgca.signMsg", msg);
            assertEquals(0, again.get("Status").asInt(), "finished requests give their place back: " + again);
        } finally {
            person.consent().release();
            page.close();
            other.close();
        }
    }

    @Test
    void signMsgCertInfoVerifyPdfAndVersionAnswerInTheLegacyShapes() throws Exception {
        Page page = new Page();
        byte[] message = "Tờ trình số 12/TTr-SKHCN".getBytes(StandardCharsets.UTF_8);
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(message));
        JsonNode signed = signMsg(page, hash);
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Base64.getDecoder().decode(signed.get("CertBase64").asText())));
        Signature check = Signature.getInstance("SHA256withRSA");
        check.initVerify(certificate);
        check.update(message);
        assertTrue(check.verify(Base64.getDecoder().decode(signed.get("Signature").asText())));
        assertTrue(person.consent().asked().get(0).blind(), "hash signing is shown as blind");

        JsonNode info = page.legacy("vgca.certInfo", JSON.createObjectNode().set("job",
                JSON.createObjectNode().put("CertificateId", anId)));
        assertEquals(0, info.get("Status").asInt());
        assertEquals("Nguyễn Văn An", info.get("CertInfo").get("SubjectCN").asText());
        assertEquals(certificate, CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(
                Base64.getDecoder().decode(info.get("CertInfo").get("CertBase64").asText()))));

        JsonNode unsigned = page.legacy("vgca.verifyPdf", JSON.createObjectNode().set("job", JSON.createObjectNode()
                .put("SessionId", "s").put("FileName", app + "/files/qd.pdf")));
        assertEquals(1, unsigned.get("Status").asInt(), unsigned.toString());
        assertEquals(0, unsigned.get("Signatures").size());

        JsonNode approved = page.sign("SignApproved", job(app + "/files/qd.pdf", app + "/FileUploadHandler", anId,
                "TitleLine", "KT. CHỦ TỊCH"));
        JsonNode valid = page.legacy("vgca.verifyPdf", JSON.createObjectNode().set("job", JSON.createObjectNode()
                .put("FileName", approved.get("FileServer").asText())));
        assertEquals(0, valid.get("Status").asInt(), valid.toString());
        JsonNode signature = valid.get("Signatures").get(0);
        assertTrue(signature.get("IsValid").asBoolean());
        assertEquals("Nguyễn Văn An", signature.get("SignerName").asText());
        assertEquals("TOTAL_PASSED", valid.get("Report").get("indication").asText(), valid.get("Report").toString());

        JsonNode foreignVerify = page.legacy("vgca.verifyPdf", JSON.createObjectNode().set("job",
                JSON.createObjectNode().put("FileName", foreignOrigin + "/files/qd.pdf")));
        assertEquals("URL_NOT_ALLOWED", foreignVerify.get("ErrorCode").asText());
        assertEquals(0, FOREIGN_REQUESTS.get());

        JsonNode version = page.legacy("vgca.version", JSON.createObjectNode());
        assertEquals(0, version.get("Status").asInt());
        assertFalse(version.get("Version").asText().isBlank());

        JsonNode badOperation = page.call("vgca.sign", JSON.createObjectNode().put("operation", "SignEverything")
                .set("job", JSON.createObjectNode()));
        assertEquals("INVALID_PARAMS", badOperation.get("error").get("code").asText());
        String log = Files.readString(audit.file());
        assertTrue(log.contains("vgca.VerifyPDF") && log.contains("vgca.GetCertInfo") && log.contains("sign.hash"));
        page.close();
    }

    @Test
    void headerInjectionThroughTheCredentialsIsRefused() throws Exception {
        Page page = new Page();
        ObjectNode job = job(app + "/files/qd.pdf", app + "/FileUploadHandler", anId, "TitleLine", "KT. CHỦ TỊCH");
        job.put("JWTToken", "abc\r\nX-Injected: 1");
        JsonNode answer = page.sign("SignApproved", job);
        assertEquals("INVALID_PARAMS", answer.get("ErrorCode").asText(), answer.toString());
        assertEquals(0, DOWNLOADS.get());
        assertNull(UPLOADS.stream().findFirst().orElse(null));
        page.close();
    }

    /**
     * Issue 13, attack 6: a JWTToken with U+2028 (which the JDK's header check rejects with the whole header, token
     * included, in its message) was INTERNAL_ERROR, the token in the agent's log, nothing audited. Now every
     * operation that forwards it answers INVALID_PARAMS in both languages before any request, audits the refusal, and
     * neither the answer nor the audit log carries the token.
     */
    @Test
    void aJwtWithALineSeparatorOrControlCharactersIsRefusedAndNeverEchoed() throws Exception {
        Page page = new Page();
        String secretPart = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXNlc3Npb24tNzc3.U2lnbmF0dXJl";
        for (String bad : List.of(secretPart + "\u2028X-Injected: 1", secretPart + "\u0085", secretPart + "\u0000",
                secretPart + " " + secretPart, secretPart + "\u2028", " " + secretPart, "x".repeat(20_000))) {
            ObjectNode job = job(app + "/files/qd.pdf", app + "/FileUploadHandler", anId, "TitleLine", "KT. CHỦ TỊCH");
            job.put("JWTToken", bad);
            JsonNode answer = page.sign("SignApproved", job);
            assertEquals("INVALID_PARAMS", answer.get("ErrorCode").asText(), answer.toString());
            assertTrue(answer.get("Message").asText().contains("JWTToken"), answer.toString());
            assertTrue(answer.get("MessageEn").asText().contains("JWTToken must be printable ASCII")
                    || answer.get("MessageEn").asText().contains("at most 16384"), answer.toString());
            assertFalse(answer.toString().contains(secretPart), answer.toString());

            ObjectNode files = JSON.createObjectNode().put("FileUploadHandler", app + "/FileUploadHandler")
                    .put("JWTToken", bad).put("CertificateId", anId);
            files.putArray("Files").addObject().put("FileID", "1").put("URL", app + "/files/qd.pdf");
            JsonNode many = page.legacy("vgca.signFiles", JSON.createObjectNode().set("job", files));
            assertEquals("INVALID_PARAMS", many.get("ErrorCode").asText(), many.toString());

            ObjectNode verify = JSON.createObjectNode().put("FileName", app + "/files/qd.pdf").put("JWTToken", bad);
            JsonNode checked = page.legacy("vgca.verifyPdf", JSON.createObjectNode().set("job", verify));
            assertEquals("INVALID_PARAMS", checked.get("ErrorCode").asText(), checked.toString());
        }
        assertEquals(0, DOWNLOADS.get());
        assertTrue(UPLOADS.isEmpty());
        assertTrue(person.consent().asked().isEmpty());
        audit.flush();
        String log = Files.readString(audit.file());
        assertTrue(log.contains("\"result\":\"INVALID_PARAMS\""), "the refusals are audited");
        assertFalse(log.contains(secretPart), "the token is in the audit log");
        page.close();
    }

    @Test
    void aFileNameThatCouldFakeTheUploadOrTheDialogIsRefused() throws Exception {
        Page page = new Page();
        ObjectNode job = JSON.createObjectNode().put("FileUploadHandler", app + "/FileUploadHandler")
                .put("CertificateId", anId);
        ArrayNode files = job.putArray("Files");
        files.addObject().put("FileID", "1").put("FileName", "hop-dong\u202Efdp.exe").put("URL", app + "/files/qd.pdf");
        files.addObject().put("FileID", "2").put("FileName", "a\r\nContent-Type: text/html").put("URL",
                app + "/files/qd.pdf");
        files.addObject().put("FileID", "3").put("FileName", "../../etc/passwd").put("URL", app + "/files/qd.pdf");
        files.addObject().put("FileID", "4").put("FileName", "n".repeat(300) + ".pdf").put("URL", app + "/files/qd.pdf");
        JsonNode result = page.legacy("vgca.signFiles", JSON.createObjectNode().set("job", job));
        for (JsonNode file : result.get("Files")) {
            assertEquals("INVALID_PARAMS", file.get("ErrorCode").asText(), result.toString());
        }
        assertTrue(result.get("Files").get(0).get("MessageEn").asText().contains("U+202E at position 9"),
                result.toString());
        assertEquals(0, DOWNLOADS.get());
        assertTrue(UPLOADS.isEmpty());
        page.close();
    }

    /**
     * SignFile: any file gets a detached CAdES-BASELINE-T signature, uploaded as "name.p7s" (EU DSS judges it over the
     * file), the dialog shows the file's name, SHA-256, kind and size; VerifyMsg then verifies that .p7s against the
     * data given as base64, as text or as its digest, and refuses changed data and a .p7s without any data.
     */
    @Test
    void signFileUploadsADetachedCadesThatDssAndVerifyMsgAccept() throws Exception {
        Page page = new Page();
        JsonNode signed = page.legacy("vgca.signFile", JSON.createObjectNode().set("job",
                job(app + "/files/bang-ke.csv", app + "/FileUploadHandler", anId)));
        assertEquals(0, signed.get("Status").asInt(), signed.toString());
        Received upload = UPLOADS.get(UPLOADS.size() - 1);
        assertEquals("bang-ke.csv.p7s", upload.fileName());
        assertEquals("eyJhbGciOi.payload.sig", upload.fields().get("JWTToken"));
        byte[] p7s = upload.content();
        DssCades.assertPassed(p7s, new InMemoryDocument(BANG_KE),
                SignatureLevel.CAdES_BASELINE_T);
        List<ConsentRequest> asked = person.consent().asked();
        ConsentRequest consent = asked.get(asked.size() - 1);
        assertEquals("bang-ke.csv", consent.documentName());
        assertEquals(VgcaFileJob.sha256(BANG_KE), consent.documentSha256());
        assertTrue(consent.operationVi().startsWith("Ký tệp") && !consent.blind(), consent.toString());
        assertTrue(consent.contents().contains("Kích thước / size: " + BANG_KE.length + " byte")
                && consent.contents().contains("Loại tệp / kind: khác / other"), consent.contents().toString());
        assertEquals(List.of("Loại tệp / kind: PDF", "Loại tệp / kind: XML", "Loại tệp / kind: ZIP / Office (docx, "
                + "xlsx…)"), List.of(quyetDinh, XmlTestSupport.invoice(), new byte[] {'P', 'K', 3, 4, 20}).stream()
                .map(file -> VgcaFileJob.describe(file).get(0)).toList(), "the kind is read from the first bytes");

        String signature = Base64.getEncoder().encodeToString(p7s);
        JsonNode asBase64 = verifyMsg(page, JSON.createObjectNode().put("Signature", signature)
                .put("Data", Base64.getEncoder().encodeToString(BANG_KE)));
        assertEquals(0, asBase64.get("Status").asInt(), asBase64.toString());
        assertEquals("Nguyễn Văn An", asBase64.get("Signatures").get(0).get("SignerName").asText());
        assertEquals("CAdES-BASELINE-T", asBase64.get("Report").get("signatures").get(0).get("level").asText());
        // other plugins' field names, the data as text
        JsonNode asText = verifyMsg(page, JSON.createObjectNode().put("signature", signature)
                .put("message", new String(BANG_KE, StandardCharsets.UTF_8)));
        assertEquals(0, asText.get("Status").asInt(), asText.toString());
        JsonNode asHash = verifyMsg(page, JSON.createObjectNode().put("Signature", signature)
                .put("HashAlg", "SHA256").put("HashValue", Base64.getEncoder().encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(BANG_KE))));
        assertEquals(0, asHash.get("Status").asInt(), asHash.toString());

        JsonNode changed = verifyMsg(page, JSON.createObjectNode().put("Signature", signature)
                .put("Data", new String(BANG_KE, StandardCharsets.UTF_8).replace("4.250.000", "9.250.000"))
                .put("DataEncoding", "utf-8"));
        assertEquals(1, changed.get("Status").asInt(), changed.toString());
        assertEquals("HASH_FAILURE", changed.get("Signatures").get(0).get("SubIndication").asText());
        JsonNode noData = verifyMsg(page, JSON.createObjectNode().put("Signature", signature));
        assertEquals("MESSAGE_DATA_MISSING", noData.get("ErrorCode").asText(), noData.toString());
        assertTrue(noData.get("Message").asText().startsWith("Không có dữ liệu"), noData.toString());

        JsonNode foreign = page.legacy("vgca.signFile", JSON.createObjectNode().set("job",
                job(foreignOrigin + "/files/bang-ke.csv", app + "/FileUploadHandler", anId)));
        assertEquals("URL_NOT_ALLOWED", foreign.get("ErrorCode").asText());
        person.consent().standing(ConsentPrompt.Decision.REFUSE);
        int uploads = UPLOADS.size();
        JsonNode refused = page.legacy("vgca.signFile", JSON.createObjectNode().set("job",
                job(app + "/files/bang-ke.csv", app + "/FileUploadHandler", anId)));
        assertEquals("CONSENT_REFUSED", refused.get("ErrorCode").asText());
        assertEquals(uploads, UPLOADS.size());
        assertEquals(0, FOREIGN_REQUESTS.get());
        String log = Files.readString(audit.file());
        assertTrue(log.contains("vgca.SignFile") && log.contains("vgca.VerifyMsg"), log);
        page.close();
    }

    /**
     * VerifyMsg on SignMsg's bare signature with its certificate (over the data or its digest), on an attached
     * PKCS#7 made by another tool, and the refusals: changed data, a revoked and an expired signer judged by the test
     * PKI's OCSP (INDETERMINATE: a bare value carries no proof of when it was made), a bare value without a
     * certificate, a signature that is not base64.
     */
    @Test
    void verifyMsgJudgesBareSignaturesAndAttachedPkcs7WithTheCertificateRules() throws Exception {
        Page page = new Page();
        byte[] message = "Tờ trình số 12/TTr-SKHCN".getBytes(StandardCharsets.UTF_8);
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(message));
        JsonNode signed = signMsg(page, hash);
        ObjectNode bare = JSON.createObjectNode().put("Signature", signed.get("Signature").asText())
                .put("CertBase64", signed.get("CertBase64").asText());
        JsonNode overData = verifyMsg(page, bare.deepCopy().put("Data", Base64.getEncoder().encodeToString(message)));
        assertEquals(0, overData.get("Status").asInt(), overData.toString());
        assertEquals("Nguyễn Văn An", overData.get("Signatures").get(0).get("SignerName").asText());
        assertEquals("TOTAL_PASSED", overData.get("Report").get("indication").asText());
        JsonNode overHash = verifyMsg(page, bare.deepCopy().put("HashValue", hash).put("HashAlg", "SHA-256"));
        assertEquals(0, overHash.get("Status").asInt(), overHash.toString());
        JsonNode otherData = verifyMsg(page, bare.deepCopy().put("Data", "Tờ trình số 13/TTr-SKHCN"));
        assertEquals("SIG_CRYPTO_FAILURE", otherData.get("Signatures").get(0).get("SubIndication").asText(),
                otherData.toString());

        TestPki pki = TestEnvironment.shared().pki();
        for (String alias : List.of(TestPki.REVOKED, TestPki.EXPIRED)) {
            Signature raw = Signature.getInstance("SHA256withRSA");
            raw.initSign(pki.get(alias).privateKey());
            raw.update(message);
            JsonNode judged = verifyMsg(page, JSON.createObjectNode()
                    .put("Signature", Base64.getEncoder().encodeToString(raw.sign()))
                    .put("Certificate", Base64.getEncoder().encodeToString(pki.get(alias).certificate().getEncoded()))
                    .put("Data", Base64.getEncoder().encodeToString(message)));
            assertEquals(1, judged.get("Status").asInt(), judged.toString());
            // a bare value proves no time: revoked or expired now is indeterminate, never valid (EN 319 102-1)
            assertEquals(alias.equals(TestPki.REVOKED) ? "REVOKED_NO_POE" : "OUT_OF_BOUNDS_NO_POE",
                    judged.get("Signatures").get(0).get("SubIndication").asText(), judged.toString());
            assertFalse(judged.get("Signatures").get(0).get("IsValid").asBoolean());
        }

        // an ECDSA P-384 value as JWS and many plugins write it (r‖s), over the data and over its SHA-384 digest
        Signature p1363 = Signature.getInstance("SHA384withECDSAinP1363Format");
        p1363.initSign(pki.get(TestPki.PERSONAL_EC384).privateKey());
        p1363.update(message);
        byte[] ecdsa = p1363.sign();
        assertEquals(96, ecdsa.length);
        ObjectNode ec = JSON.createObjectNode().put("Signature", Base64.getEncoder().encodeToString(ecdsa))
                .put("CertBase64", Base64.getEncoder().encodeToString(pki.get(TestPki.PERSONAL_EC384).certificate()
                        .getEncoded())).put("HashAlg", "SHA384");
        JsonNode ecOverData = verifyMsg(page, ec.deepCopy().put("Data", Base64.getEncoder().encodeToString(message)));
        assertEquals(0, ecOverData.get("Status").asInt(), ecOverData.toString());
        assertEquals("Hoàng Minh Đức", ecOverData.get("Signatures").get(0).get("SignerName").asText());
        JsonNode ecOverHash = verifyMsg(page, ec.deepCopy().put("HashValue", Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-384").digest(message))));
        assertEquals(0, ecOverHash.get("Status").asInt(), ecOverHash.toString());

        org.bouncycastle.cms.CMSSignedDataGenerator generator = new org.bouncycastle.cms.CMSSignedDataGenerator();
        X509Certificate binh = pki.get(TestPki.PERSONAL_BINH).certificate();
        generator.addSignerInfoGenerator(new org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder(
                new org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder().build())
                .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA")
                        .build(pki.get(TestPki.PERSONAL_BINH).privateKey()), binh));
        generator.addCertificate(new org.bouncycastle.cert.jcajce.JcaX509CertificateHolder(binh));
        byte[] attached = generator.generate(new org.bouncycastle.cms.CMSProcessableByteArray(message), true)
                .getEncoded();
        String pem = "-----BEGIN PKCS7-----\n" + Base64.getMimeEncoder().encodeToString(attached)
                + "\n-----END PKCS7-----\n";
        JsonNode attachedResult = verifyMsg(page, JSON.createObjectNode().put("SignedData", pem));
        assertEquals(0, attachedResult.get("Status").asInt(), attachedResult.toString());
        assertEquals("Trần Thị Bình", attachedResult.get("Signatures").get(0).get("SignerName").asText());

        JsonNode noCertificate = verifyMsg(page, JSON.createObjectNode().put("Signature",
                signed.get("Signature").asText()).put("Data", Base64.getEncoder().encodeToString(message)));
        assertEquals("MESSAGE_CERTIFICATE_MISSING", noCertificate.get("ErrorCode").asText(), noCertificate.toString());
        JsonNode unreadable = verifyMsg(page, JSON.createObjectNode().put("Signature", "không phải base64!")
                .put("Data", "x"));
        assertEquals("MESSAGE_SIGNATURE_UNREADABLE", unreadable.get("ErrorCode").asText(), unreadable.toString());
        assertTrue(unreadable.get("MessageEn").asText().contains("Signature"), unreadable.toString());
        page.close();
    }

    /** SignMsg with An's key over a base64 SHA-256, as the old pages call it; fails the test unless signed. */
    private static JsonNode signMsg(Page page, String hash) throws Exception {
        JsonNode signed = page.legacy("vgca.signMsg", JSON.createObjectNode().set("job", JSON.createObjectNode()
                .put("HashAlg", "SHA256").put("HashValue", hash).put("Encode", "RSA").put("CertificateId", anId)));
        assertEquals(0, signed.get("Status").asInt(), signed.toString());
        return signed;
    }

    private static JsonNode verifyMsg(Page page, ObjectNode job) throws Exception {
        return page.legacy("vgca.verifyMsg", JSON.createObjectNode().set("job", job));
    }
}
