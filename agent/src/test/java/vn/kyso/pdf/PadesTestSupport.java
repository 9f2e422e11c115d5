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

    /** See {@link PadesFixture#logoutAll()}: for tests of PIN handling in the same JVM as signing tests. */
    public static void logoutSharedTokens() {
        PadesFixture.logoutAll();
    }

    public static X509Certificate root() {
        return PadesFixture.ENV.pki().root();
    }

    public static void assertDss(byte[] pdf, SignatureLevel... levels) {
        PadesFixture.assertDss(pdf, levels);
    }

    /** EU DSS judges every one of {@code count} signatures TOTAL_PASSED, whatever level each reached. */
    public static void assertDssValid(byte[] pdf, int count) {
        eu.europa.esig.dss.simplereport.SimpleReport report = PadesFixture.validateWithDss(pdf);
        org.junit.jupiter.api.Assertions.assertEquals(count, report.getSignatureIdList().size(), "signatures found by DSS");
        for (String id : report.getSignatureIdList()) {
            org.junit.jupiter.api.Assertions.assertEquals(eu.europa.esig.dss.enumerations.Indication.TOTAL_PASSED,
                    report.getIndication(id), id + ": " + report.getSubIndication(id) + " "
                    + report.getAdESValidationErrors(id));
        }
    }

    /** The level EU DSS gives each signature, in DSS's order. */
    public static java.util.List<SignatureLevel> dssLevels(byte[] pdf) {
        eu.europa.esig.dss.simplereport.SimpleReport report = PadesFixture.validateWithDss(pdf);
        return report.getSignatureIdList().stream().map(report::getSignatureFormat).toList();
    }

    public static void assertPdfsigValid(byte[] pdf, int signatures) throws Exception {
        PadesFixture.assertPdfsigValid(pdf, signatures, 0);
    }
}
