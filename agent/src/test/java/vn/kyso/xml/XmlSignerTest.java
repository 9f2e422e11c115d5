package vn.kyso.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import eu.europa.esig.dss.enumerations.SignatureLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import vn.kyso.pdf.PadesTestSupport;
import vn.kyso.testpki.TestPki;

/** XMLDSig and XAdES made with SoftHSM2 keys, judged by EU DSS and by Debian's xmlsec1. */
class XmlSignerTest {

    @Test
    void theSellersEInvoiceSignatureHasTheTaxDepartmentsLayoutAndXmlsec1AcceptsIt() throws Exception {
        XmlSignResult result = XmlFixture.engine().sign(XmlFixture.invoice(),
                PadesTestSupport.signer(TestPki.PERSONAL_AN), XmlSignOptions.xmldsig());

        Document signed = SafeXml.parse(result.document(), XmlLimits.defaults());
        Element seller = (Element) signed.getElementsByTagName("NBan").item(1);
        assertEquals("/HDon/DSCKS/NBan", XmlPaths.of(seller));
        Element signature = XmlNames.child(seller, XmlNames.DS, "Signature");
        assertNotNull(signature, "no ds:Signature in DSCKS/NBan");
        Element signedInfo = XmlNames.child(signature, XmlNames.DS, "SignedInfo");
        Element reference = XmlNames.child(signedInfo, XmlNames.DS, "Reference");
        assertEquals("#data", reference.getAttribute("URI"));
        Element object = XmlNames.child(signature, XmlNames.DS, "Object");
        Element signingTime = XmlNames.child(XmlNames.child(XmlNames.child(object, XmlNames.DS,
                "SignatureProperties"), XmlNames.DS, "SignatureProperty"), XmlNames.DS, "SigningTime");
        assertTrue(signingTime.getTextContent().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"),
                signingTime.getTextContent());
        assertEquals(java.util.List.of(new SignedNode("#data", "/HDon/DLHDon", "data")), result.signedNodes());
        assertEquals(new EInvoice.Summary("1C26TKS-0000123",
                "Công ty TNHH Văn phòng phẩm Hồng Hà Ninh Bình (MST 2700123456)",
                "Sở Khoa học và Công nghệ tỉnh Ninh Bình (MST 2700654321)", "8250000 VND"), result.invoice());
        assertNull(result.level());

        XmlFixture.Run xmlsec1 = XmlFixture.xmlsec1(result.document(), "Id:DLHDon");
        assertEquals(0, xmlsec1.exitCode(), xmlsec1.output());
        assertTrue(xmlsec1.output().contains("OK"), xmlsec1.output());
    }

    @Test
    void anAmountChangedAfterSigningFailsInXmlsec1() throws Exception {
        byte[] signed = XmlFixture.engine().sign(XmlFixture.invoice(), PadesTestSupport.signer(TestPki.PERSONAL_AN),
                XmlSignOptions.xmldsig()).document();
        byte[] changed = new String(signed, StandardCharsets.UTF_8).replace("<TgTTTBSo>8250000</TgTTTBSo>",
                "<TgTTTBSo>825000</TgTTTBSo>").getBytes(StandardCharsets.UTF_8);
        assertTrue(!java.util.Arrays.equals(signed, changed), "the amount was not found");

        XmlFixture.Run xmlsec1 = XmlFixture.xmlsec1(changed, "Id:DLHDon");
        assertTrue(xmlsec1.exitCode() != 0, xmlsec1.output());
    }

    @ParameterizedTest
    @EnumSource(XadesLevel.class)
    void everyXadesLevelEnvelopedIsTotalPassedInDss(XadesLevel level) throws Exception {
        XmlSignResult result = XmlFixture.engine().sign(XmlFixture.invoice(),
                PadesTestSupport.signer(TestPki.PERSONAL_AN), XmlSignOptions.xades(level));
        assertEquals(level, result.level());
        XmlFixture.assertDss(result.document(), dssLevel(level));
    }

    @ParameterizedTest
    @EnumSource(XadesLevel.class)
    void everyXadesLevelEnvelopingIsTotalPassedInDss(XadesLevel level) throws Exception {
        XmlSignResult result = XmlFixture.engine().sign(XmlFixture.invoice(),
                PadesTestSupport.signer(TestPki.PERSONAL_AN),
                XmlSignOptions.xades(level).withPackaging(XmlPackaging.ENVELOPING));
        XmlFixture.assertDss(result.document(), dssLevel(level));
    }

    @ParameterizedTest
    @EnumSource(XadesLevel.class)
    void everyXadesLevelDetachedIsTotalPassedInDss(XadesLevel level) throws Exception {
        byte[] content = XmlFixture.invoice();
        XmlSignResult result = XmlFixture.engine().sign(content, PadesTestSupport.signer(TestPki.PERSONAL_AN),
                XmlSignOptions.xades(level).detached("hoá đơn 123.xml", "text/xml"));
        XmlFixture.assertDss(result.document(), dssLevel(level), content, "hoá đơn 123.xml");
    }

    static SignatureLevel dssLevel(XadesLevel level) {
        return switch (level) {
            case B_B -> SignatureLevel.XAdES_BASELINE_B;
            case B_T -> SignatureLevel.XAdES_BASELINE_T;
            case B_LT -> SignatureLevel.XAdES_BASELINE_LT;
            case B_LTA -> SignatureLevel.XAdES_BASELINE_LTA;
        };
    }
}
