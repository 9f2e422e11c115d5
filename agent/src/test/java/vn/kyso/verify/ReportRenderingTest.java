package vn.kyso.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.errors.Language;
import vn.kyso.pki.TrustStore;
import vn.kyso.testkit.PkiServicesExtension;
import vn.kyso.testpki.TestPki;
import vn.kyso.verify.report.RenderedPdf;
import vn.kyso.verify.report.ReportColoursAccess;
import vn.kyso.verify.report.ReportText;
import vn.kyso.verify.report.VerificationReportPdf;

/** The readable text and the printable PDF for real signed documents: good, tampered and revoked. */
class ReportRenderingTest {

    private static final List<String> VI_LABELS = List.of("Người ký: ", "Cơ quan: ", "Loại chứng thư: ",
            "Thời điểm ký: ", "Toàn vẹn: ", "Tình trạng chứng thư: ", "Dấu thời gian: ", "Mức chữ ký: ",
            "Thay đổi sau khi ký: ", "Thời điểm kiểm tra: ");
    private static final List<String> EN_LABELS = List.of("Signer: ", "Organisation: ", "Certificate type: ",
            "Signing time: ", "Integrity: ", "Certificate status: ", "Timestamp: ", "Signature level: ",
            "Changes after signing: ", "Checked at: ");
    private static final Pattern VN_TIME = Pattern.compile("\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}:\\d{2} \\(UTC\\+7\\)");
    private static final Pattern ISO_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");

    @RegisterExtension
    static final PkiServicesExtension PKI = PkiServicesExtension.fresh();
    private static byte[] good;
    private static byte[] tampered;
    private static byte[] revoked;

    @TempDir
    Path dir;

    @BeforeAll
    static void sign() throws Exception {
        good = sign(TestPki.PERSONAL_AN);
        tampered = sign(TestPki.PERSONAL_AN);
        tampered[PdfSignatureVerifierTest.indexOf(tampered, "Quyet dinh so 12")] = 'X';
        revoked = sign(TestPki.REVOKED);
    }

    private static byte[] sign(String alias) throws Exception {
        var identity = PKI.pki().get(alias);
        return TestPdfSigner.sign(TestPdfSigner.blankPdf("Quyet dinh so 12/QD-SKHCN"), identity,
                TestPdfSigner.Options.of(identity, PKI.pki().urls().tsa()));
    }

    private static DocumentReport verify(byte[] pdf) {
        TrustStore trust = TrustStore.empty();
        trust.add(PKI.pki().root());
        return PdfSignatureVerifier.builder(trust).build().verify(pdf);
    }

    /** Enum names people must not see; the error code in "(mã lỗi: X" / "(code: X" is kept on purpose for IT. */
    private static void assertReadable(String text, List<String> labels) {
        for (String label : labels) {
            assertTrue(text.contains(label), "missing " + label + " in:\n" + text);
        }
        assertFalse(text.contains("null"), text);
        assertFalse(ISO_TIME.matcher(text).find(), "ISO time shown to people:\n" + text);
        assertTrue(VN_TIME.matcher(text).find(), text);
        String withoutCodes = text.replaceAll("(mã lỗi|code): [A-Z_]+", "");
        List<Enum<?>> names = new ArrayList<>();
        names.addAll(List.of(Indication.values()));
        names.addAll(List.of(RevocationStatus.values()));
        names.addAll(List.of(RevocationSource.values()));
        names.addAll(List.of(SignatureLevel.values()));
        names.addAll(List.of(CertificateType.values()));
        names.addAll(List.of(TimeSource.values()));
        names.addAll(List.of(ChangeKind.values()));
        names.addAll(List.of(SubIndication.values()));
        for (Enum<?> name : names) {
            assertFalse(Pattern.compile("\\b" + name.name() + "\\b").matcher(withoutCodes).find(),
                    "raw " + name.name() + " in:\n" + text);
        }
    }

