package vn.kyso.pdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import eu.europa.esig.dss.enumerations.SignatureLevel;
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
