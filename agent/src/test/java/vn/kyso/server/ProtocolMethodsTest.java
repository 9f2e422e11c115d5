package vn.kyso.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.audit.AuditLog;
import vn.kyso.consent.ConsentPrompt;
import vn.kyso.consent.ConsentRequest;
import vn.kyso.pdf.PadesTestSupport;
import vn.kyso.pki.TrustStore;
import vn.kyso.testkit.SocketClient;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;
import vn.kyso.token.LoginPolicy;
import vn.kyso.token.TokenManager;
import vn.kyso.token.TokenManagerConfig;
import vn.kyso.verify.DocumentReport;
import vn.kyso.verify.Indication;
import vn.kyso.verify.PdfSignatureVerifier;
import vn.kyso.verify.ReportJson;
import vn.kyso.xml.XmlTestSupport;

/**
 * The document methods over a real socket, real SoftHSM2 tokens and the test PKI's OCSP/CRL/TSA: batch signing
 * (one consent, one PIN, a status per document, resume), two-step signing through {@code sign.hash}, CMS signing
 * and verification, profile images, certificate usage — with the person's answers scripted in-process.
 */
class ProtocolMethodsTest {

    private static final String APP = "https://qlvb.ninhbinh.gov.vn";
    @TempDir
    static Path dir;
    private static AgentHarness agent;
    private static AgentHarness.Person person;
    private static AgentServer server;
    private static TokenManager tokens;
    private static AuditLog audit;
    private static TrustStore trust;
    private static Path profile;

    @BeforeAll
    static void start() throws Exception {
        TestEnvironment env = TestEnvironment.shared();
        trust = TrustStore.empty();
        trust.add(env.pki().root());
        profile = dir.resolve("profile");
        Files.createDirectories(profile);
        Files.write(profile.resolve("signature.png"), png(new Color(20, 40, 200)));
        // a PIN for every signature: "one PIN for the batch" then holds because the batch is one token operation
        agent = AgentHarness.in(dir).origins(APP).documents(32L * 1024 * 1024, 24)
                .tokens(TokenManagerConfig.of(List.of(env.softHsm().library()))
                        .withLoginPolicy(LoginPolicy.everySignature()))
                .methods(AgentHarness.withDocuments(profile))
                .start();
        server = agent.server();
        tokens = agent.tokens();
        audit = agent.audit();
        person = agent.person();
    }

    @AfterAll
    static void stop() {
        agent.close();
    }

    @BeforeEach
    void reset() {
        tokens.tokens().forEach(t -> tokens.logout(t.id()));
        PadesTestSupport.logoutSharedTokens();
        person.reset();
    }

    private static String certificateId(String alias) {
        return tokens.certificates().stream().filter(c -> c.label().equals(alias)).findFirst().orElseThrow().id();
    }

