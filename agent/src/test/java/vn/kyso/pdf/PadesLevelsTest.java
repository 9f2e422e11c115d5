package vn.kyso.pdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import eu.europa.esig.dss.enumerations.SignatureLevel;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import vn.kyso.testpki.PkiServices;
import vn.kyso.testpki.TestPki;

/** Each PAdES level signed with a SoftHSM2 key, judged by EU DSS and by poppler's pdfsig. */
class PadesLevelsTest {

    @ParameterizedTest
    @EnumSource(PadesLevel.class)
    void everyLevelIsValidInDssAndPdfsig(PadesLevel level) throws Exception {
        byte[] original = PadesFixture.samplePdf();
        byte[] input = original.clone();
        PadesSigner signer = new PadesSigner(PadesFixture.services());

        SignResult result = signer.sign(input, PadesFixture.signer(TestPki.PERSONAL_AN),
                PadesOptions.defaults().withLevel(level).withPolicy(LevelPolicy.STRICT)
                        .withDetails("Nguyễn Văn An", "Phê duyệt", "Ninh Bình", "an@example.vn"));

        assertEquals(level, result.level());
        assertTrue(result.warnings().isEmpty(), result.warnings().toString());
        assertEquals(java.util.Arrays.toString(original), java.util.Arrays.toString(input), "input modified");
        byte[] signed = result.document();
        PadesFixture.assertPrefix(original, signed);
        assertSignatureDictionary(signed);

        SignatureLevel expected = switch (level) {
            case B_B -> SignatureLevel.PAdES_BASELINE_B;
            case B_T -> SignatureLevel.PAdES_BASELINE_T;
            case B_LT -> SignatureLevel.PAdES_BASELINE_LT;
            case B_LTA -> SignatureLevel.PAdES_BASELINE_LTA;
        };
        PadesFixture.assertDss(signed, expected);
        PadesFixture.assertPdfsigValid(signed, 1, level == PadesLevel.B_LTA ? 1 : 0);
    }

    /**
     * The certificate check before signing asks OCSP and caches the answer; a B-LT signature made right after must
     * not embed that answer, which predates its time-stamp (EU DSS then rates it B-T only), but a fresh one.
     */
    @Test
    void revocationEvidenceIsFetchedAfterTheTimeStampEvenWhenAnEarlierAnswerIsCached() throws Exception {
        PadesServices services = PadesFixture.services();
        var signer = PadesFixture.signer(TestPki.PERSONAL_AN);
        var cached = services.ocsp().check(signer.certificate(), signer.chain().get(1));
        Thread.sleep(1100); // OCSP times have whole seconds: the time-stamp comes a second later
        int before = PadesFixture.ENV.services().requestCount(PkiServices.Service.OCSP);

        byte[] signed = new PadesSigner(services).sign(PadesFixture.samplePdf(), signer,
                PadesOptions.defaults().withLevel(PadesLevel.B_LT).withPolicy(LevelPolicy.STRICT)).document();

        assertTrue(PadesFixture.ENV.services().requestCount(PkiServices.Service.OCSP) > before, "the cached answer was reused");
        assertTrue(services.ocsp().check(signer.certificate(), signer.chain().get(1)).thisUpdate()
                .isAfter(cached.thisUpdate()), "the cache now holds the fresh answer");
        PadesFixture.assertDss(signed, SignatureLevel.PAdES_BASELINE_LT);
    }

    /**
     * The same certificate signs twice in a row: the second signature's evidence is the same OCSP answer, already in
     * the /DSS, yet it gets its own revision (with its VRI), since validators take evidence for a signature only from
     * revisions after it.
     */
    @Test
    void aSecondSignatureWithTheSameEvidenceStillGetsItsOwnValidationRevision() throws Exception {
        PadesSigner engine = new PadesSigner(PadesFixture.services());
        var signer = PadesFixture.signer(TestPki.PERSONAL_AN);
        PadesOptions options = PadesOptions.defaults().withLevel(PadesLevel.B_LT).withPolicy(LevelPolicy.STRICT);

        byte[] once = engine.sign(PadesFixture.samplePdf(), signer, options).document();
        byte[] twice = engine.sign(once, signer, options).document();

        PadesFixture.assertDss(twice, SignatureLevel.PAdES_BASELINE_LT, SignatureLevel.PAdES_BASELINE_LT);
    }

    /** The file-to-file path writes the same revisions: same level, same validity, input untouched and a prefix. */
    @ParameterizedTest
    @EnumSource(PadesLevel.class)
    void everyLevelFileToFileIsValidInDssAndPdfsig(PadesLevel level, @TempDir Path dir) throws Exception {
        byte[] original = PadesFixture.samplePdf();
        Path in = dir.resolve("in.pdf");
        Path out = dir.resolve("out.pdf");
        Files.write(in, original);
        PadesSigner signer = new PadesSigner(PadesFixture.services());

        SignResult result = signer.sign(in, out, PadesFixture.signer(TestPki.PERSONAL_AN),
                PadesOptions.defaults().withLevel(level).withPolicy(LevelPolicy.STRICT)
                        .withDetails("Nguyễn Văn An", "Phê duyệt", "Ninh Bình", "an@example.vn"));

        assertEquals(level, result.level());
        assertTrue(result.warnings().isEmpty(), result.warnings().toString());
        assertArrayEquals(original, Files.readAllBytes(in), "input modified");
        byte[] signed = Files.readAllBytes(out);
        PadesFixture.assertPrefix(original, signed);
        assertSignatureDictionary(signed);
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "temp file left behind");
        }
        PadesFixture.assertDss(signed, switch (level) {
            case B_B -> SignatureLevel.PAdES_BASELINE_B;
            case B_T -> SignatureLevel.PAdES_BASELINE_T;
            case B_LT -> SignatureLevel.PAdES_BASELINE_LT;
            case B_LTA -> SignatureLevel.PAdES_BASELINE_LTA;
        });
        PadesFixture.assertPdfsigValid(signed, 1, level == PadesLevel.B_LTA ? 1 : 0);
    }

    private static void assertSignatureDictionary(byte[] signed) throws IOException {
        try (PDDocument document = Loader.loadPDF(signed)) {
            PDSignature signature = document.getSignatureDictionaries().stream()
                    .filter(s -> "ETSI.CAdES.detached".equals(s.getSubFilter()))
                    .findFirst().orElseThrow(() -> new AssertionError(PadesFixture.describe(document)));
            assertEquals("Adobe.PPKLite", signature.getFilter());
            assertEquals("ETSI.CAdES.detached", signature.getSubFilter());
            assertEquals("Phê duyệt", signature.getReason());
            assertTrue(signature.getSignDate() != null, "/M missing");
            COSDictionary catalog = document.getDocumentCatalog().getCOSObject();
            assertTrue(catalog.getCOSDictionary(COSName.getPDFName("DSS")) == null
                    || catalog.getCOSDictionary(COSName.getPDFName("DSS"))
                    .getCOSDictionary(COSName.getPDFName("VRI")).size() > 0, "DSS without VRI");
        }
    }
}
