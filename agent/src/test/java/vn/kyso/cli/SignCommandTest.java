package vn.kyso.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.testpki.SoftHsmFixture;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;
import vn.kyso.xml.XmlTestSupport;

/** {@code kyso sign} → {@code kyso verify}, with the PIN on stdin as a script would give it. */
class SignCommandTest {

    @TempDir
    static Path dir;
    private static TestEnvironment env;
    private static Path input;
    private static Path root;

    @BeforeAll
    static void files() throws Exception {
        env = TestEnvironment.shared();
        input = dir.resolve("công văn.pdf");
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            document.save(input.toFile());
        }
        root = dir.resolve("root.pem");
        Files.writeString(root, TestPki.pem(env.pki().root()));
    }

    private record Result(int exit, String out) {
    }

    private static Result run(String stdin, String... args) {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(sink, true, StandardCharsets.UTF_8);
            int exit = Main.run(args, out, out);
            return new Result(exit, sink.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(original);
        }
    }

    private String[] sign(Path out, String... extra) {
        String[] base = {"sign", "--in", input.toString(), "--out", out.toString(), "--library",
                env.softHsm().library().toString(), "--token", SoftHsmFixture.ORGANISATION_TOKEN.label(),
                "--tsa", env.services().urls().tsa(), "--trust-cert", root.toString(), "--pin-stdin"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void signsACopyWithTheStampAndTheResultVerifies() throws Exception {
        Path out = dir.resolve("sao y.pdf");
        Result signed = run(SoftHsmFixture.USER_PIN + "\n", sign(out, "--preset", "copy", "--organisation",
                "Sở Khoa học và Công nghệ tỉnh Ninh Bình"));
        assertEquals(0, signed.exit(), signed.out());
        assertTrue(signed.out().contains("(PAdES-BASELINE-LT)"), signed.out());
        byte[] original = Files.readAllBytes(input);
        byte[] result = Files.readAllBytes(out);
        assertTrue(java.util.Arrays.equals(original, 0, original.length, result, 0, original.length),
                "the input is an exact prefix of the output");
        Result verified = run("", "verify", out.toString(), "--trust-cert", root.toString());
        assertEquals(0, verified.exit(), verified.out());
    }

    /** The format comes from the content, not the name: an e-invoice saved as ".dat" is still signed as XML. */
    @Test
    void signsAnEInvoiceAndAXadesDetachedSignatureAndBothVerify() throws Exception {
        Path invoice = Files.write(dir.resolve("hoá đơn.dat"), XmlTestSupport.invoice());
        Path out = dir.resolve("hoá đơn đã ký.xml");
        Result signed = run(SoftHsmFixture.USER_PIN + "\n", sign(out, "--in", invoice.toString()));
        assertEquals(0, signed.exit(), signed.out());
        assertTrue(signed.out().contains("(XML-NOT-ETSI — XMLDSig)") && signed.out().contains("/HDon/DLHDon (Id data)")
                && signed.out().contains("1C26TKS-0000123"), signed.out());
        Path pdfReport = dir.resolve("hoá đơn kết quả.pdf");
        Path htmlReport = dir.resolve("hoá đơn kết quả.html");
        Result verified = run("", "verify", out.toString(), "--trust-cert", root.toString(), "--report",
                pdfReport.toString(), "--html", htmlReport.toString());
        assertEquals(0, verified.exit(), verified.out());
        assertTrue(verified.out().contains("Người bán / seller: Công ty TNHH Văn phòng phẩm Hồng Hà"), verified.out());
        // the printed and the HTML report name what was signed as the text report does
        String printed = pdfText(pdfReport);
        String html = Files.readString(htmlReport);
        for (String fact : new String[] {"Phần được ký", "/HDon/DLHDon (Id data)", "Hóa đơn số", "1C26TKS-0000123",
                "Người bán", "Công ty TNHH Văn phòng phẩm Hồng Hà", "Người mua", "Tổng tiền",
                "/HDon/DSCKS/NBan/ds:Signature (XMLDSig)"}) {
            assertTrue(printed.contains(fact), fact + " not in the PDF report: " + printed);
            assertTrue(html.contains(fact), fact + " not in the HTML report");
        }

        Path signature = dir.resolve("hoá đơn.dat.xades.xml");
        Result xades = run(SoftHsmFixture.USER_PIN + "\n", sign(signature, "--in", invoice.toString(), "--format",
                "xades", "--level", "B-T", "--detached"));
        assertEquals(0, xades.exit(), xades.out());
        assertTrue(xades.out().contains("(XAdES-BASELINE-T)"), xades.out());
        Result detached = run("", "verify", signature.toString(), "--trust-cert", root.toString(), "--detached",
                invoice.toString(), "--json");
        assertEquals(0, detached.exit(), detached.out());
        assertTrue(detached.out().contains("XAdES-BASELINE-T"), detached.out());
        assertEquals(1, run("", "verify", signature.toString(), "--trust-cert", root.toString()).exit(),
                "without the signed file a detached signature cannot pass");
        Result ambiguous = run("", sign(dir.resolve("y.xml"), "--in", invoice.toString(), "--xpath", "//HHDVu"));
        assertEquals(1, ambiguous.exit());
        assertTrue(ambiguous.out().contains("XML_XPATH_INVALID"), ambiguous.out());
    }

    @Test
    void aJsonFileIsSignedAsJadesAndVerifiedAttachedAndDetached() throws Exception {
        Path json = dir.resolve("tờ khai.json");
        Files.writeString(json, "{\"soHoSo\":\"12/2026/BHXH\",\"tongTien\":\"125.000.000\"}");
        Path jades = dir.resolve("tờ khai.jws.json");
        String[] common = {"--in", json.toString(), "--library", env.softHsm().library().toString(), "--token",
                SoftHsmFixture.ORGANISATION_TOKEN.label(), "--tsa", env.services().urls().tsa(), "--trust-cert",
                root.toString(), "--pin-stdin"};
        // B-LT needs the issuer's certificate locally; only the root is given here, so the default B-LT is refused
        Result noIssuer = run(SoftHsmFixture.USER_PIN + "\n", concat(new String[] {"sign", "--out",
                jades.toString()}, common));
        assertEquals(1, noIssuer.exit(), noIssuer.out());
        assertTrue(noIssuer.out().contains("REVOCATION_DATA_UNAVAILABLE") && !Files.exists(jades), noIssuer.out());
        Result signed = run(SoftHsmFixture.USER_PIN + "\n", concat(new String[] {"sign", "--out", jades.toString(),
                "--level", "B-T"}, common));
        assertEquals(0, signed.exit(), signed.out());
        assertTrue(signed.out().contains("(JAdES-BASELINE-T)") && signed.out().contains("tongTien: 125.000.000"), signed.out());
        Result verified = run("", "verify", jades.toString(), "--trust-cert", root.toString());
        assertEquals(0, verified.exit(), verified.out());
        assertTrue(verified.out().contains("JAdES-BASELINE-T") && verified.out().contains("soHoSo: 12/2026/BHXH"),
                verified.out());
        Path jsonReport = dir.resolve("tờ khai kết quả.pdf");
        assertEquals(0, run("", "verify", jades.toString(), "--trust-cert", root.toString(), "--lang", "en",
                "--report", jsonReport.toString()).exit());
        String printed = pdfText(jsonReport);
        assertTrue(printed.contains("Signed content") && printed.contains("soHoSo: 12/2026/BHXH")
                && printed.contains("tongTien: 125.000.000"), printed);

        Path compact = dir.resolve("tờ khai.jws");
        Result detached = run(SoftHsmFixture.USER_PIN + "\n", concat(new String[] {"sign", "--out",
                compact.toString(), "--format", "jws", "--serialization", "compact", "--detached", "--algorithm",
                "PS256"}, common));
        assertEquals(0, detached.exit(), detached.out());
        assertTrue(detached.out().contains("(JSON-NOT-ETSI, tách rời / detached)"), detached.out());
        assertEquals(2, Files.readString(compact).chars().filter(ch -> ch == '.').count());
        assertTrue(Files.readString(compact).contains(".."), "payload left out of the compact form");
        Result withPayload = run("", "verify", compact.toString(), "--payload", json.toString(), "--trust-cert",
                root.toString(), "--json");
        assertEquals(0, withPayload.exit(), withPayload.out());
        assertTrue(withPayload.out().contains("\"level\" : \"JSON-NOT-ETSI\""), withPayload.out());
        Path changed = dir.resolve("sửa.json");
        Files.writeString(changed, "{\"soHoSo\":\"12/2026/BHXH\",\"tongTien\":\"925.000.000\"}");
        assertEquals(1, run("", "verify", compact.toString(), "--payload", changed.toString(), "--trust-cert",
                root.toString()).exit());
        assertEquals(2, run("", concat(new String[] {"sign", "--out", dir.resolve("x.jws").toString(), "--format",
                "jws", "--level", "B-T"}, common)).exit(), "a plain JWS has no level");
    }

    /** The report's text as PDFBox extracts it, lines joined by spaces so wrapped values read whole. */
    private static String pdfText(Path pdf) throws Exception {
        try (PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    @Test
    void aWrongPinFailsCleanlyAndWritesNoOutput() {
        Path out = dir.resolve("never.pdf");
        Result r = run("999999\n", sign(out));
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("PIN_INCORRECT"), r.out());
        assertTrue(!Files.exists(out), "no output file on failure");
    }

    @Test
    void usageMistakesExitTwo() {
        assertEquals(2, run("", "sign", "--in", input.toString()).exit());
        assertEquals(2, run("", "sign", "--in", input.toString(), "--out", input.toString()).exit());
        assertEquals(2, run("", sign(dir.resolve("x.pdf"), "--preset", "poster")).exit());
    }
}
