package vn.kyso.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import vn.kyso.pdf.PadesTestSupport;
import vn.kyso.pki.TrustStore;
import vn.kyso.testpki.TestPki;
import vn.kyso.verify.Indication;
import vn.kyso.verify.PdfSignatureVerifier;
import vn.kyso.verify.SignatureLevel;
import vn.kyso.verify.SignatureReport;
import vn.kyso.verify.SubIndication;
import vn.kyso.verify.XmlDocumentReport;
import vn.kyso.verify.XmlSignatureVerifier;

/** Our XML verifier on signatures made by the engine, intact and attacked; EU DSS agrees where it can judge. */
class XmlSignatureVerifierTest {

    static XmlSignatureVerifier verifier() {
        TrustStore trust = TrustStore.empty();
        trust.add(PadesTestSupport.root());
        return PdfSignatureVerifier.builder(trust).buildXmlVerifier();
    }

    private static byte[] signedInvoice() {
        return XmlFixture.engine().sign(XmlFixture.invoice(), PadesTestSupport.signer(TestPki.PERSONAL_AN),
                XmlSignOptions.xmldsig()).document();
    }

    private static SignatureReport only(XmlDocumentReport report) {
        assertEquals(1, report.report().signatures().size(), String.valueOf(report));
        return report.report().signatures().get(0);
    }

    @Test
    void theSignedEInvoicePassesAndNamesTheInvoice() {
        XmlDocumentReport report = verifier().verify(signedInvoice());
        SignatureReport signature = only(report);
        assertEquals(Indication.TOTAL_PASSED, signature.indication(), signature.reason());
        assertEquals(SignatureLevel.XML_NOT_ETSI, signature.level());
        assertEquals("XMLDSig", signature.subFilter());
        assertNotNull(signature.signingTime().claimed(), "the SigningTime object was not read");
        assertEquals(List.of(new SignedNode("#data", "/HDon/DLHDon", "data")),
                report.signatures().get(0).signedNodes());
        assertEquals("/HDon/DSCKS/NBan/ds:Signature", report.signatures().get(0).path());
        EInvoice.Summary invoice = report.signatures().get(0).invoice();
        assertEquals("1C26TKS-0000123", invoice.number());
        assertEquals("8250000 VND", invoice.total());
        assertTrue(invoice.seller().startsWith("Công ty TNHH Văn phòng phẩm Hồng Hà"), invoice.seller());
        assertTrue(invoice.buyer().startsWith("Sở Khoa học và Công nghệ"), invoice.buyer());
    }

    @Test
    void anAmountChangedAfterSigningIsAHashFailure() throws Exception {
        byte[] changed = new String(signedInvoice(), StandardCharsets.UTF_8).replace(
                "<TgTTTBSo>8250000</TgTTTBSo>", "<TgTTTBSo>825000</TgTTTBSo>").getBytes(StandardCharsets.UTF_8);
        SignatureReport signature = only(verifier().verify(changed));
        assertEquals(Indication.TOTAL_FAILED, signature.indication());
        assertEquals(SubIndication.HASH_FAILURE, signature.subIndication(), signature.reason());
        assertTrue(signature.reason().contains("/HDon/DLHDon"), signature.reason());
        assertTrue(XmlFixture.xmlsec1(changed, "Id:DLHDon").exitCode() != 0, "xmlsec1 accepted it");
    }

    /**
     * The classic wrapping attack: the signed DLHDon is moved into another element (its digest still matches) and a
     * forged DLHDon with a new total takes its place. The signature is cryptographically intact; the invoice shown
     * is not what it covers.
     */
    @Test
    void aReferenceMovedToAWrappedCopyIsSignatureWrapping() {
        String signed = new String(signedInvoice(), StandardCharsets.UTF_8);
        int start = signed.indexOf("<DLHDon Id=\"data\">");
        int end = signed.indexOf("</DLHDon>") + "</DLHDon>".length();
        String original = signed.substring(start, end);
        String forged = original.replace(" Id=\"data\"", "").replace("<TgTTTBSo>8250000</TgTTTBSo>",
                "<TgTTTBSo>1</TgTTTBSo>");
        String attacked = signed.substring(0, start) + forged + signed.substring(end)
                .replace("<CCKSKhac/>", "<CCKSKhac>" + original + "</CCKSKhac>");
        XmlDocumentReport report = verifier().verify(attacked.getBytes(StandardCharsets.UTF_8));
        SignatureReport signature = only(report);
        assertEquals(Indication.TOTAL_FAILED, signature.indication());
        assertEquals(SubIndication.SIGNATURE_WRAPPING, signature.subIndication(), signature.reason());
        assertEquals(null, report.signatures().get(0).invoice(), "the forged invoice was summarised");
    }