    /** {@code pdf} with its page copied until it has {@code count} pages. */
    private static byte[] pages(byte[] pdf, int count) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            while (document.getNumberOfPages() < count) {
                document.importPage(document.getPage(0));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    static byte[] pdf(String... lines) throws Exception {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(300, 700);
                for (String line : lines) {
                    content.showText(line);
                    content.newLineAtOffset(0, -90);
                }
                content.endText();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    private static byte[] png(Color colour) throws Exception {
        BufferedImage image = new BufferedImage(120, 60, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.drawLine(5, 50, 115, 10);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static String sha256Hex(byte[] data) throws Exception {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static Indication verified(byte[] pdf) {
        DocumentReport report = PdfSignatureVerifier.builder(trust).build().verify(pdf);
        return report.indication();
    }

    private static long auditLines(String needle) throws Exception {
        return Files.readAllLines(audit.file()).stream().filter(l -> l.contains(needle)).count();
    }

    @Test
    void tokenListNamesEachCertificatesUsage() throws Exception {
        try (SocketClient c = SocketClient.open(server.port(), APP)) {
            JsonNode list = c.result("tokens.list", "{}");
            String an = null;
            String org = null;
            for (JsonNode token : list.get("tokens")) {
                for (JsonNode cert : token.get("certificates")) {
                    if (cert.get("label").asText().equals(TestPki.PERSONAL_AN)) {
                        an = cert.get("usage").asText();
                    }
                    if (cert.get("label").asText().equals(TestPki.ORGANISATION)) {
                        org = cert.get("usage").asText();
                    }
                }
            }
            assertEquals("personal", an);
            assertEquals("organisation", org);
            JsonNode info = c.result("info", "{}");
            List<String> methods = new ArrayList<>();
            info.get("methods").forEach(m -> methods.add(m.asText()));
            assertTrue(methods.containsAll(List.of("sign.pdf.batch", "sign.cms", "verify.cms", "pdf.prepare",
                    "pdf.complete", "sign.pdf", "verify.pdf", "sign.hash", "tokens.list")), methods.toString());
            List<String> asking = new ArrayList<>();
            info.get("askingMethods").forEach(m -> asking.add(m.asText()));
            // exactly the methods that show a consent or PIN dialog; preparing, verifying and info ask nobody
            assertEquals(List.of("sign.hash", "sign.pdf", "sign.pdf.batch", "sign.cms", "sign.json", "sign.xml",
                    "vgca.sign", "vgca.signXml", "vgca.signFile", "vgca.signFiles", "vgca.signMsg"), asking);
            assertTrue(methods.containsAll(asking));
            assertEquals(4, info.get("limits").get("maxPendingPerOrigin").asInt(), "the limit they count against");
        }
    }

    @Test
    void batchAsksOnceSignsEachReportsEachAndResumesWithoutSigningTwice() throws Exception {
        try (SocketClient c = SocketClient.open(server.port(), APP)) {
            byte[] first = pdf("To trinh 1");
            byte[] third = pages(pdf("Cong van 3"), 3);
            byte[] damaged = "%PDF-1.7\nnot really a PDF at all\n%%EOF".getBytes(StandardCharsets.US_ASCII);
            String a = c.upload("To trinh 1.pdf", first);
            String b = c.upload("Hong.pdf", damaged);
            String d = c.upload("Cong van 3.pdf", third);
            String an = certificateId(TestPki.PERSONAL_AN);
            String items = "[{\"documentId\":\"" + a + "\"},{\"documentId\":\"" + b + "\"},{\"documentId\":\"" + d
                    + "\",\"reason\":\"Phê duyệt\"}]";
            JsonNode result = c.result("sign.pdf.batch", "{\"certificateId\":\"" + an + "\",\"items\":" + items + "}");
            String batchId = result.get("batchId").asText();
            JsonNode statuses = result.get("items");
            assertEquals(List.of("SIGNED", "FAILED", "SIGNED"), List.of(statuses.get(0).get("status").asText(),
                    statuses.get(1).get("status").asText(), statuses.get(2).get("status").asText()), result.toString());
            assertEquals("PDF_DAMAGED", statuses.get(1).get("error").get("code").asText(), result.toString());
            assertTrue(!statuses.get(1).get("error").get("message_vi").asText().isBlank());

            assertEquals(1, person.consent().count(), "one consent for the whole list");
            ConsentRequest consent = person.consent().asked().get(0);
            assertEquals("Ký số hàng loạt (2 văn bản)", consent.operationVi());
            assertEquals(List.of("To trinh 1.pdf", "Cong van 3.pdf"),
                    consent.documents().stream().map(ConsentRequest.Document::name).toList());
            assertEquals(List.of(sha256Hex(first), sha256Hex(third)),
                    consent.documents().stream().map(ConsentRequest.Document::sha256).toList());
            // the page counts the engine read while preparing each signature
            assertEquals(List.of(1, 3), consent.documents().stream().map(ConsentRequest.Document::pages).toList());
            assertEquals(4, consent.pages());
            assertEquals(1, person.pin().count(),
                    "one PIN for the whole list, although the policy asks for every signature");

            for (int i : new int[] {0, 2}) {
                JsonNode item = statuses.get(i);
                byte[] signed = c.download(item.get("signedDocumentId").asText());
                assertEquals(item.get("sha256").asText(), sha256Hex(signed));
                assertEquals("B-LT", item.get("level").asText());
                assertEquals(Indication.TOTAL_PASSED, verified(signed));
                assertArrayEquals(i == 0 ? first : third, java.util.Arrays.copyOf(signed, (i == 0 ? first : third).length));
                // the first is verified in full, the other read back against it; both with the batch's one evidence
                PadesTestSupport.assertDss(signed, SignatureLevel.PAdES_BASELINE_LT);
                PadesTestSupport.assertPdfsigValid(signed, 1);
            }
            List<String> progress = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                JsonNode p = c.event("batch.progress", 10);
                assertEquals(batchId, p.get("batchId").asText());
                assertEquals(3, p.get("total").asInt());
                progress.add(p.get("index").asInt() + ":" + p.get("status").asText());
            }
            assertEquals(List.of("0:SIGNED", "1:FAILED", "2:SIGNED"), progress);
            // each record names its document by the SHA-256 of the bytes uploaded (made once, for consent and record)
            String firstHash = sha256Hex(first);
            String thirdHash = sha256Hex(third);
            String damagedHash = sha256Hex(damaged);
            assertEquals(1, Files.readAllLines(audit.file()).stream().filter(l -> l.contains("\"To trinh 1.pdf\"")
                    && l.contains(firstHash) && l.contains("sign.pdf.batch/invisible")
                    && l.contains("\"result\":\"OK\"")).count());
            assertEquals(1, Files.readAllLines(audit.file()).stream().filter(l -> l.contains("\"Cong van 3.pdf\"")
                    && l.contains(thirdHash) && l.contains("\"result\":\"OK\"")).count());
            assertEquals(1, Files.readAllLines(audit.file()).stream().filter(l -> l.contains("\"Hong.pdf\"")
                    && l.contains(damagedHash) && l.contains("\"result\":\"PDF_DAMAGED\"")).count());

            // resume: the signed ones come back as they were; only the rest (plus a new document) are signed
            person.reset();
            tokens.tokens().forEach(t -> tokens.logout(t.id()));
            byte[] fourth = pdf("Quyet dinh 4");
            String e = c.upload("Quyet dinh 4.pdf", fourth);
            String more = items.substring(0, items.length() - 1) + ",{\"documentId\":\"" + e + "\"}]";
            JsonNode resumed = c.result("sign.pdf.batch", "{\"certificateId\":\"" + an + "\",\"batchId\":\"" + batchId
                    + "\",\"items\":" + more + "}");
            assertEquals(batchId, resumed.get("batchId").asText());
            JsonNode again = resumed.get("items");
            assertEquals(statuses.get(0), again.get(0), "already signed: returned as before, not signed twice");
            assertEquals(statuses.get(2), again.get(2));
            assertEquals("FAILED", again.get(1).get("status").asText());
            assertEquals("SIGNED", again.get(3).get("status").asText());
            assertEquals(1, person.consent().count());
            assertEquals("Ký số hàng loạt (1 văn bản)", person.consent().asked().get(0).operationVi());
            assertEquals(List.of("Quyet dinh 4.pdf"),
                    person.consent().asked().get(0).documents().stream().map(ConsentRequest.Document::name).toList());
            assertEquals(1, person.pin().count());
            assertEquals(Indication.TOTAL_PASSED, verified(c.download(again.get(3).get("signedDocumentId").asText())));
            assertTrue(audit.verify().intact());
        }
    }

    @Test
    void aBatchDocumentSignedBeforeIsVerifiedInFullAndItsEarlierSignatureStaysValid() throws Exception {
        try (SocketClient c = SocketClient.open(server.port(), APP)) {
            String binh = certificateId(TestPki.PERSONAL_BINH);
            String uploaded = c.upload("Da ky.pdf", pdf("Binh ky truoc"));
            String signedBefore = c.result("sign.pdf", "{\"documentId\":\"" + uploaded + "\",\"certificateId\":\""
                    + binh + "\",\"level\":\"B-LT\"}").get("documentId").asText();
            String plain = c.upload("Moi.pdf", pdf("Chua ky"));
            person.reset();
            // the first is verified in full (the batch's first); the second has another signature, so it cannot be compared with the
            // first: it goes through the full verification, which also checks Binh's signature still passes
            JsonNode result = c.result("sign.pdf.batch", "{\"certificateId\":\"" + certificateId(TestPki.PERSONAL_AN)
                    + "\",\"level\":\"B-LT\",\"items\":[{\"documentId\":\"" + plain + "\"},{\"documentId\":\""
                    + signedBefore + "\"}]}");
            for (int i = 0; i < 2; i++) {
                JsonNode item = result.get("items").get(i);
                assertEquals("SIGNED", item.get("status").asText(), result.toString());
                byte[] signed = c.download(item.get("signedDocumentId").asText());
                DocumentReport report = PdfSignatureVerifier.builder(trust).build().verify(signed);
                assertEquals(i + 1, report.signatures().size());
                assertEquals(Indication.TOTAL_PASSED, report.indication(), ReportJson.toJson(report));
                PadesTestSupport.assertDssValid(signed, i + 1);
            }
            assertEquals(1, person.consent().count());
        }
    }

    @Test
    void refusedBatchSignsNothingAndCanBeResumed() throws Exception {
        try (SocketClient c = SocketClient.open(server.port(), APP)) {
            String a = c.upload("tu-choi-1.pdf", pdf("a"));
            String b = c.upload("tu-choi-2.pdf", pdf("b"));
            String an = certificateId(TestPki.PERSONAL_AN);
            String params = "{\"certificateId\":\"" + an + "\",\"batchId\":\"lo-7\",\"items\":[{\"documentId\":\"" + a
                    + "\"},{\"documentId\":\"" + b + "\"}]}";
            person.consent().standing(ConsentPrompt.Decision.REFUSE);
            assertEquals("CONSENT_REFUSED", c.errorCode("sign.pdf.batch", params));
            assertEquals(0, person.pin().count(), "no PIN is asked after a refusal");
            assertEquals(2, Files.readAllLines(audit.file()).stream().filter(l -> l.contains("tu-choi-")
                    && l.contains("\"result\":\"CONSENT_REFUSED\"")).count(), "each refused document is audited");
            person.consent().standing(ConsentPrompt.Decision.APPROVE);
            JsonNode result = c.result("sign.pdf.batch", params);
            assertEquals("lo-7", result.get("batchId").asText());
            result.get("items").forEach(item -> assertEquals("SIGNED", item.get("status").asText()));
            assertEquals("INVALID_PARAMS", c.errorCode("sign.pdf.batch", "{\"certificateId\":\"" + an
                    + "\",\"items\":[]}"));
            assertEquals("INVALID_PARAMS", c.errorCode("sign.pdf.batch", "{\"certificateId\":\"" + an
                    + "\",\"items\":[{\"documentId\":\"" + a + "\"},{\"documentId\":\"" + a + "\"}]}"));
        }
    }

    @Test
    void wrongPinStopsTheBatchAfterOnePromptAndNothingIsSigned() throws Exception {
        try (SocketClient c = SocketClient.open(server.port(), APP)) {
            String a = c.upload("a.pdf", pdf("a"));
            String b = c.upload("b.pdf", pdf("b"));
            person.pin().standing("000000");
            assertEquals("PIN_INCORRECT", c.errorCode("sign.pdf.batch", "{\"certificateId\":\""
                    + certificateId(TestPki.PERSONAL_AN) + "\",\"items\":[{\"documentId\":\"" + a
                    + "\"},{\"documentId\":\"" + b + "\"}]}"));
            assertEquals(1, person.pin().count(), "a wrong PIN is never retried");
        }
    }

    @Test
    void prepareSignHashCompleteMakesAPdfBothValidatorsAccept() throws Exception {
        try (SocketClient c = SocketClient.open(server.port(), APP)) {
            byte[] original = pdf("Hai buoc");
            String doc = c.upload("Hai buoc.pdf", original);
            String an = certificateId(TestPki.PERSONAL_AN);
            JsonNode prepared = c.result("pdf.prepare", "{\"documentId\":\"" + doc + "\",\"certificateId\":\"" + an
                    + "\",\"level\":\"B-LT\"}");
            assertEquals("SHA-256", prepared.get("digestAlgorithm").asText());
            assertEquals(0, person.consent().count(), "preparing uses no key");
            JsonNode signature = c.result("sign.hash", "{\"certificateId\":\"" + an + "\",\"hash\":\""
                    + prepared.get("digest").asText() + "\",\"hashAlgorithm\":\"SHA-256\"}");
            ConsentRequest consent = person.consent().asked().get(0);
            assertTrue(!consent.blind(), "the hash is the prepared document's digest: the person sees the document");
            assertEquals("Hai buoc.pdf", consent.documentName());
            assertEquals(sha256Hex(original), consent.documentSha256());
            assertEquals(1, consent.pages());
            String handle = prepared.get("handle").asText();
            byte[] wrong = Base64.getDecoder().decode(signature.get("signature").asText());
            wrong[10] ^= 1;
            assertEquals("SIGNATURE_MISMATCH", c.errorCode("pdf.complete", "{\"handle\":\"" + handle
                    + "\",\"signature\":\"" + Base64.getEncoder().encodeToString(wrong) + "\"}"));
            JsonNode done = c.result("pdf.complete", "{\"handle\":\"" + handle + "\",\"signature\":\""
                    + signature.get("signature").asText() + "\"}");
            assertEquals("B-LT", done.get("level").asText());
            byte[] signed = c.download(done.get("documentId").asText());
            assertEquals(done.get("sha256").asText(), sha256Hex(signed));
            assertEquals(Indication.TOTAL_PASSED, verified(signed));
            PadesTestSupport.assertDss(signed, SignatureLevel.PAdES_BASELINE_LT);
            assertEquals("PREPARED_NOT_FOUND", c.errorCode("pdf.complete", "{\"handle\":\"" + handle
                    + "\",\"signature\":\"" + signature.get("signature").asText() + "\"}"), "a handle completes once");
            assertTrue(auditLines("\"pdf.complete\"") >= 2);
        }
    }

    @Test
    void prepareWithACertificateFromElsewhereAndCompleteWithAWholeCms() throws Exception {
        try (SocketClient c = SocketClient.open(server.port(), APP)) {
            String doc = c.upload("cms.pdf", pdf("CMS elsewhere"));
            String an = certificateId(TestPki.PERSONAL_AN);
            String certificate = Base64.getEncoder().encodeToString(
                    TestEnvironment.shared().pki().get(TestPki.PERSONAL_AN).certificate().getEncoded());
            JsonNode prepared = c.result("pdf.prepare", "{\"documentId\":\"" + doc + "\",\"certificate\":\""
                    + certificate + "\",\"level\":\"B-T\"}");
            // the signer elsewhere makes a detached CMS over the content digest (here: the agent's sign.cms)
            JsonNode cms = c.result("sign.cms", "{\"certificateId\":\"" + an + "\",\"hash\":\""
                    + prepared.get("contentDigest").asText() + "\",\"level\":\"B-B\"}");
            JsonNode done = c.result("pdf.complete", "{\"handle\":\"" + prepared.get("handle").asText()
                    + "\",\"cms\":\"" + cms.get("cms").asText() + "\"}");
            assertEquals("B-T", done.get("level").asText());
            assertEquals(Indication.TOTAL_PASSED, verified(c.download(done.get("documentId").asText())));
            assertEquals("INVALID_PARAMS", c.errorCode("pdf.prepare", "{\"documentId\":\"" + doc + "\"}"));
            assertEquals("INVALID_PARAMS", c.errorCode("pdf.prepare", "{\"documentId\":\"" + doc
                    + "\",\"certificate\":\"AAAA\"}"));
            String revoked = Base64.getEncoder().encodeToString(
                    TestEnvironment.shared().pki().get(TestPki.REVOKED).certificate().getEncoded());
            assertEquals("CERT_REVOKED", c.errorCode("pdf.prepare", "{\"documentId\":\"" + doc
                    + "\",\"certificate\":\"" + revoked + "\"}"));
        }
    }

    @Test
    void cmsOverADocumentAndOverAHashVerifiesAndTamperingFails() throws Exception {
        try (SocketClient c = SocketClient.open(server.port(), APP)) {
            byte[] content = "Báo cáo tháng 11 — số liệu".getBytes(StandardCharsets.UTF_8);
            String doc = c.upload("bao-cao.txt", content);
            String an = certificateId(TestPki.PERSONAL_AN);
            JsonNode signed = c.result("sign.cms", "{\"certificateId\":\"" + an + "\",\"documentId\":\"" + doc + "\"}");
            assertEquals("B-T", signed.get("level").asText());
            ConsentRequest consent = person.consent().asked().get(0);
            assertEquals("Ký CMS", consent.operationVi());
            assertEquals("bao-cao.txt", consent.documentName());
            assertEquals(sha256Hex(content), consent.documentSha256());
            assertTrue(!consent.blind(), "the agent holds the document, so the person sees what is signed");
            String cms = signed.get("cms").asText();

            JsonNode report = c.result("verify.cms", "{\"cms\":\"" + cms + "\",\"documentId\":\"" + doc + "\"}");
            assertEquals("TOTAL_PASSED", report.get("indication").asText(), report.toString());
            byte[] tampered = content.clone();
            tampered[0] ^= 1;
            String other = c.upload("bao-cao-sua.txt", tampered);
            assertEquals("TOTAL_FAILED", c.result("verify.cms", "{\"cms\":\"" + cms + "\",\"documentId\":\"" + other
                    + "\"}").get("indication").asText());
            String cmsDoc = c.upload("chu-ky.p7s", Base64.getDecoder().decode(cms));
            String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(content));
            assertEquals("TOTAL_PASSED", c.result("verify.cms", "{\"cmsDocumentId\":\"" + cmsDoc + "\",\"hash\":\""
                    + hash + "\"}").get("indication").asText());

            JsonNode blind = c.result("sign.cms", "{\"certificateId\":\"" + an + "\",\"hash\":\"" + hash
                    + "\",\"level\":\"B-B\",\"contentName\":\"bao-cao.txt\"}");
            assertEquals("B-B", blind.get("level").asText());
            assertTrue(person.consent().asked().get(1).blind(), "a hash alone is signed blind, and the dialog says so");
            assertEquals("TOTAL_PASSED", c.result("verify.cms", "{\"cms\":\"" + blind.get("cms").asText()
                    + "\",\"documentId\":\"" + doc + "\"}").get("indication").asText());
            assertEquals("TOTAL_FAILED", c.result("verify.cms", "{\"cms\":\"" + blind.get("cms").asText()
                    + "\",\"documentId\":\"" + other + "\"}").get("indication").asText());

            assertEquals("DIGEST_INVALID", c.errorCode("sign.cms", "{\"certificateId\":\"" + an
                    + "\",\"hash\":\"AAAA\"}"));
            assertEquals("INVALID_PARAMS", c.errorCode("sign.cms", "{\"certificateId\":\"" + an + "\"}"));
            assertEquals("INVALID_PARAMS", c.errorCode("sign.cms", "{\"certificateId\":\"" + an + "\",\"documentId\":\""
                    + doc + "\",\"level\":\"B-LTA\"}"));
            assertEquals(2, person.consent().count(), "nobody is asked about an unsound request");
            person.consent().standing(ConsentPrompt.Decision.REFUSE);
            assertEquals("CONSENT_REFUSED", c.errorCode("sign.cms", "{\"certificateId\":\"" + an
                    + "\",\"documentId\":\"" + doc + "\"}"));
            assertTrue(auditLines("\"sign.cms\"") >= 3);
        }
    }

    @Test
    void jsonSignedAsJadesShowsItsValuesVerifiesAndTamperingFails() throws Exception {
        try (SocketClient c = SocketClient.open(server.port(), APP)) {
            byte[] json = "{\"soHoSo\":\"12/2026/BHXH\",\"tongTien\":\"125.000.000\",\"ky\":{\"thang\":11}}"
                    .getBytes(StandardCharsets.UTF_8);
            String doc = c.upload("to-khai.json", json);
            String an = certificateId(TestPki.PERSONAL_AN);
            JsonNode signed = c.result("sign.json", "{\"certificateId\":\"" + an + "\",\"documentId\":\"" + doc
                    + "\",\"level\":\"B-T\"}");
            assertEquals("JAdES-BASELINE-T", signed.get("level").asText());
            assertEquals("flattened", signed.get("serialization").asText());
            ConsentRequest consent = person.consent().asked().get(0);
            assertEquals("to-khai.json", consent.documentName());
            assertEquals(sha256Hex(json), consent.documentSha256());
            assertEquals(List.of("soHoSo: 12/2026/BHXH", "tongTien: 125.000.000", "ky.thang: 11"),
                    consent.contents(), "the person sees what the JSON says, read by the agent");
            byte[] jws = c.download(signed.get("documentId").asText());
            assertEquals(signed.get("jws").asText(), new String(jws, StandardCharsets.UTF_8));

            JsonNode report = c.result("verify.json", "{\"documentId\":\"" + signed.get("documentId").asText() + "\"}");
            assertEquals("TOTAL_PASSED", report.get("indication").asText(), report.toString());
            assertEquals(signed.get("level").asText(), report.get("signatures").get(0).get("level").asText(),
                    "signing and verification name the level alike");
            assertEquals("tongTien: 125.000.000", report.get("payload").get("lines").get(1).asText());

            JsonNode detached = c.result("sign.json", "{\"certificateId\":\"" + an + "\",\"documentId\":\"" + doc
                    + "\",\"level\":\"B-B\",\"detached\":true,\"serialization\":\"compact\"}");
            String tampered = c.upload("to-khai-sua.json", new String(json, StandardCharsets.UTF_8)
                    .replace("125", "925").getBytes(StandardCharsets.UTF_8));
            String detachedDoc = detached.get("documentId").asText();
            assertEquals("TOTAL_PASSED", c.result("verify.json", "{\"documentId\":\"" + detachedDoc
                    + "\",\"payloadDocumentId\":\"" + doc + "\"}").get("indication").asText());
            JsonNode failed = c.result("verify.json", "{\"documentId\":\"" + detachedDoc
                    + "\",\"payloadDocumentId\":\"" + tampered + "\"}");
            assertEquals("TOTAL_FAILED", failed.get("indication").asText());
            assertEquals("HASH_FAILURE", failed.get("signatures").get(0).get("subIndication").asText());

            String notJson = c.upload("bao-cao.txt", "not json".getBytes(StandardCharsets.UTF_8));
            assertEquals("JSON_INVALID", c.errorCode("sign.json", "{\"certificateId\":\"" + an
                    + "\",\"documentId\":\"" + notJson + "\"}"));
            assertEquals("INVALID_PARAMS", c.errorCode("sign.json", "{\"certificateId\":\"" + an
                    + "\",\"documentId\":\"" + doc + "\",\"format\":\"jws\",\"level\":\"B-T\"}"));
            assertEquals("JWS_LEVEL_NEEDS_JSON_SERIALIZATION", c.errorCode("sign.json", "{\"certificateId\":\"" + an
                    + "\",\"documentId\":\"" + doc + "\",\"level\":\"B-LT\",\"serialization\":\"compact\"}"));
            assertEquals(2, person.consent().count(), "nobody is asked about an unsound request");
            assertTrue(auditLines("\"sign.json\"") >= 2);
        }
    }

    @Test
    void anUploadedEInvoiceIsSignedAfterConsentShowsTheInvoiceAndVerifiesOverTheProtocol() throws Exception {
        try (SocketClient c = SocketClient.open(server.port(), APP)) {
            byte[] invoice = XmlTestSupport.invoice();
            String doc = c.upload("hoa-don-123.xml", invoice);
            String an = certificateId(TestPki.PERSONAL_AN);
            JsonNode signed = c.result("sign.xml", "{\"certificateId\":\"" + an + "\",\"documentId\":\"" + doc + "\"}");
            assertEquals("xmldsig", signed.get("format").asText());
            assertEquals("/HDon/DLHDon", signed.get("signedNodes").get(0).get("path").asText());
            assertEquals("1C26TKS-0000123", signed.get("invoice").get("number").asText());
            ConsentRequest consent = person.consent().asked().get(0);
            assertEquals("Ký XML", consent.operationVi());
            assertEquals(sha256Hex(invoice), consent.documentSha256());
            String shown = String.join("\n", consent.contents());
            assertTrue(shown.contains("/HDon/DLHDon (Id data)") && shown.contains("1C26TKS-0000123")
                    && shown.contains("Hồng Hà") && shown.contains("Sở Khoa học") && shown.contains("8250000 VND"),
                    shown);
            byte[] signedXml = c.download(signed.get("documentId").asText());

            JsonNode report = c.result("verify.xml", "{\"documentId\":\"" + signed.get("documentId").asText() + "\"}");
            assertEquals("TOTAL_PASSED", report.get("indication").asText(), report.toString());
            assertEquals("XML-NOT-ETSI", report.get("signatures").get(0).get("level").asText());
            assertEquals("1C26TKS-0000123", report.get("xmlSignatures").get(0).get("invoice").get("number").asText());
            String altered = c.upload("hoa-don-sua.xml", new String(signedXml, StandardCharsets.UTF_8)
                    .replace("<TgTTTBSo>8250000</TgTTTBSo>", "<TgTTTBSo>1</TgTTTBSo>").getBytes(StandardCharsets.UTF_8));
            JsonNode failed = c.result("verify.xml", "{\"documentId\":\"" + altered + "\"}");
            assertEquals("HASH_FAILURE", failed.get("signatures").get(0).get("subIndication").asText());

            JsonNode xades = c.result("sign.xml", "{\"certificateId\":\"" + an + "\",\"documentId\":\"" + doc
                    + "\",\"format\":\"xades\",\"level\":\"B-LT\",\"packaging\":\"detached\"}");
            assertEquals("B-LT", xades.get("level").asText());
            JsonNode detached = c.result("verify.xml", "{\"documentId\":\"" + xades.get("documentId").asText()
                    + "\",\"detachedDocumentId\":\"" + doc + "\"}");
            assertEquals("XAdES-BASELINE-LT", detached.get("signatures").get(0).get("level").asText(), detached.toString());

            String xxe = c.upload("xxe.xml", ("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM "
                    + "\"file:///etc/passwd\">]><a>&x;</a>").getBytes(StandardCharsets.UTF_8));
            int asked = person.consent().count();
            assertEquals("XML_DTD_FORBIDDEN", c.errorCode("sign.xml", "{\"certificateId\":\"" + an
                    + "\",\"documentId\":\"" + xxe + "\"}"));
            assertEquals("XML_XPATH_INVALID", c.errorCode("sign.xml", "{\"certificateId\":\"" + an
                    + "\",\"documentId\":\"" + doc + "\",\"xpath\":\"//HHDVu\"}"));
            assertEquals("INVALID_PARAMS", c.errorCode("sign.xml", "{\"certificateId\":\"" + an
                    + "\",\"documentId\":\"" + doc + "\",\"format\":\"xmldsig\",\"level\":\"B-T\"}"));
            assertEquals(asked, person.consent().count(), "nobody is asked about an unsound request");
            assertTrue(auditLines("\"sign.xml\"") >= 2);
        }
    }

    @Test
    void stampImagesComeFromTheUsersProfileByNameNeverByPath() throws Exception {
        try (SocketClient c = SocketClient.open(server.port(), APP)) {
            String doc = c.upload("duyet.pdf", pdf("KT. GIAM DOC", "Nguyen Van An"));
            String an = certificateId(TestPki.PERSONAL_AN);
            JsonNode signed = c.result("sign.pdf", "{\"documentId\":\"" + doc + "\",\"certificateId\":\"" + an
                    + "\",\"preset\":\"approve\",\"presetParams\":{\"titleLine\":\"KT. GIAM DOC\",\"nameLine\":\"Nguyen Van An\","
                    + "\"imageProfile\":\"signature\"}}");
            byte[] pdf = c.download(signed.get("documentId").asText());
            assertEquals(Indication.TOTAL_PASSED, verified(pdf));
            try (PDDocument document = Loader.loadPDF(pdf)) {
                var widget = document.getSignatureFields().get(0).getWidgets().get(0);
                assertTrue(widget.getRectangle().getWidth() > 0, "the approval stamp is visible");
            }
            JsonNode seal = c.call("sign.pdf", "{\"documentId\":\"" + doc + "\",\"certificateId\":\""
                    + certificateId(TestPki.ORGANISATION) + "\",\"preset\":\"digitised\",\"presetParams\":{"
                    + "\"organisation\":\"So KHCN\",\"imageProfile\":\"seal\"}}");
            assertEquals("PROFILE_IMAGE_MISSING", seal.get("error").get("code").asText(), seal.toString());
            assertTrue(seal.get("error").get("message_vi").asText().contains("seal"));
            assertTrue(!seal.get("error").toString().contains(profile.toString()), "no local path reaches the page");
            for (String name : new String[] {"../../../etc/passwd", "/etc/passwd", "signature.png", "SEAL"}) {
                assertEquals("INVALID_PARAMS", c.errorCode("sign.pdf", "{\"documentId\":\"" + doc
                        + "\",\"certificateId\":\"" + an + "\",\"preset\":\"approve\",\"presetParams\":{\"titleLine\":"
                        + "\"x\",\"nameLine\":\"y\",\"imageProfile\":\"" + name + "\"}}"), name);
            }
            assertNotEquals(0, person.consent().count());
        }
    }
}
