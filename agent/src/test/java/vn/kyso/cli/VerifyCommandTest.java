package vn.kyso.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.pdf.PadesOptions;
import vn.kyso.pdf.PadesServices;
import vn.kyso.pdf.PadesSigner;
import vn.kyso.pki.CrlClient;
import vn.kyso.pki.HttpFetcher;
import vn.kyso.pki.OcspClient;
import vn.kyso.pki.TimeStampClient;
import vn.kyso.sign.TokenSignerPort;
import vn.kyso.testpki.SoftHsmFixture;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;
import vn.kyso.token.TokenManager;
import vn.kyso.token.TokenManagerConfig;

/** {@code kyso verify}: exit codes, Vietnamese and English text, JSON — on a document signed with a SoftHSM2 key. */
class VerifyCommandTest {

    @TempDir
    static Path dir;
    private static Path signed;
    private static Path root;
    private static TokenManager tokens;

    @BeforeAll
    static void sign() throws Exception {
        TestEnvironment env = TestEnvironment.shared();
        TestPki pki = env.pki();
        tokens = TokenManager.open(TokenManagerConfig.of(List.of(env.softHsm().library())));
        String id = tokens.certificates().stream().filter(c -> c.label().equals(TestPki.ORGANISATION)).findFirst()
                .orElseThrow().id();
        TokenSignerPort signer = new TokenSignerPort(tokens, id, List.of(pki.intermediate(), pki.root()),
                request -> Optional.of(SoftHsmFixture.USER_PIN.toCharArray()));
        HttpFetcher http = HttpFetcher.withDefaults();
        PadesServices services = new PadesServices(new TimeStampClient(http, URI.create(env.services().urls().tsa())),
                new OcspClient(http), new CrlClient(http), List.of(pki.root(), pki.intermediate()));
        byte[] blank;
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            blank = out.toByteArray();
        }
        signed = dir.resolve("văn bản đã ký.pdf");
        Files.write(signed, new PadesSigner(services).sign(blank, signer, PadesOptions.defaults()).document());
        root = dir.resolve("root.pem");
        Files.writeString(root, TestPki.pem(pki.root()));
    }

    @AfterAll
    static void close() {
        tokens.close();
    }

    private record Result(int exit, String out) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(sink, true, StandardCharsets.UTF_8);
        int exit = Main.run(args, out, out);
        return new Result(exit, sink.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aGoodDocumentExitsZeroWithAVietnameseReport() {
        Result r = run("verify", signed.toString(), "--trust-cert", root.toString());
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("Hợp lệ") || r.out().contains("hợp lệ"), r.out());
        assertTrue(r.out().contains("Sở Khoa học và Công nghệ tỉnh Ninh Bình"), r.out());
        Result en = run("verify", signed.toString(), "--trust-cert", root.toString(), "--lang", "en");
        assertTrue(en.out().toLowerCase().contains("valid"), en.out());
    }

    @Test
    void withoutTheTestRootItIsNotValid() {
        assertEquals(1, run("verify", signed.toString()).exit());
    }

    @Test
    void jsonCarriesTheIndicationPerSignature() throws Exception {
        Result r = run("verify", signed.toString(), "--trust-cert", root.toString(), "--json");
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("TOTAL_PASSED", json.get("indication").asText(), r.out());
    }

    @Test
    void reportAndHtmlAreWrittenBesideTheTextAndTheExitCodeIsUnchanged() throws Exception {
        Path pdf = dir.resolve("báo cáo.pdf");
        Path html = dir.resolve("báo cáo.html");
        Result r = run("verify", signed.toString(), "--trust-cert", root.toString(), "--report", pdf.toString(),
                "--html", html.toString());
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("Kết luận: HỢP LỆ"), r.out());
        String sha = java.util.HexFormat.of().withUpperCase().formatHex(java.security.MessageDigest
                .getInstance("SHA-256").digest(Files.readAllBytes(signed)));
        try (PDDocument report = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(report).replaceAll("\\s+", " ");
            assertTrue(text.contains("KẾT QUẢ KIỂM TRA CHỮ KÝ SỐ") && text.contains("Có thể tiếp nhận"), text);
            assertTrue(text.contains("Sở Khoa học và Công nghệ tỉnh Ninh Bình"), text);
            assertTrue(text.contains(sha) && text.contains("văn bản đã ký.pdf"), text);
        }
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains(sha) && page.contains("HỢP LỆ"), page);

        Path refused = dir.resolve("refused.pdf");
        Result json = run("verify", signed.toString(), "--json", "--report", refused.toString());
        assertEquals(1, json.exit());
        try (PDDocument report = org.apache.pdfbox.Loader.loadPDF(refused.toFile())) {
            assertTrue(new org.apache.pdfbox.text.PDFTextStripper().getText(report).contains("Chưa đủ căn cứ"));
        }
    }

    @Test
    void aTamperedCorpusFileExitsOne() {
        Path corpus = Path.of(System.getProperty("kyso.test.corpus"), "badsig-dss-signed-corrupted.pdf");
        Result r = run("verify", corpus.toString());
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("HASH_FAILURE"), r.out());
        assertEquals(2, run("verify").exit());
        assertEquals(2, run("verify", dir.resolve("missing.pdf").toString()).exit());
    }
}
