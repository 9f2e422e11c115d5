package vn.kyso.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import vn.kyso.errors.Language;
import vn.kyso.pki.TrustStore;
import vn.kyso.verify.report.ReportText;
import vn.kyso.verify.report.VerificationReportHtml;
import vn.kyso.verify.report.VerificationReportPdf;

/**
 * The real-world corpus (/work/shared/corpus, system property kyso.test.corpus): tampered files get the right
 * verdict, and no file — broken, encrypted, unsigned — makes the verifier throw. Offline and with the bundled
 * government roots only, so no test reaches the network and none of these foreign signers is trusted.
 */
class CorpusVerificationTest {

    private static final PdfSignatureVerifier VERIFIER = PdfSignatureVerifier.builder(TrustStore.withBundledRoots())
            .online(false).build();

    static Path corpus() {
        String dir = System.getProperty("kyso.test.corpus");
        assertNotNull(dir, "system property kyso.test.corpus is not set");
        return Path.of(dir);
    }

    static DocumentReport verify(String name) throws Exception {
        return VERIFIER.verify(Files.readAllBytes(corpus().resolve(name)));
    }

    @Test
    void corruptedSignedBytesAreHashFailure() throws Exception {
        DocumentReport report = verify("badsig-dss-signed-corrupted.pdf");
        assertEquals(Indication.TOTAL_FAILED, report.indication(), ReportJson.toJson(report));
        assertEquals(SubIndication.HASH_FAILURE, report.signatures().get(0).subIndication());
    }

    @Test
    void contentChangedAfterSignatureIsReported() throws Exception {
        DocumentReport report = verify("badsig-dss-modified-after-signature.pdf");
        SignatureReport signature = report.signatures().get(0);
        // the signer's root is unknown here too, but an altered document is a failure, not "not sure"
        assertEquals(Indication.TOTAL_FAILED, report.indication());
        assertEquals(SubIndication.MODIFIED_AFTER_SIGNING, signature.subIndication());
        assertTrue(signature.reason().contains("NO_CERTIFICATE_CHAIN_FOUND"), signature.reason());
        assertTrue(signature.modifiedAfterSigning(), ReportJson.toJson(report));
        assertTrue(signature.changesAfter().stream().anyMatch(c -> c.kind() == ChangeKind.PAGE_CONTENT_CHANGED
                && c.where().equals("page 1")), signature.changesAfter().toString());
        assertTrue(ReportText.render(report).contains("Nội dung trang bị thay đổi"));
    }

    @Test
    void overlappingByteRangesAreFormatFailure() throws Exception {
        DocumentReport report = verify("badsig-dss-byterange-overlap.pdf");
        assertEquals(2, report.signatures().size());
        assertEquals(SubIndication.FORMAT_FAILURE, report.signatures().get(1).subIndication(),
                ReportJson.toJson(report));
        assertNotEquals(Indication.TOTAL_PASSED, report.indication());
    }

    @Test
    void encryptedWithAnOpenPasswordIsAClearError() throws Exception {
        for (String name : List.of("enc-userpw-pdfbox-aes256.pdf", "enc-userpw-pypdf-rc4-128.pdf")) {
            DocumentReport report = verify(name);
            assertEquals(VerifyError.DOCUMENT_ENCRYPTED, report.error(), name);
        }
    }

    @Test
    void brokenFilesAreAClearErrorOrUnsigned() throws Exception {
        for (String name : List.of("broken-qpdf-issue-147-fuzz.pdf", "broken-pyhanko-startxref-hopeless.pdf",
                "broken-pdfjs-helloworld-bad.pdf")) {
            DocumentReport report = verify(name);
            assertNotNull(report.error(), name + ": " + ReportJson.toJson(report));
            assertNotEquals(Indication.TOTAL_PASSED, report.indication(), name);
        }
    }

    static Stream<String> everyFile() throws Exception {
        try (Stream<Path> files = Files.list(corpus())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pdf")).sorted().toList()
                    .stream();
        }
    }

    /** Never an exception, never TOTAL_PASSED (nothing here chains to a government root), always renderable. */
    @ParameterizedTest
    @MethodSource("everyFile")
    void everyCorpusFileGetsAReport(String name) throws Exception {
        DocumentReport report = verify(name);
        assertNotEquals(Indication.TOTAL_PASSED, report.indication(), name);
        assertTrue(report.error() != null || !report.signatures().isEmpty(), name);
        assertTrue(ReportJson.toJson(report).contains("indication"));
        String en = ReportText.render(report, Language.EN);
        assertTrue(en.startsWith("Verdict: ") && !en.contains("null"), en);
        String vi = ReportText.render(report);
        assertTrue(vi.startsWith("Kết luận: ") && !vi.contains("null"), vi);
        // Corpus files carry odd names and details: the printable reports must still come out.
        assertTrue(VerificationReportPdf.render(report, name, "00", Language.VI).length > 1000);
        assertTrue(VerificationReportHtml.render(report, name, "00", Language.VI)
                .contains("</html>"));
    }
}
