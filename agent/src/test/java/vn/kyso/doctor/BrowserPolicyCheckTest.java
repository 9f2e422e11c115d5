package vn.kyso.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrowserPolicyCheckTest {

    private static final String ORIGINS = "origins.allowed=https://qlvb.ninhbinh.gov.vn";

    @TempDir
    Path dir;

    @Test
    void withoutPolicyFilesToCheckItIsLeftToGpo() throws Exception {
        Check check = new BrowserPolicyCheck().run(DoctorFixture.install(dir, List.of(), ORIGINS)).get(0);

        assertEquals(Check.Status.OK, check.status());
        assertEquals("Browser policies are managed by GPO on this system (not checked)", check.en());
    }

    @Test
    void aPolicyListingItsOriginsIsOkAnotherListWarns() throws Exception {
        Path chrome = dir.resolve("chrome.json");
        Path edge = dir.resolve("edge.json");
        Files.writeString(chrome, "{\"LocalNetworkAccessAllowedForUrls\": [\"https://qlvb.ninhbinh.gov.vn\"]}");

        Check matching = new BrowserPolicyCheck().run(DoctorFixture.install(dir, List.of(chrome, edge), ORIGINS))
                .get(0);
        Files.writeString(edge, "{\"LocalNetworkAccessAllowedForUrls\": [\"https://old-qlvb.example\"]}");
        Check differing = new BrowserPolicyCheck().run(DoctorFixture.install(dir, List.of(chrome, edge), ORIGINS))
                .get(0);

        assertEquals(Check.Status.OK, matching.status());
        assertEquals("Browser policy allows [https://qlvb.ninhbinh.gov.vn] in 1 browser(s)", matching.en());
        assertEquals(Check.Status.WARN, differing.status());
        assertTrue(differing.en().startsWith("Browser policy differs from IT's origins [https://qlvb.ninhbinh.gov.vn]: "
                + edge + " [https://old-qlvb.example]"), differing.en());
    }

    @Test
    void noPolicyWhileOriginsAreAllowedWarnsThatBrowsersWillAsk() throws Exception {
        Check check = new BrowserPolicyCheck().run(DoctorFixture.install(dir, List.of(dir.resolve("none.json")),
                ORIGINS)).get(0);

        assertEquals(Check.Status.WARN, check.status());
        assertTrue(check.en().contains("will ask each user"), check.en());
    }
}
