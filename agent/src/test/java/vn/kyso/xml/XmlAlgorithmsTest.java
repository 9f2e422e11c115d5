package vn.kyso.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import eu.europa.esig.dss.enumerations.SignatureLevel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import vn.kyso.pdf.PadesTestSupport;
import vn.kyso.token.SignatureAlgorithm;
import vn.kyso.verify.Indication;
import vn.kyso.verify.ReportJson;

/**
 * Every signature scheme the token offers (RSA PKCS#1 v1.5, RSA-PSS, ECDSA with SHA-256/384/512), with inclusive
 * and exclusive C14N, placed by XPath and referenced by Id: EU DSS says TOTAL_PASSED and the SignedInfo names the
 * RFC 6931 algorithm.
 */
class XmlAlgorithmsTest {

    @ParameterizedTest
    @CsvSource({
            "personal-an, RSA_PKCS1_SHA256, INCLUSIVE",
            "personal-an, RSA_PKCS1_SHA384, EXCLUSIVE",
            "personal-binh, RSA_PKCS1_SHA512, INCLUSIVE",
            "personal-an, RSA_PSS_SHA256, EXCLUSIVE",
            "personal-binh, RSA_PSS_SHA384, INCLUSIVE",
            "personal-an, RSA_PSS_SHA512, EXCLUSIVE",
            "personal-cuong, ECDSA_SHA256, EXCLUSIVE",
            "personal-cuong, ECDSA_SHA384, INCLUSIVE",
            "personal-cuong, ECDSA_SHA512, EXCLUSIVE",
            // each ECDSA digest on the curve of its size, the keys on a SoftHSM2 token like the rest
            "personal-duc, ECDSA_SHA384, EXCLUSIVE",
            "personal-mai, ECDSA_SHA512, INCLUSIVE"})
    void everySchemeAndCanonicalizationIsTotalPassedInDss(String alias, SignatureAlgorithm algorithm,
                                                          XmlCanonicalization c14n) throws Exception {
        XmlSignResult result = XmlFixture.engine().sign(XmlFixture.invoice(), PadesTestSupport.signer(alias),
                XmlSignOptions.xades(XadesLevel.B_B).withAlgorithm(algorithm).withCanonicalization(c14n)
                        .withPlacement("/HDon/DSCKS/NMua", "data"));
        String xml = new String(result.document(), StandardCharsets.UTF_8);
        assertTrue(xml.contains("SignatureMethod Algorithm=\"" + XmlAlgorithms.signatureUri(algorithm) + "\""));
        assertTrue(xml.contains("CanonicalizationMethod Algorithm=\"" + c14n.uri() + "\""));
        assertEquals("/HDon/DLHDon", result.signedNodes().get(0).path());
        assertTrue(xml.matches("(?s).*<NMua><ds:Signature .*</ds:Signature></NMua>.*"), "not under the XPath's node");
        XmlFixture.assertDss(result.document(), SignatureLevel.XAdES_BASELINE_B);
        var ours = XmlSignatureVerifierTest.verifier().verify(result.document()).report();
        assertEquals(Indication.TOTAL_PASSED, ours.indication(), ReportJson.toJson(ours));
        assertEquals("XAdES-BASELINE-B", ours.signatures().get(0).level().etsiName());
    }

    @ParameterizedTest
    // RSA-PSS is left out: Debian 12's xmlsec1 1.2.37 does not know the RFC 6931 MGF1 URIs (EU DSS checks PSS above).
    @CsvSource({"personal-cuong, ECDSA_SHA256", "personal-cuong, ECDSA_SHA512", "personal-an, RSA_PKCS1_SHA512",
            "personal-duc, ECDSA_SHA384", "personal-mai, ECDSA_SHA512"})
    void xmlsec1AcceptsTheEInvoiceWithEachKeyKind(String alias, SignatureAlgorithm algorithm) throws Exception {
        byte[] signed = XmlFixture.engine().sign(XmlFixture.invoice(), PadesTestSupport.signer(alias),
                XmlSignOptions.xmldsig().withAlgorithm(algorithm)).document();
        XmlFixture.Run run = XmlFixture.xmlsec1(signed, "Id:DLHDon");
        assertEquals(0, run.exitCode(), run.output());
    }

    @ParameterizedTest
    @CsvSource({"personal-an, RSA_PKCS1_SHA256"})
    void theWholeDocumentIsSignedWhenNoIdIsGiven(String alias, SignatureAlgorithm algorithm) throws Exception {
        byte[] plain = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ToKhai><Ky>2026-11</Ky><SoTien>1500000</SoTien></ToKhai>"
                .getBytes(StandardCharsets.UTF_8);
        XmlSignResult result = XmlFixture.engine().sign(plain, PadesTestSupport.signer(alias),
                XmlSignOptions.xades(XadesLevel.B_B).withAlgorithm(algorithm));
        assertEquals(new SignedNode("", "/ToKhai", null), result.signedNodes().get(0));
        XmlFixture.assertDss(result.document(), SignatureLevel.XAdES_BASELINE_B);
        XmlFixture.Run run = XmlFixture.xmlsec1(XmlFixture.engine().sign(plain, PadesTestSupport.signer(alias),
                XmlSignOptions.xmldsig()).document());
        assertEquals(0, run.exitCode(), run.output());
    }
}
