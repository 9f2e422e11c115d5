package vn.kyso.pdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.validation.reports.Reports;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import vn.kyso.errors.KysoException;
import vn.kyso.pki.TrustStore;
import vn.kyso.testpki.TestPki;
import vn.kyso.verify.DocumentReport;
import vn.kyso.verify.Indication;
import vn.kyso.verify.PdfSignatureVerifier;
import vn.kyso.verify.SignatureReport;
import vn.kyso.verify.VerifyError;

/**
 * Every real-world PDF of the corpus (/work/shared/corpus, manifest.tsv) signed at B-T with An's SoftHSM2 key.
 * Each file either signs to a result that our verifier, EU DSS, pdfsig and qpdf accept — input unchanged and an
 * exact prefix of the output, earlier signatures keeping their verdict — or is refused with a stable code and a
 * message in both languages. Nothing else may come out. {@link #EXPECTED} says which, per file, and why.
 */
class CorpusSigningTest {

    private record Expected(PdfError refusal, String why) {

        static Expected signed(String why) {
            return new Expected(null, why);
        }

        static Expected refused(PdfError code, String why) {
            return new Expected(code, why);
        }
    }

    /** The outcome of each corpus file; a change of behaviour must change this table. */
    private static final Map<String, Expected> EXPECTED = table(
            "signed1-qpdf-digitally-signed.pdf", Expected.signed(
                    "adbe.pkcs7.detached by a self-signed 'John Doe': stays INDETERMINATE (untrusted root)"),
            "signed1-pdfbox-acroform-9revs.pdf", Expected.signed(
                    "9 revisions, object streams; its signature field has no /V (never signed), we add a new field"),
            "signed2-pyhanko-two-fields-signed-twice.pdf", Expected.signed(
                    "two pyHanko signatures (unknown GlobalSign TSA chain): both stay INDETERMINATE"),
            "signed3-dss-SK-6.pdf", Expected.signed(
                    "two signatures and a document time-stamp from the Slovak plugtest: all stay INDETERMINATE"),
            "certified-dss-no-change-permitted.pdf", Expected.refused(PdfError.DOCUMENT_CERTIFIED_NO_CHANGES,
                    "certified with DocMDP P=1: any further signature would invalidate the certification"),
            "certified-dss-changes-permitted.pdf", Expected.signed(
                    "certified with DocMDP P=2, which permits signing"),
            "badsig-dss-signed-corrupted.pdf", Expected.signed(
                    "its signature is broken (hash failure) and stays TOTAL_FAILED; ours is independent of it"),
            "badsig-dss-modified-after-signature.pdf", Expected.signed(
                    "content changed after the earlier signature; that one keeps its verdict, ours covers all"),
            "badsig-dss-byterange-overlap.pdf", Expected.signed(
                    "overlapping byte ranges: the bad signature stays TOTAL_FAILED, the other INDETERMINATE"),
            "emptysig-dss-two-empty-fields.pdf", Expected.signed(
                    "invisible signature in a new field; the two empty fields stay empty"),
            "enc-userpw-pdfbox-aes256.pdf", Expected.refused(PdfError.PDF_ENCRYPTED,
                    "AES-256: the user password grants forms and annotations but not 'modify' (bit 4), which a new "
                            + "signature field needs (ISO 32000-1 table 22)"),
            "enc-userpw-pypdf-rc4-128.pdf", Expected.signed(
                    "RC4-128 opened with the user password, which grants modify and annotations"),
            "enc-ownerpw-pdfjs-empty_protected.pdf", Expected.refused(PdfError.PDF_ENCRYPTED,
                    "AES-256, owner password only: P=-1052 grants forms and annotations but not 'modify' (bit 4), "
                            + "and there is no empty signature field to fill in"),
            "enc-ownerpw-signed-dss-encrypted.pdf", Expected.refused(PdfError.PDF_ENCRYPTED,
                    "RC4-128, owner password only: P=-1836 grants no modification at all"),
            "xrefstream-dss-pdf-xref-streams.pdf", Expected.signed("cross-reference streams"),
            "hybrid-xref-pyhanko.pdf", Expected.signed("hybrid-reference file"),
            "incremental-qpdf-incremental-1.pdf", Expected.signed("PDF-1.3 with two incremental updates"),
            "pdf10-pdfjs-sci-notation.pdf", Expected.signed("PDF-1.0 header"),
            "pdf20-pdfassoc-simple.pdf", Expected.signed("PDF 2.0"),
            "pdfa2a-dss-rgb.pdf", Expected.signed("PDF/A-2a, object streams"),
            "form-pdfbox-AcroFormsBasicFields.pdf", Expected.signed(
                    "AcroForm with every field type and an empty signature field"),
            "form-xfa-pdfjs-issue14315.pdf", Expected.signed("XFA form: the AcroForm signature is added beside it"),
            "broken-pyhanko-startxref-hopeless.pdf", Expected.signed(
                    "startxref points nowhere: PDFBox rebuilds the xref; readers recover the same way"),
            "broken-pdfjs-helloworld-bad.pdf", Expected.signed(
                    "bad xref offsets: PDFBox rebuilds the xref; qpdf reports only the input's own damage"),
            "broken-qpdf-issue-147-fuzz.pdf", Expected.refused(PdfError.PDF_DAMAGED,
                    "91 bytes of fuzzer garbage: no trailer, no catalog"),
            "realworld-pdfjs-tracemonkey.pdf", Expected.signed("14-page paper, Type 1 fonts"),
            "vn-vntex.pdf", Expected.signed("Vietnamese VnTeX manual"),
            "vn-lshort-vi-169p.pdf", Expected.signed("Vietnamese lshort, 169 pages"));