    @Test
    void aSecondElementWithTheSignedIdIsSignatureWrapping() {
        String signed = new String(signedInvoice(), StandardCharsets.UTF_8);
        String attacked = signed.replace("<CCKSKhac/>", "<CCKSKhac><DLHDon Id=\"data\"/></CCKSKhac>");
        SignatureReport signature = only(verifier().verify(attacked.getBytes(StandardCharsets.UTF_8)));
        assertEquals(SubIndication.SIGNATURE_WRAPPING, signature.subIndication(), signature.reason());
    }

    @Test
    void hostileXmlIsUnreadableWithTheParsersCode() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE HDon [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<HDon><DLHDon Id=\"data\">&x;</DLHDon></HDon>";
        XmlDocumentReport report = verifier().verify(xxe.getBytes(StandardCharsets.UTF_8));
        assertEquals("XML_UNREADABLE", report.report().error().code());
        assertTrue(report.report().errorDetail().startsWith("XML_DTD_FORBIDDEN"), report.report().errorDetail());
        assertEquals("XML_NO_SIGNATURE", verifier().verify(XmlFixture.invoice()).report().error().code());
    }

    @Test
    void revokedAndExpiredSignersSignaturesDoNotPass() {
        byte[] revoked = XmlFixture.engine().sign(XmlFixture.invoice(), PadesTestSupport.signer(TestPki.REVOKED),
                XmlSignOptions.xmldsig()).document();
        SignatureReport signature = only(verifier().verify(revoked));
        assertTrue(signature.subIndication() == SubIndication.REVOKED
                || signature.subIndication() == SubIndication.REVOKED_NO_POE, signature.subIndication() + " "
                + signature.reason());
        // the engine signs what it is given; refusing an expired certificate before signing is the use case's rule
        byte[] expired = XmlFixture.engine().sign(XmlFixture.invoice(), PadesTestSupport.signer(TestPki.EXPIRED),
                XmlSignOptions.xades(XadesLevel.B_B)).document();
        SignatureReport late = only(verifier().verify(expired));
        assertTrue(late.subIndication() == SubIndication.EXPIRED
                || late.subIndication() == SubIndication.OUT_OF_BOUNDS_NO_POE, late.subIndication() + " "
                + late.reason());
    }

    @ParameterizedTest
    @EnumSource(XadesLevel.class)
    void everyXadesLevelAndPackagingPassesAtItsLevel(XadesLevel level) {
        SignatureLevel expected = SignatureLevel.valueOf("XADES_" + level.name());
        XmlSigner engine = XmlFixture.engine();
        var signer = PadesTestSupport.signer(TestPki.PERSONAL_CUONG);
        byte[] content = XmlFixture.invoice();

        XmlDocumentReport enveloped = verifier().verify(engine.sign(content, signer, XmlSignOptions.xades(level))
                .document());
        XmlDocumentReport enveloping = verifier().verify(engine.sign(content, signer,
                XmlSignOptions.xades(level).withPackaging(XmlPackaging.ENVELOPING)).document());
        XmlDocumentReport detached = verifier().verify(engine.sign(content, signer,
                XmlSignOptions.xades(level).detached("hoá đơn.xml", "text/xml")).document(), content, "hoá đơn.xml");

        for (XmlDocumentReport report : List.of(enveloped, enveloping, detached)) {
            SignatureReport signature = only(report);
            assertEquals(Indication.TOTAL_PASSED, signature.indication(), signature.subIndication() + " "
                    + signature.reason());
            assertEquals(expected, signature.level());
            assertTrue(report.signatures().get(0).xades());
        }
        assertEquals("/HDon/DLHDon", enveloped.signatures().get(0).signedNodes().get(0).path());
        assertEquals("/ds:Signature/ds:Object[1]", enveloping.signatures().get(0).signedNodes().get(0).path());
        assertEquals("hoá đơn.xml", detached.signatures().get(0).signedNodes().get(0).path());
        SignatureReport withoutFile = only(verifier().verify(engine.sign(content, signer,
                XmlSignOptions.xades(XadesLevel.B_B).detached("a.xml", null)).document()));
        assertEquals(SubIndication.SIGNED_DATA_NOT_FOUND, withoutFile.subIndication(), withoutFile.reason());
    }
}
