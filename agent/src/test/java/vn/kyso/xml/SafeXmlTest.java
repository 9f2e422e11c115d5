package vn.kyso.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.errors.KysoException;
import vn.kyso.pdf.PadesTestSupport;
import vn.kyso.testpki.TestPki;

/** Hostile XML is refused with stable codes before anything is signed, and the token is never asked. */
class SafeXmlTest {

    private static String code(String xml) {
        return code(xml.getBytes(StandardCharsets.UTF_8), XmlLimits.defaults());
    }

    private static String code(byte[] xml, XmlLimits limits) {
        return assertThrows(KysoException.class, () -> SafeXml.parse(xml, limits)).code();
    }

    @Test
    void anExternalEntityIsRefusedAndTheFileIsNotRead(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE HDon [<!ENTITY x SYSTEM \"" + secret.toUri()
                + "\">]><HDon><DLHDon Id=\"data\">&x;</DLHDon></HDon>";
        assertEquals("XML_DTD_FORBIDDEN", code(xxe));
        // and through the signing entry point, before any PIN is asked
        KysoException refused = assertThrows(KysoException.class, () -> XmlFixture.engine().sign(
                xxe.getBytes(StandardCharsets.UTF_8), PadesTestSupport.signer(TestPki.PERSONAL_AN),
                XmlSignOptions.xmldsig()));
        assertEquals("XML_DTD_FORBIDDEN", refused.code());
        assertTrue(!refused.messageEn().contains("TOP-SECRET"));
    }

    @Test
    void billionLaughsIsRefused() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i < 10; i++) {
            xml.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";")
                    .repeat(10)).append("\">");
        }
        xml.append("]><lolz>&lol9;</lolz>");
        assertEquals("XML_DTD_FORBIDDEN", code(xml.toString()));
    }

    @Test
    void tenThousandDeepNestingIsRefused() {
        String xml = "<a>".repeat(10_000) + "</a>".repeat(10_000);
        assertEquals("XML_TOO_DEEP", code(xml));
    }

    @Test
    void anOversizeDocumentIsRefusedBeforeParsing() {
        byte[] big = new byte[(int) XmlLimits.DEFAULT_MAX_BYTES + 1];
        assertEquals("XML_TOO_LARGE", code(big, XmlLimits.defaults()));
        assertEquals("XML_TOO_LARGE", code(XmlFixture.invoice(), new XmlLimits(1024, 64)));
    }

    @Test
    void malformedXmlHasItsOwnCode() {
        assertEquals("XML_MALFORMED", code("<HDon><DLHDon></HDon>"));
    }

    @Test
    void aDuplicatedIdIsRefusedWhenSigningByThatId() {
        String invoice = new String(XmlFixture.invoice(), StandardCharsets.UTF_8)
                .replace("<DSCKS>", "<DSCKS><Extra Id=\"data\"/>");
        KysoException refused = assertThrows(KysoException.class, () -> XmlFixture.engine().sign(
                invoice.getBytes(StandardCharsets.UTF_8), PadesTestSupport.signer(TestPki.PERSONAL_AN),
                XmlSignOptions.xmldsig()));
        assertEquals("XML_DUPLICATE_ID", refused.code());
    }

    @Test
    void anXPathThatSelectsNothingOrSeveralIsRefused() {
        byte[] invoice = XmlFixture.invoice();
        for (String xpath : new String[] {"/HDon/Nothing", "//HHDVu", "/HDon/DLHDon/@Id", "/HDon[", "count(/)"}) {
            KysoException refused = assertThrows(KysoException.class, () -> XmlFixture.engine().preview(invoice,
                    XmlSignOptions.xmldsig().withPlacement(xpath, null)));
            assertEquals("XML_XPATH_INVALID", refused.code(), xpath);
        }
    }
}
