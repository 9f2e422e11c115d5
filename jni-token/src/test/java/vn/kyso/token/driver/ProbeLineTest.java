package vn.kyso.token.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProbeLineTest {

    @Test
    void survivesAnyCharactersALibraryMayReport() {
        ProbeLine line = new ProbeLine(ProbeOutcome.OK, "",
                new LibraryInfo("Thư viện\tký số = \"VGCA\"\n", "Ban Cơ yếu %20", "1.0", "2.40"), new SlotCounts(3, 1));

        String stdout = "vendor says hi\n" + "[INFO] noise " + line.encode() + "\nmore noise\n";

        assertEquals(line, ProbeLine.find(stdout).orElseThrow());
    }

    @Test
    void aFailureCarriesOnlyItsReason() {
        ProbeLine line = ProbeLine.failed(ProbeOutcome.INIT_FAILED, "C_Initialize: CKR_GENERAL_ERROR");

        assertEquals(line, ProbeLine.find(line.encode() + "\n").orElseThrow());
    }

    @Test
    void noMarkerOrGarbageMeansNoAnswer() {
        assertTrue(ProbeLine.find("Segmentation fault\n").isEmpty());
        assertTrue(ProbeLine.find(ProbeLine.MARKER + " outcome=EXPLODED\n").isEmpty());
    }

    @Test
    void exitCodesNameTheSignalOrWindowsException() {
        assertEquals("exit code 134 (killed by signal 6 SIGABRT)", ExitStatus.describe(134, Os.LINUX));
        assertEquals("exit code 139 (killed by signal 11 SIGSEGV)", ExitStatus.describe(139, Os.MACOS));
        assertEquals("exit code 0xC0000005 (access violation)", ExitStatus.describe(0xC0000005, Os.WINDOWS));
        assertEquals("exit code 1", ExitStatus.describe(1, Os.LINUX));
    }
}
