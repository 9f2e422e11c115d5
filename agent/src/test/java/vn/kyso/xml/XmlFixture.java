package vn.kyso.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import eu.europa.esig.dss.enumerations.SignatureLevel;

import vn.kyso.pdf.PadesServices;
import vn.kyso.pdf.PadesTestSupport;
import vn.kyso.pki.RevocationCollector;
import vn.kyso.testpki.TestPki;

/** The XML tests' plumbing: the engine over the loopback PKI, a sample e-invoice, EU DSS and xmlsec1. */
final class XmlFixture {

    private XmlFixture() {
    }

    static XmlSigner engine() {
        PadesServices services = PadesTestSupport.services();
        return new XmlSigner(services.timeStamps(), new RevocationCollector(services.ocsp(), services.crl(),
                XmlError.XML_REVOCATION_UNAVAILABLE), services.knownCertificates(), XmlLimits.defaults());
    }

    /** A VAT e-invoice in the Tax Department's layout (TT 78/2021), with Vietnamese text, unsigned. */
    static byte[] invoice() {
        return invoice(3);
    }

    /** The same invoice with {@code lines} goods lines (the total is their sum). */
    static byte[] invoice(int lines) {
        StringBuilder items = new StringBuilder();
        long total = 0;
        for (int i = 1; i <= lines; i++) {
            long amount = 1_250_000L * i;
            total += amount;
            items.append("""
                      <HHDVu><TChat>1</TChat><STT>%d</STT><MHHDVu>VT-%04d</MHHDVu><THHDVu>Giấy in A4 Double A, thùng \
                    5 ram — mặt hàng %d</THHDVu><DVTinh>Thùng</DVTinh><SLuong>%d</SLuong><DGia>1250000</DGia>\
                    <ThTien>%d</ThTien><TSuat>10%%</TSuat></HHDVu>
                    """.formatted(i, i, i, i, amount));
        }
        long tax = total / 10;
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <HDon>
                  <DLHDon Id="data">
                    <TTChung><PBan>2.1.0</PBan><THDon>Hóa đơn giá trị gia tăng</THDon><KHMSHDon>1</KHMSHDon>\
                <KHHDon>C26TKS</KHHDon><SHDon>0000123</SHDon><NLap>2026-12-03</NLap><DVTTe>VND</DVTTe>\
                <TGia>1</TGia><HTTToan>Chuyển khoản</HTTToan><MSTTCGP>0100109106</MSTTCGP></TTChung>
                    <NDHDon>
                      <NBan><Ten>Công ty TNHH Văn phòng phẩm Hồng Hà Ninh Bình</Ten><MST>2700123456</MST>\
                <DChi>Số 5 đường Trần Hưng Đạo, TP Hoa Lư, Ninh Bình</DChi></NBan>
                      <NMua><Ten>Sở Khoa học và Công nghệ tỉnh Ninh Bình</Ten><MST>2700654321</MST>\
                <DChi>Đường Lê Thái Tổ, TP Hoa Lư, Ninh Bình</DChi></NMua>
                      <DSHHDVu>
                %s      </DSHHDVu>
                      <TToan><TgTCThue>%d</TgTCThue><TgTThue>%d</TgTThue><TgTTTBSo>%d</TgTTTBSo>\
                <TgTTTBChu>Theo số</TgTTTBChu></TToan>
                    </NDHDon>
                  </DLHDon>
                  <DSCKS><NBan/><NMua/><CCKSKhac/></DSCKS>
                </HDon>
                """.formatted(items, total, tax, total + tax);
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    /** EU DSS (in its own JVM) judges the one signature TOTAL_PASSED at {@code level}. */
    static void assertDss(byte[] signature, SignatureLevel level) throws java.io.IOException {
        assertDss(signature, level, null, null);
    }

    static void assertDss(byte[] signature, SignatureLevel level, byte[] detached, String detachedName)
            throws java.io.IOException {
        DssXades.Verdict verdict = DssXades.validate(signature, detached, detachedName);
        assertEquals(1, verdict.count(), "signatures found by DSS: " + verdict);
        assertEquals("TOTAL_PASSED", verdict.indication(), verdict.toString());
        assertEquals(level.toString(), verdict.format(), verdict.toString());
    }

    record Run(int exitCode, String output) {
    }

    /** Debian's xmlsec1 verifying {@code xml}, trusting only the test root; {@code idAttributes} as "Id:DLHDon". */
    static Run xmlsec1(byte[] xml, String... idAttributes) throws Exception {
        Path dir = Files.createTempDirectory("kyso-xmlsec1");
        try {
            Path file = dir.resolve("signed.xml");
            Path root = dir.resolve("root.pem");
            Files.write(file, xml);
            Files.writeString(root, TestPki.pem(PadesTestSupport.root()));
            List<String> command = new ArrayList<>(List.of("xmlsec1", "--verify", "--trusted-pem", root.toString()));
            for (String id : idAttributes) {
                command.add("--id-attr:" + id.substring(0, id.indexOf(':')));
                command.add(id.substring(id.indexOf(':') + 1));
            }
            command.add(file.toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Run(process.waitFor(), output);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path path : files.toList()) {
                    Files.delete(path);
                }
            }
            Files.delete(dir);
        }
    }
}
