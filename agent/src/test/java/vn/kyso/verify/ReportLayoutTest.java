package vn.kyso.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.errors.Language;
import vn.kyso.verify.report.RenderedPdf;
import vn.kyso.verify.report.ReportColoursAccess;
import vn.kyso.verify.report.VerificationReportHtml;
import vn.kyso.verify.report.VerificationReportPdf;

/**
 * Layout and escaping with hand-made reports: hostile names, many signatures, a document that cannot be verified.
 * (Reports from real signed documents are rendered in {@link ReportRenderingTest}.)
 */
class ReportLayoutTest {

    private static final String SHA = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";
    private static final Instant SIGNED = Instant.parse("2025-11-27T07:35:22Z");
    private static final String HOSTILE = "<script>alert('x')</script> Lê & \"Đoàn\"";

    @TempDir
    Path dir;

    private static SignatureReport signature(String field, String name, String organisation, Indication indication) {
        SignerInfo signer = new SignerInfo(name, organisation, "CN=" + name, "CN=CA phục vụ các cơ quan Nhà nước G2,"
                + "O=Ban Cơ yếu Chính phủ,C=VN", "1a2b", CertificateType.PERSONAL, SIGNED.minusSeconds(86400 * 300),
                SIGNED.plusSeconds(86400 * 300), "RSA", 2048);
        return new SignatureReport(field, false, indication, null, null, signer,
                new SigningTime(SIGNED, TimeSource.TIMESTAMP, SIGNED, false), SignatureLevel.PADES_B_LT,
                new RevocationInfo(RevocationStatus.GOOD, RevocationSource.EMBEDDED_OCSP, null, SIGNED, null),
                new TimestampInfo(SIGNED, "Máy chủ cấp dấu thời gian chuyên dùng Chính phủ", "SHA-256", true, null),
                "ETSI.CAdES.detached", "SHA-256", "SHA256withRSA", false,
                List.of(new Change(ChangeKind.SIGNATURE_ADDED, "page 1", true),
                        new Change(ChangeKind.DSS_ADDED, "/DSS", true)), List.of());
    }

    private static DocumentReport report(SignatureReport... signatures) {
        return new DocumentReport(Indication.TOTAL_PASSED, null, null, SIGNED.plusSeconds(3600), List.of(signatures));
    }

    @Test
    void hostileValuesAreEscapedInTheHtmlPage() {
        DocumentReport report = report(signature("Sig<1>&", HOSTILE, "Sở <b>X</b> & Y", Indication.TOTAL_PASSED));
        String html = VerificationReportHtml.render(report, "<img src=x onerror=alert(1)>.pdf", SHA, Language.VI);

        assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), html);
        assertFalse(html.contains("<img"), html);
        assertFalse(html.contains("<b>X"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Lê &amp; &quot;Đoàn&quot;"), html);
        assertTrue(html.contains("Sở &lt;b&gt;X&lt;/b&gt; &amp; Y"), html);
        assertTrue(html.contains("Sig&lt;1&gt;&amp;"), html);
        assertTrue(html.contains("Content-Security-Policy"), html);
        assertTrue(html.contains("KẾT QUẢ KIỂM TRA CHỮ KÝ SỐ") && html.contains(SHA) && html.contains("HỢP LỆ"), html);
        assertTrue(html.contains("background:" + "#1b7d3a"), html);
    }

    @Test
    void fiveSignaturesWithLongValuesWrapAndStayOnAtMostTwoPages() throws Exception {
        List<SignatureReport> signatures = new ArrayList<>();
        String[] names = {"Nguyễn Văn An", "Trần Thị Bình", "Phạm Quốc Cường", "Lê Thị Diệu Hương", HOSTILE};
        for (int i = 0; i < names.length; i++) {
            signatures.add(signature("Signature" + (i + 1), names[i], "Ủy ban nhân dân tỉnh Ninh Bình — Sở Khoa "
                    + "học và Công nghệ tỉnh Ninh Bình — Phòng Quản lý công nghệ và chuyên ngành 漢字 😀",
                    Indication.TOTAL_PASSED));
        }
        byte[] pdf = VerificationReportPdf.render(report(signatures.toArray(SignatureReport[]::new)),
                "Quyết định số 12/QĐ-SKHCN về việc ban hành quy chế sử dụng chữ ký số chuyên dùng công vụ.pdf", SHA,
                Language.VI);
        RenderedPdf rendered = RenderedPdf.of(pdf, dir, "five");

        assertTrue(rendered.pages() <= 2, "pages: " + rendered.pages());
        String text = rendered.flatText();
        for (String name : names) {
            assertTrue(text.contains(name), name + " missing from: " + text);
        }
        assertTrue(text.contains("? ?"), "glyphs the font lacks become '?': " + text);
        assertTrue(text.contains(SHA), text);
        assertTrue(text.contains("PAdES-BASELINE-LT") && text.contains("27/11/2025 14:35:22 (UTC+7)"), text);
        assertTrue(rendered.pixelsNear(ReportColoursAccess.GREEN) > 2000, "the green verdict band");
    }

    @Test
    void twoSignaturesFitOnOnePage() throws Exception {
        byte[] pdf = VerificationReportPdf.render(report(signature("S1", "Nguyễn Văn An", "Sở KH&CN", Indication
                .TOTAL_PASSED), signature("S2", "Trần Thị Bình", "Sở KH&CN", Indication.TOTAL_PASSED)), "a.pdf", SHA,
                Language.VI);
        RenderedPdf rendered = RenderedPdf.of(pdf, dir, "two");
        assertEquals(1, rendered.pages());
        assertTrue(rendered.nonWhitePixels() > 5000);
    }

    @Test
    void anUnsignedDocumentIsAmberWithWhatToDo() throws Exception {
        DocumentReport report = new DocumentReport(Indication.INDETERMINATE, VerifyError.NO_SIGNATURE, null, SIGNED,
                List.of());
        RenderedPdf rendered = RenderedPdf.of(VerificationReportPdf.render(report, "x.pdf", SHA, Language.VI), dir,
                "unsigned");
        String text = rendered.flatText();
        assertTrue(text.contains("Chưa đủ căn cứ: tệp PDF không có chữ ký số nào"), text);
        assertFalse(text.contains("null"), text);
        assertTrue(rendered.pixelsNear(ReportColoursAccess.AMBER) > 2000, "the amber verdict band");
        assertTrue(rendered.pixelsNear(ReportColoursAccess.GREEN) < 50, "no green on an undecided report");
        Files.writeString(dir.resolve("unsigned.txt"), text);
    }
}
