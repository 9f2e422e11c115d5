package vn.kyso.pdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.errors.KysoException;
import vn.kyso.token.DigestAlgorithm;

/** Stage one: the field and signature dictionary, /Contents reserved, the byte range and its digest. */
class PrepareStageTest {

    private static final PadesOptions OPTIONS = PadesOptions.defaults()
            .withSigningTime(Instant.parse("2026-03-02T03:04:05Z"))
            .withDetails("Nguyễn Văn An", "Phê duyệt", null, null);

    @Test
    void leavesTheGapEmptyAndDigestsExactlyTheByteRanges() throws Exception {
        byte[] original = PadesFixture.samplePdf();
        PdfOutput.Memory out = PdfOutput.memory(original.clone());

        SignatureGap gap = PrepareStage.signature(out, OPTIONS, 5000, DigestAlgorithm.SHA256);

        byte[] written = out.bytes();
        PadesFixture.assertPrefix(original, written);
        long[] r = gap.byteRange();
        assertEquals(0, r[0]);
        assertEquals(written.length, r[2] + r[3]);
        assertEquals('<', written[(int) r[1]]);
        assertEquals('>', written[(int) r[2] - 1]);
        assertEquals(2 * 5000 + 2, r[2] - r[1], "the reservation, hex-encoded, between < and >");
        for (int i = (int) r[1] + 1; i < r[2] - 1; i++) {
            assertEquals('0', written[i], "gap not empty at " + i);
        }
        assertArrayEquals(StageFixture.sha256OfRanges(written, r), gap.digest());
        try (PDDocument reread = Loader.loadPDF(written)) {
            PDSignature signature = reread.getLastSignatureDictionary();
            assertEquals("ETSI.CAdES.detached", signature.getSubFilter());
            assertEquals("Nguyễn Văn An", signature.getName());
            assertEquals(Instant.parse("2026-03-02T03:04:05Z"), signature.getSignDate().toInstant());
            assertArrayEquals(r, Arrays.stream(signature.getByteRange()).asLongStream().toArray());
        }
    }

    @Test
    void aFileGetsTheSameRevisionAsMemory(@TempDir Path directory) throws Exception {
        byte[] original = PadesFixture.samplePdf();
        PdfOutput.Memory memory = PdfOutput.memory(original.clone());
        Path file = Files.write(directory.resolve("in.pdf"), original);

        SignatureGap inMemory = PrepareStage.signature(memory, OPTIONS, 5000, DigestAlgorithm.SHA256);
        SignatureGap onDisk = PrepareStage.signature(PdfOutput.file(file), OPTIONS, 5000, DigestAlgorithm.SHA256);

        // The same revision, but for the trailer's fresh /ID: same length, same byte range, each digest its own.
        byte[] written = Files.readAllBytes(file);
        assertEquals(memory.bytes().length, written.length);
        assertArrayEquals(inMemory.byteRange(), onDisk.byteRange());
        assertArrayEquals(StageFixture.sha256OfRanges(written, onDisk.byteRange()), onDisk.digest());
        inMemory.requireConsistent(memory.bytes(), DigestAlgorithm.SHA256);
        onDisk.requireConsistent(written, DigestAlgorithm.SHA256);
    }

    @Test
    void encryptedDocumentsAreWrittenByPdfBoxWithTheSameKindOfGap() throws Exception {
        byte[] original = StageFixture.encryptedSample();
        PdfOutput.Memory out = PdfOutput.memory(original.clone());

        SignatureGap gap = PrepareStage.signature(out, OPTIONS.withPassword(StageFixture.USER_PASSWORD), 5000,
                DigestAlgorithm.SHA384);

        PadesFixture.assertPrefix(original, out.bytes());
        gap.requireConsistent(out.bytes(), DigestAlgorithm.SHA384);
        try (PDDocument reread = Loader.loadPDF(out.bytes(), StageFixture.USER_PASSWORD)) {
            assertEquals("ETSI.CAdES.detached", reread.getLastSignatureDictionary().getSubFilter());
        }
    }

    @Test
    void aDocumentTimeStampIsAnInvisibleRfc3161FieldOverSha256() throws Exception {
        PdfOutput.Memory out = PdfOutput.memory(PadesFixture.samplePdf());

        SignatureGap gap = PrepareStage.documentTimeStamp(out, null);

        assertEquals(2 * PrepareStage.DOCUMENT_TIMESTAMP_SIZE + 2, gap.byteRange()[2] - gap.byteRange()[1]);
        assertArrayEquals(StageFixture.sha256OfRanges(out.bytes(), gap.byteRange()), gap.digest());
        try (PDDocument reread = Loader.loadPDF(out.bytes())) {
            PDSignature stamp = reread.getLastSignatureDictionary();
            assertEquals(COSName.DOC_TIME_STAMP, stamp.getCOSObject().getCOSName(COSName.TYPE));
            assertEquals("ETSI.RFC3161", stamp.getSubFilter());
        }
    }

    @Test
    void aDocumentCertifiedAgainstChangesIsRefusedBeforeAnythingIsWritten() throws Exception {
        byte[] certified = PadesFixture.corpus("certified-dss-no-change-permitted.pdf");
        PdfOutput.Memory out = PdfOutput.memory(certified.clone());

        KysoException refusal = assertThrows(KysoException.class,
                () -> PrepareStage.signature(out, OPTIONS, 5000, DigestAlgorithm.SHA256));

        assertEquals(PdfError.DOCUMENT_CERTIFIED_NO_CHANGES.code(), refusal.code());
        assertArrayEquals(certified, out.bytes());
    }
}
