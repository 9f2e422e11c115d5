package vn.kyso.pdf.appearance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import eu.europa.esig.dss.enumerations.SignatureLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.pdf.LevelPolicy;
import vn.kyso.pdf.PadesLevel;
import vn.kyso.pdf.PadesOptions;
import vn.kyso.pdf.PadesSigner;
import vn.kyso.pdf.PadesTestSupport;
import vn.kyso.pki.TrustStore;
import vn.kyso.testpki.TestPki;
import vn.kyso.verify.DocumentReport;
import vn.kyso.verify.Indication;
import vn.kyso.verify.PdfSignatureVerifier;
import vn.kyso.verify.SignatureReport;

/**
 * The Quyết định workflow through the real engine and real keys: the Phó Chủ tịch approves (blue signature between
 * the title and name lines), then the văn thư issues it (red seal over the left third of that signature, số/ký hiệu
 * and ngày ban hành written as annotations in the same revision). Both signatures must stay valid — in our verifier,
 * in EU DSS and in pdfsig — and the stamp must be where the regulations put it on the rendered page.
 */
class WorkflowSigningTest {

    @Test
    void approveThenIssueKeepsBothSignaturesValid(@TempDir Path work) throws Exception {
        byte[] draft = QuyetDinh.pdf(0);
        PadesSigner signer = new PadesSigner(PadesTestSupport.services());
        byte[] approved = signer.sign(draft, PadesTestSupport.signer(TestPki.PERSONAL_AN), PadesOptions.defaults()
                .withLevel(PadesLevel.B_LT).withPolicy(LevelPolicy.STRICT)
                .withAppearance(Presets.approve(StampImage.png(TestImages.signaturePng()), "PHÓ CHỦ TỊCH",
                        "Nguyễn Văn An"))).document();
        byte[] issued = signer.sign(approved, PadesTestSupport.signer(TestPki.ORGANISATION), PadesOptions.defaults()
                .withLevel(PadesLevel.B_LT).withPolicy(LevelPolicy.STRICT)
                .withAppearance(Presets.issue(StampImage.png(TestImages.sealPng()), 36, new SealTarget.LatestSignature(),
                        List.of(new CompanionText(new TextSlot.AfterText("Số:"), "125/QĐ-UBND"),
                                new CompanionText(new TextSlot.AfterText("Bắc Ninh,"), "ngày 27 tháng 11 năm 2025")))))
                .document();

        TrustStore trust = TrustStore.empty();
        trust.add(PadesTestSupport.root());
        DocumentReport report = PdfSignatureVerifier.builder(trust).build().verify(issued);
        assertEquals(Indication.TOTAL_PASSED, report.indication(), report.toString());
        List<SignatureReport> signatures = report.signatures().stream().filter(s -> !s.documentTimestamp()).toList();
        assertEquals(2, signatures.size());
        assertTrue(signatures.get(0).changesAfter().stream().allMatch(c -> c.allowed()),
                "the seal, số and ngày must be allowed changes: " + signatures.get(0).changesAfter());

        PadesTestSupport.assertDss(issued, SignatureLevel.PAdES_BASELINE_LT, SignatureLevel.PAdES_BASELINE_LT);
        PadesTestSupport.assertPdfsigValid(issued, 2);

        Rendering page = Rendering.page(issued, 0, work);
        org.apache.pdfbox.pdmodel.common.PDRectangle everywhere = new org.apache.pdfbox.pdmodel.common.PDRectangle(
                -2000, -2000, 4000, 4000);
        assertTrue(page.countInside(everywhere, Rendering::isBlue) > 50, "signature image not visible");
        assertTrue(page.countInside(everywhere, Rendering::isRed) > 50, "seal not visible");
    }
}