    private static final PadesSigner SIGNER = new PadesSigner(PadesFixture.services());

    static Stream<CorpusManifest.Entry> corpus() {
        return CorpusManifest.load().entries().stream();
    }

    @Test
    void theTableCoversExactlyTheManifest() {
        Set<String> manifest = corpus().map(CorpusManifest.Entry::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(EXPECTED.keySet()), manifest);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void signsOrRefusesWithAStableCode(CorpusManifest.Entry entry) throws Exception {
        Expected expected = EXPECTED.get(entry.name());
        assertNotNull(expected, "not in the table: " + entry.name());
        byte[] input = Files.readAllBytes(CorpusManifest.directory().resolve(entry.name()));
        assertEquals(entry.sha256(), sha256(input), "corpus file differs from the manifest");
        byte[] pristine = input.clone();

        if (entry.userPassword() != null) {
            KysoException withoutPassword = attempt(input, null).refusal();
            assertNotNull(withoutPassword, "signed without its password");
            assertRefusal(PdfError.PDF_PASSWORD_REQUIRED, withoutPassword);
        }
        Outcome outcome = attempt(input, entry.userPassword());

        assertArrayEquals(pristine, input, "the engine modified its input");
        assertEquals(entry.sha256(), sha256(Files.readAllBytes(CorpusManifest.directory().resolve(entry.name()))));
        if (expected.refusal() != null) {
            assertNotNull(outcome.refusal(), "expected " + expected.refusal() + " (" + expected.why() + ") but signed");
            assertRefusal(expected.refusal(), outcome.refusal());
        } else {
            assertNull(outcome.refusal(), () -> "expected to sign (" + expected.why() + "): " + outcome.refusal());
            assertAccepted(entry, input, outcome.signed());
        }
    }

    private record Outcome(SignResult signed, KysoException refusal) {
    }

    /** Signs; a KysoException is an outcome, any other exception fails the test. */
    private static Outcome attempt(byte[] input, String password) {
        try {
            return new Outcome(SIGNER.sign(input, PadesFixture.signer(TestPki.PERSONAL_AN),
                    PadesOptions.defaults().withLevel(PadesLevel.B_T).withPassword(password)), null);
        } catch (KysoException refused) {
            return new Outcome(null, refused);
        } catch (RuntimeException crash) {
            throw new AssertionError("neither signed nor refused with a code", crash);
        }
    }

    private static void assertRefusal(PdfError expected, KysoException refusal) {
        assertEquals(expected.code(), refusal.code(), refusal.getMessage());
        for (String message : List.of(refusal.messageVi(), refusal.messageEn())) {
            assertFalse(message.isBlank(), refusal.code());
            assertFalse(message.contains("{"), "unformatted message: " + message);
        }
        assertNotEquals(refusal.messageVi(), refusal.messageEn());
        if (expected == PdfError.PDF_ENCRYPTED) {
            // the reason: which permission a new field needs, and what the owner granted
            assertTrue(refusal.messageEn().contains("(bit 4)") && refusal.messageEn().contains("modify no"),
                    refusal.messageEn());
            assertTrue(refusal.messageVi().contains("sửa văn bản không"), refusal.messageVi());
        }
    }

    private static void assertAccepted(CorpusManifest.Entry entry, byte[] input, SignResult result)
            throws Exception {
        byte[] output = result.document();
        assertEquals(PadesLevel.B_T, result.level(), result.warnings().toString());
        PadesFixture.assertPrefix(input, output);
        String password = entry.userPassword();
        String field = newestField(output, password);

        assertOurVerifier(entry, input, output, field);

        Reports dss = PadesFixture.dssReports(output, password);
        SimpleReport simple = dss.getSimpleReport();
        SignatureWrapper ours = dss.getDiagnosticData().getSignatures().stream()
                .filter(s -> s.getSignatureFieldNames().contains(field)).findFirst()
                .orElseThrow(() -> new AssertionError("DSS does not see " + field));
        assertEquals(eu.europa.esig.dss.enumerations.Indication.TOTAL_PASSED, simple.getIndication(ours.getId()),
                simple.getSubIndication(ours.getId()) + " " + simple.getAdESValidationErrors(ours.getId()));

        String pdfsig = PadesFixture.pdfsig(output, password);
        String block = pdfsigBlock(pdfsig, field);
        assertTrue(block.contains("Signature Validation: Signature is Valid."), pdfsig);
        assertTrue(block.contains("Certificate Validation: Certificate is Trusted."), pdfsig);

        QpdfCheck before = QpdfCheck.of(input, password);
        QpdfCheck after = QpdfCheck.of(output, password);
        assertNotEquals(2, after.exitCode(), after.output());
        // A damaged input's broken xref stays in the output (it is an exact prefix): qpdf may meet that damage
        // again through our section's /Prev (or not at all), and recovers the same way — never an error (above).
        // An undamaged input must come out without any new complaint.
        if (!before.damaged()) {
            assertEquals(Set.of(), after.newWarnings(before), after.output());
        }
    }

    /**
     * Our verifier: the new signature TOTAL_PASSED, every earlier one with the verdict it had before. An encrypted
     * output is opened with its user password; without it the verifier must say DOCUMENT_ENCRYPTED, never a verdict.
     */
    private static void assertOurVerifier(CorpusManifest.Entry entry, byte[] input, byte[] output, String field) {
        TrustStore trust = TrustStore.empty();
        trust.add(PadesFixture.ENV.pki().root());
        PdfSignatureVerifier verifier = PdfSignatureVerifier.builder(trust).build();
        if (entry.userPassword() != null) {
            DocumentReport locked = verifier.verify(output);
            assertEquals(VerifyError.DOCUMENT_ENCRYPTED, locked.error(), locked.toString());
        }
        DocumentReport after = verifier.verify(output, entry.userPassword());
        SignatureReport ours = after.signatures().stream().filter(s -> s.fieldName().equals(field)).findFirst()
                .orElseThrow(() -> new AssertionError("our verifier does not see " + field + ": " + after));
        assertEquals(Indication.TOTAL_PASSED, ours.indication(), ours.toString());
        assertTrue(ours.coversWholeDocument(), ours.toString());

        DocumentReport before = verifier.verify(input, entry.userPassword());
        Map<String, Indication> earlier = verdicts(before);
        Map<String, Indication> later = verdicts(after);
        later.remove(field);
        assertEquals(earlier, later, "an earlier signature changed its verdict");
    }

    private static Map<String, Indication> verdicts(DocumentReport report) {
        Map<String, Indication> out = new LinkedHashMap<>();
        for (SignatureReport signature : report.signatures()) {
            out.put(signature.fieldName(), signature.indication());
        }
        return out;
    }

    /** The field of the signature whose byte range ends at the end of the file: the one just added. */
    private static String newestField(byte[] pdf, String password) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf, password == null ? "" : password)) {
            for (PDSignatureField field : document.getSignatureFields()) {
                PDSignature signature = field.getSignature();
                int[] range = signature == null ? new int[0] : signature.getByteRange();
                if (range.length == 4 && (long) range[2] + range[3] == pdf.length) {
                    return field.getFullyQualifiedName();
                }
            }
        }
        throw new AssertionError("no signature covers the whole output");
    }

    private static String pdfsigBlock(String output, String field) {
        for (String block : output.split("Signature #")) {
            if (block.contains("Signature Field Name: " + field + "\n")) {
                return block;
            }
        }
        throw new AssertionError("pdfsig does not list " + field + ":\n" + output);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static Map<String, Expected> table(Object... pairs) {
        Map<String, Expected> table = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            table.put((String) pairs[i], (Expected) pairs[i + 1]);
        }
        return Map.copyOf(table);
    }
}
