package vn.kyso.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.testpki.TestEnvironment;

/** Each certificate on the SoftHSM2 tokens through the pre-signing check, against the test PKI's OCSP and CRL. */
class CertificatesCheckTest {

    @TempDir
    Path dir;

    @Test
    void noCertificateIsNothingToCheck() throws Exception {
        Check check = new CertificatesCheck().run(DoctorFixture.install(dir, List.of())).get(0);

        assertEquals(Check.Status.OK, check.status());
        assertEquals("No certificate to check", check.en());
    }

    @Test
    void namesTheCertificatesThatCanSignAndWhyTheOthersCannot() throws Exception {
        TestEnvironment env = TestEnvironment.shared();
        Path trust = Files.createDirectories(dir.resolve("trust"));
        Files.write(trust.resolve("test-root.crt"), env.pki().root().getEncoded());
        Install install = DoctorFixture.install(dir, List.of(), "token.libraries=" + env.softHsm().library(),
                "token.discover=false", "trust.directory=" + trust);
        new TokenCheck().run(install);
        new TrustCheck().run(install);

        Check check = new CertificatesCheck().run(install).get(0);

        assertEquals(Check.Status.WARN, check.status(), check.en());
        assertTrue(check.en().startsWith("Cannot be used to sign: ") && check.en().contains("REVOKED"), check.en());
        assertTrue(check.en().contains("; can sign: ") && check.en().contains("VGCA Token An (TEST)"), check.en());
        assertTrue(check.vi().startsWith("Không dùng để ký được: ") && check.vi().contains("; ký được: "), check.vi());
    }
}