    @Test
    void aGoodDocumentCanBeAcceptedAndSaysWhy() {
        DocumentReport report = verify(good);
        String vi = ReportText.render(report);
        assertReadable(vi, VI_LABELS);
        assertTrue(vi.startsWith("Kết luận: HỢP LỆ — Có thể tiếp nhận"), vi);
        assertTrue(vi.contains("Người ký: Nguyễn Văn An"), vi);
        assertTrue(vi.contains("Loại chứng thư: cá nhân"), vi);
        assertTrue(vi.contains("— theo dấu thời gian"), vi);
        assertTrue(vi.contains("Tình trạng chứng thư: còn hiệu lực") && vi.contains("nguồn: OCSP trực tuyến"), vi);
        // The test signer writes a CMS signing-time: EU DSS's name for that is PAdES-BES, and the report says why.
        assertTrue(vi.contains("Mức chữ ký: PAdES-BES"), vi);
        assertTrue(vi.contains("Vì sao chưa đạt mức cao hơn: chữ ký không theo đúng mức cơ sở")
                && vi.contains("CMS có thuộc tính signing-time"), vi);
        assertTrue(vi.contains("Dấu thời gian: hợp lệ, "), vi);
        String en = ReportText.render(report, Language.EN);
        assertReadable(en, EN_LABELS);
        assertTrue(en.startsWith("Verdict: VALID — Can be accepted"), en);
    }

    @Test
    void aTamperedDocumentIsRefusedWithTheReasonInVietnamese() {
        DocumentReport report = verify(tampered);
        String vi = ReportText.render(report);
        assertReadable(vi, VI_LABELS);
        assertTrue(vi.startsWith("Kết luận: KHÔNG HỢP LỆ — Từ chối tiếp nhận: chữ ký 1 (Nguyễn Văn An) — nội dung "
                + "đã ký bị thay đổi"), vi);
        assertTrue(vi.contains("Toàn vẹn: KHÔNG"), vi);
        assertTrue(vi.contains("(mã lỗi: HASH_FAILURE"), vi);
        assertTrue(vi.contains("Tình trạng chứng thư: không kiểm tra được — chưa kiểm tra vì"), vi);
        String en = ReportText.render(report, Language.EN);
        assertReadable(en, EN_LABELS);
        assertTrue(en.startsWith("Verdict: INVALID — Refuse: signature 1"), en);
    }

    @Test
    void aRevokedSignerIsRefusedWithTheRevocationTime() {
        DocumentReport report = verify(revoked);
        String vi = ReportText.render(report);
        assertReadable(vi, VI_LABELS);
        assertTrue(vi.contains("Từ chối tiếp nhận: chữ ký 1"), vi);
        assertTrue(Pattern.compile("Tình trạng chứng thư: ĐÃ BỊ THU HỒI lúc " + VN_TIME.pattern()
                + "; nguồn: OCSP trực tuyến").matcher(vi).find(), vi);
        assertReadable(ReportText.render(report, Language.EN), EN_LABELS);
    }

    @Test
    void thePrintedReportCarriesVerdictSignerAndHashAndIsColoured() throws Exception {
        String sha = HexFormat.of().withUpperCase().formatHex(TestPdfSigner.sha256(good));
        RenderedPdf accepted = RenderedPdf.of(VerificationReportPdf.render(verify(good), "văn bản đến.pdf", sha,
                Language.VI), dir, "good");
        String text = accepted.flatText();
        assertEquals(1, accepted.pages());
        assertTrue(text.contains("KẾT QUẢ KIỂM TRA CHỮ KÝ SỐ"), text);
        assertTrue(text.contains("HỢP LỆ") && text.contains("Có thể tiếp nhận"), text);
        assertTrue(text.contains("Nguyễn Văn An") && text.contains("văn bản đến.pdf"), text);
        assertTrue(text.contains(sha), text);
        assertTrue(accepted.nonWhitePixels() > 5000, "page 1 is blank");
        assertTrue(accepted.pixelsNear(ReportColoursAccess.GREEN) > 2000, "no green verdict band");
        assertTrue(accepted.pixelsNear(ReportColoursAccess.RED) < 50, "red on an accepted report");

        RenderedPdf refused = RenderedPdf.of(VerificationReportPdf.render(verify(revoked), "thu hồi.pdf", sha,
                Language.VI), dir, "revoked");
        assertTrue(refused.flatText().contains("Từ chối tiếp nhận"), refused.flatText());
        assertTrue(refused.pixelsNear(ReportColoursAccess.RED) > 2000, "no red verdict band");
        assertTrue(refused.pixelsNear(ReportColoursAccess.GREEN) < 50, "green on a refused report");
    }
}
