package vn.kyso.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import vn.kyso.testpki.TestPki;
import vn.kyso.verify.SignatureReport;
import vn.kyso.verify.XmlDocumentReport;

/** XAdES made by EU DSS's XAdESService: our verifier reaches DSS's verdict and level, intact and altered. */
class DssMadeSignatureTest {

    @ParameterizedTest
    @CsvSource({
            "XAdES_BASELINE_B, ENVELOPED, XADES_B_B",
            "XAdES_BASELINE_T, ENVELOPED, XADES_B_T",
            "XAdES_BASELINE_LT, ENVELOPED, XADES_B_LT",
            "XAdES_BASELINE_LTA, ENVELOPED, XADES_B_LTA",
            "XAdES_BASELINE_LTA, ENVELOPING, XADES_B_LTA",
            "XAdES_BASELINE_LT, DETACHED, XADES_B_LT"})
    void ourVerdictIsDssVerdict(String dssLevel, String packaging, String ourLevel) throws Exception {
        byte[] content = XmlFixture.invoice();
        byte[] signed = DssXades.sign(content, TestPki.PERSONAL_AN, dssLevel, packaging).document();
        boolean detached = "DETACHED".equals(packaging);

        DssXades.Verdict dss = DssXades.validate(signed, detached ? content : null, detached ? "input.xml" : null);
        XmlDocumentReport ours = detached
                ? XmlSignatureVerifierTest.verifier().verify(signed, content, "input.xml")
                : XmlSignatureVerifierTest.verifier().verify(signed);
        SignatureReport signature = ours.report().signatures().get(0);
        assertEquals("TOTAL_PASSED", dss.indication(), dss.toString());
        assertEquals(dss.indication(), signature.indication().name(), signature.subIndication() + " "
                + signature.reason());
        assertEquals(ourLevel, signature.level().name());
        assertEquals(dssLevel.replace('_', '-'), dss.format().replace('_', '-'));

        if ("ENVELOPED".equals(packaging)) { // enveloping DSS signatures carry the invoice base64-encoded
            byte[] altered = new String(signed, StandardCharsets.UTF_8).replace("<SHDon>0000123</SHDon>",
                    "<SHDon>0000124</SHDon>").getBytes(StandardCharsets.UTF_8);
            DssXades.Verdict dssAltered = DssXades.validate(altered, null, null);
            SignatureReport oursAltered = XmlSignatureVerifierTest.verifier().verify(altered).report()
                    .signatures().get(0);
            assertEquals(dssAltered.indication(), oursAltered.indication().name(), dssAltered + " / "
                    + oursAltered.subIndication() + " " + oursAltered.reason());
            assertEquals("TOTAL_FAILED", dssAltered.indication());
            assertEquals("HASH_FAILURE", oursAltered.subIndication().name());
        }
    }
}
