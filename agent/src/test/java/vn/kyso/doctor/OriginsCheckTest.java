package vn.kyso.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.pairing.PairedOrigins;

class OriginsCheckTest {

    @TempDir
    Path dir;

    @Test
    void itsOriginsAndTheUsersPairingsAreListed() throws Exception {
        Install install = DoctorFixture.install(dir, List.of(), "origins.allowed=https://qlvb.ninhbinh.gov.vn");
        new PairedOrigins(install.inputs().pairedOrigins()).add("https://dichvucong.ninhbinh.gov.vn");

        Check check = new OriginsCheck().run(install).get(0);

        assertEquals(Check.Status.OK, check.status());
        assertEquals("Allowed by IT (1): https://qlvb.ninhbinh.gov.vn; 1 more approved by the user", check.en());
        assertEquals("Trang web do CNTT cấp (1): https://qlvb.ninhbinh.gov.vn; người dùng đã cho phép thêm 1",
                check.vi());
    }

    @Test
    void noPageAllowedIsAWarningThatSaysWhetherPairingIsOff() throws Exception {
        Check check = new OriginsCheck().run(DoctorFixture.install(dir, List.of(), "origins.pairing=false")).get(0);

        assertEquals(Check.Status.WARN, check.status());
        assertEquals("No web page is allowed to use Kyso Agent yet; IT switched pairing off (origins.pairing=false)",
                check.en());
    }
}
