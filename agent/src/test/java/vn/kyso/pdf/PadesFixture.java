package vn.kyso.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.validation.reports.Reports;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import vn.kyso.errors.KysoException;
import vn.kyso.pki.CrlClient;
import vn.kyso.pki.HttpFetcher;
import vn.kyso.pki.OcspClient;
import vn.kyso.pki.TimeStampClient;
import vn.kyso.sign.TokenSignerPort;
import vn.kyso.testpki.SoftHsmFixture;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;
import vn.kyso.token.SignatureAlgorithm;
import vn.kyso.token.TokenManager;
import vn.kyso.token.TokenManagerConfig;
import vn.kyso.xml.DssXades;

/** Shared test plumbing: SoftHSM2 signers, the PKI services, a sample PDF and the two independent validators. */
final class PadesFixture {

    static final TestEnvironment ENV = TestEnvironment.shared();
    private static TokenManager tokens;
    private static Path nssDirectory;

    private PadesFixture() {
    }

    /**
     * The shared token manager, reopened when another test class in this JVM (use cases, CLI) closed its own
     * manager on the same SoftHSM2 library: closing finalises the library for every manager in the process, so
     * which test classes pass would otherwise depend on the order Surefire runs them in.
     */
    static synchronized TokenManager tokens() {
        if (tokens != null && !usable(tokens)) {
            tokens.close();
            tokens = null;
        }
        if (tokens == null) {
            tokens = TokenManager.open(TokenManagerConfig.of(List.of(ENV.softHsm().library())));
        }
        return tokens;
    }

    /**
     * Logs the shared manager out of every token, if it was ever opened. PKCS#11 login state belongs to the process,
     * not to a manager: while this manager is logged in, another manager's C_Login with a wrong PIN answers
     * CKR_USER_ALREADY_LOGGED_IN, so a test of wrong PINs would pass or fail by the order of the test classes.
     */
    static synchronized void logoutAll() {
        if (tokens != null) {
            tokens.tokens().forEach(t -> tokens.logout(t.id()));
        }
    }

    /** One real signature with An's key: the only probe that reaches the library rather than a cache. */
    private static boolean usable(TokenManager manager) {
        try {
            manager.sign(fingerprint(ENV.pki().get(TestPki.PERSONAL_AN).certificate()), new byte[32],
                    SignatureAlgorithm.RSA_PKCS1_SHA256,
                    request -> Optional.of(SoftHsmFixture.USER_PIN.toCharArray()));
            return true;
        } catch (KysoException e) {
            return false;
        }
    }

    static TokenSignerPort signer(String alias) {
        TestPki pki = ENV.pki();
        String id = fingerprint(pki.get(alias).certificate());
        return new TokenSignerPort(tokens(), id, List.of(pki.intermediate(), pki.root()),
                request -> Optional.of(SoftHsmFixture.USER_PIN.toCharArray()));
    }

