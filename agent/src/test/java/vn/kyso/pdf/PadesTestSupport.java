package vn.kyso.pdf;

import java.security.cert.X509Certificate;

import eu.europa.esig.dss.enumerations.SignatureLevel;
import vn.kyso.sign.TokenSignerPort;

/** The PAdES test fixture for tests in other packages (presets, use cases). */
public final class PadesTestSupport {

    private PadesTestSupport() {
    }

    public static PadesServices services() {
        return PadesFixture.services();
    }

    public static TokenSignerPort signer(String alias) {
        return PadesFixture.signer(alias);
    }

    public static X509Certificate root() {
        return PadesFixture.ENV.pki().root();
    }

    public static void assertDss(byte[] pdf, SignatureLevel... levels) {
        PadesFixture.assertDss(pdf, levels);
    }

    public static void assertPdfsigValid(byte[] pdf, int signatures) throws Exception {
        PadesFixture.assertPdfsigValid(pdf, signatures, 0);
    }
}
