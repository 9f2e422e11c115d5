package vn.kyso.pdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import eu.europa.esig.dss.enumerations.SignatureLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.testpki.TestPki;

/** Stage four: the document time-stamp revision (B-LTA) and the evidence for its TSA chain. */
class ArchiveStageTest {

    @Test
    void timeStampsTheWholeDocumentAndAddsItsEvidence() throws Exception {
        byte[] longTerm = longTermSignature();
        PdfOutput.Memory out = PdfOutput.memory(longTerm.clone());
        PadesServices services = PadesFixture.services();
        LevelRun run = StageFixture.run(PadesLevel.B_LTA, LevelPolicy.STRICT);

        assertTrue(new ArchiveStage(services.timeStamps(), new EvidenceStage(services)).add(out, run));

        PadesFixture.assertPrefix(longTerm, out.bytes());
        assertTrue(run.warnings().isEmpty(), run.warnings().toString());
        PadesFixture.assertDss(out.bytes(), SignatureLevel.PAdES_BASELINE_LTA);
        PadesFixture.assertPdfsigValid(out.bytes(), 1, 1);
    }

    @Test
    void withoutAnAnsweringTsaNothingOfTheRevisionIsKept(@TempDir Path directory) throws Exception {
        byte[] longTerm = longTermSignature();
        PadesServices services = StageFixture.withoutReachableTsa();
        ArchiveStage stage = new ArchiveStage(services.timeStamps(), new EvidenceStage(services));
        Path file = Files.write(directory.resolve("signed.pdf"), longTerm);
        PdfOutput.Memory memory = PdfOutput.memory(longTerm.clone());
        LevelRun run = StageFixture.run(PadesLevel.B_LTA, LevelPolicy.BEST_EFFORT);

        assertFalse(stage.add(PdfOutput.file(file), run));
        assertFalse(stage.add(memory, run));

        assertArrayEquals(longTerm, Files.readAllBytes(file));
        assertArrayEquals(longTerm, memory.bytes());
        assertEquals(2, run.warnings().size());
        assertEquals(PdfError.TIMESTAMP_REQUIRED_UNAVAILABLE.code(), run.warnings().get(0).code());
    }

    private static byte[] longTermSignature() throws Exception {
        return new PadesSigner(PadesFixture.services()).sign(PadesFixture.samplePdf(),
                PadesFixture.signer(TestPki.PERSONAL_AN),
                PadesOptions.defaults().withLevel(PadesLevel.B_LT).withPolicy(LevelPolicy.STRICT)).document();
    }
}