    /** Certificate ids of the token layer: SHA-256 of the DER certificate, lower-case hex. */
    static String fingerprint(java.security.cert.X509Certificate certificate) {
        try {
            return java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static PadesServices services() {
        HttpFetcher http = HttpFetcher.withDefaults();
        TestPki pki = ENV.pki();
        return new PadesServices(new TimeStampClient(http, URI.create(ENV.services().urls().tsa())),
                new OcspClient(http), new CrlClient(http), List.of(pki.root(), pki.intermediate()));
    }

    /** A one-page PDF with Vietnamese text (DejaVu Sans when installed, else plain ASCII in Helvetica). */
    static byte[] samplePdf() throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            Path ttf = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
            PDFont font;
            String text;
            if (Files.exists(ttf)) {
                font = PDType0Font.load(document, ttf.toFile());
                text = "Quyết định số 12/QĐ-SKHCN — Sở Khoa học và Công nghệ tỉnh Ninh Bình";
            } else {
                font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
                text = "Quyet dinh so 12/QD-SKHCN";
            }
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(font, 12);
                content.newLineAtOffset(60, 760);
                content.showText(text);
                content.endText();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    static byte[] corpus(String name) throws IOException {
        return Files.readAllBytes(Path.of(System.getProperty("kyso.test.corpus", "/work/shared/corpus"), name));
    }

    static String describe(PDDocument document) {
        StringBuilder out = new StringBuilder();
        for (var signature : document.getSignatureDictionaries()) {
            out.append(signature.getCOSObject().toString()).append('\n');
        }
        return out.toString();
    }

    static void assertPrefix(byte[] original, byte[] signed) {
        assertTrue(signed.length > original.length, "nothing appended");
        assertTrue(Arrays.equals(original, 0, original.length, signed, 0, original.length),
                "the original bytes are not an exact prefix of the output");
    }

    /** EU DSS with the test root as the only trust anchor, online OCSP/CRL and AIA against the loopback services. */
    static SimpleReport validateWithDss(byte[] pdf) {
        return dssReports(pdf, null).getSimpleReport();
    }

    /**
     * The full DSS reports (diagnostic data too), opening an encrypted document with {@code password}; DSS runs in
     * its own JVM on the libraries it was built for ({@link DssXades}).
     */
    static Reports dssReports(byte[] pdf, String password) {
        try {
            return DssXades.reports(pdf, password, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every signature TOTAL_PASSED at the given PAdES levels (in document order). */
    static void assertDss(byte[] pdf, SignatureLevel... levels) {
        SimpleReport report = validateWithDss(pdf);
        List<String> ids = report.getSignatureIdList();
        assertEquals(levels.length, ids.size(), "signatures found by DSS");
        List<SignatureLevel> actual = new ArrayList<>();
        for (String id : ids) {
            assertEquals(Indication.TOTAL_PASSED, report.getIndication(id),
                    id + ": " + report.getSubIndication(id) + " " + report.getAdESValidationErrors(id));
            actual.add(report.getSignatureFormat(id));
        }
        List<SignatureLevel> expected = List.of(levels);
        StringBuilder why = new StringBuilder();
        for (String id : ids) {
            why.append(id).append(' ').append(report.getSignedBy(id)).append(' ')
                    .append(report.getBestSignatureTime(id)).append(' ').append(report.getSignatureFormat(id))
                    .append(" warnings ").append(report.getAdESValidationWarnings(id).stream()
                            .map(m -> m.getKey() + ": " + m.getValue()).toList())
                    .append(" infos ").append(report.getAdESValidationInfo(id).stream()
                            .map(m -> m.getKey() + ": " + m.getValue()).toList()).append('\n');
        }
        assertEquals(expected.stream().sorted().toList(), actual.stream().sorted().toList(), why.toString());
    }

    /** Runs poppler's pdfsig with an NSS database that trusts the test root; returns its output. */
    static String pdfsig(byte[] pdf) throws Exception {
        return pdfsig(pdf, null);
    }

    /** pdfsig, giving poppler the user password of an encrypted document. */
    static String pdfsig(byte[] pdf, String password) throws Exception {
        Path dir = nssDatabase();
        Path file = Files.createTempFile("kyso-pades", ".pdf");
        try {
            Files.write(file, pdf);
            return password == null ? run("pdfsig", "-nssdir", "sql:" + dir, file.toString())
                    : run("pdfsig", "-nssdir", "sql:" + dir, "-upw", password, file.toString());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * Asserts pdfsig finds {@code count} CAdES signatures and calls each one valid with a trusted certificate.
     * Document time-stamps (ETSI.RFC3161) are listed apart: poppler 22 shows their type as "unknown" and answers
     * "Unable to validate this type of signature", so they are counted, not judged (EU DSS judges them).
     */
    static void assertPdfsigValid(byte[] pdf, int count, int documentTimeStamps) throws Exception {
        String output = pdfsig(pdf);
        int valid = 0;
        int stamps = 0;
        for (String block : output.split("Signature #")) {
            if (!block.contains("Signature Type:")) {
                continue;
            }
            if (block.contains("Signature Type: ETSI.RFC3161") || block.contains("Signature Type: unknown")) {
                stamps++;
                continue;
            }
            assertTrue(block.contains("Signature Validation: Signature is Valid."), output);
            assertTrue(block.contains("Certificate Validation: Certificate is Trusted."), output);
            valid++;
        }
        assertEquals(count, valid, output);
        assertEquals(documentTimeStamps, stamps, output);
    }

    private static synchronized Path nssDatabase() throws Exception {
        if (nssDirectory == null) {
            Path dir = Files.createTempDirectory("kyso-nss");
            Path root = dir.resolve("root.pem");
            Files.writeString(root, TestPki.pem(ENV.pki().root()));
            run("certutil", "-N", "--empty-password", "-d", "sql:" + dir);
            run("certutil", "-A", "-n", "root", "-t", "C,C,C", "-i", root.toString(), "-d", "sql:" + dir);
            nssDirectory = dir;
        }
        return nssDirectory;
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }
}
