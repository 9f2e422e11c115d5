package vn.kyso.pdf.appearance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationFreeText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.errors.KysoException;
import vn.kyso.pdf.SignatureAppearance;
import vn.kyso.pdf.SignatureAppearance.Placement;

class IssuePresetTest {

    private static final StampImage SIGNATURE = StampImage.png(TestImages.signaturePng());
    private static final StampImage SEAL = StampImage.png(TestImages.sealPng());
    private static final double SEAL_MM = 36;
    private static final String NUMBER = "125/QĐ-UBND";
    private static final String DATE = StampTime.issueDate(LocalDate.of(2025, 11, 27));

    @TempDir
    Path work;

    private static SignatureAppearance issue() {
        return Presets.issue(SEAL, SEAL_MM, new SealTarget.LatestSignature(), List.of(
                new CompanionText(new TextSlot.AfterText("Số:"), NUMBER),
                new CompanionText(new TextSlot.AfterText("Bắc Ninh,"), DATE)));
    }

    @Test
    void sealAtRealSizeCoversTheLeftThirdOfTheSignatureCentredOnIt() throws Exception {
        try (PDDocument document = QuyetDinh.load(QuyetDinh.pdf(0))) {
            PDRectangle signature = EngineSimulation.apply(document,
                    Presets.approve(SIGNATURE, "KT. CHỦ TỊCH", "Nguyễn Văn An"), "approve").get().rectangle();
            PDRectangle seal = issue().place(document).get().rectangle();

            assertEquals(Units.mm(SEAL_MM), seal.getWidth(), 0.01);
            assertEquals(Units.mm(SEAL_MM), seal.getHeight(), 0.01); // round seal: square image
            float overlap = Math.min(seal.getUpperRightX(), signature.getUpperRightX())
                    - Math.max(seal.getLowerLeftX(), signature.getLowerLeftX());
            assertEquals(1.0 / 3, overlap / signature.getWidth(), 0.05);
            assertTrue(seal.getLowerLeftX() < signature.getLowerLeftX(), "seal must sit on the signature's left");
            assertEquals(ApprovePresetTest.centreY(signature), ApprovePresetTest.centreY(seal), 0.5);
        }
    }

    @Test
    void renderedSealIsRedOverTheSignatureWithNumberAndDateBeside() throws Exception {
        byte[] signed;
        PDRectangle sealVisual;
        PDRectangle signatureVisual;
        List<PDAnnotation> companions;
        try (PDDocument document = QuyetDinh.load(QuyetDinh.pdf(0))) {
            byte[] contentBefore = EngineSimulation.rawContent(document, 0);
            PageFrame frame = PageFrame.of(document.getPage(0));
            signatureVisual = frame.toVisual(EngineSimulation.apply(document,
                    Presets.approve(SIGNATURE, "KT. CHỦ TỊCH", "Nguyễn Văn An"), "approve").get().rectangle());
            SignatureAppearance issue = issue();
            sealVisual = frame.toVisual(EngineSimulation.apply(document, issue, "issue").get().rectangle());
            companions = document.getPage(0).getAnnotations().stream()
                    .filter(a -> a instanceof PDAnnotationFreeText).toList();
            signed = EngineSimulation.save(document);
            assertArrayEquals(contentBefore, EngineSimulation.rawContent(document, 0));
        }
        Rendering page = Rendering.page(signed, 0, work);
        assertTrue(page.countInside(sealVisual, Rendering::isRed) > 1000, "seal not drawn");
        assertEquals(0, page.countOutside(sealVisual, 2, Rendering::isRed), "red outside the seal");
        PDRectangle rightOfSeal = new PDRectangle(sealVisual.getUpperRightX() + 3, signatureVisual.getLowerLeftY(),
                signatureVisual.getUpperRightX() - sealVisual.getUpperRightX() - 3, signatureVisual.getHeight());
        assertTrue(page.countInside(rightOfSeal, Rendering::isBlue) > 300, "signature hidden by the seal");
        // The seal is transparent between its rings: blue strokes under it still show.
        PDRectangle underSeal = new PDRectangle(signatureVisual.getLowerLeftX(), signatureVisual.getLowerLeftY(),
                sealVisual.getUpperRightX() - signatureVisual.getLowerLeftX(), signatureVisual.getHeight());
        assertTrue(page.countInside(underSeal, Rendering::isBlue) > 50, "seal background not transparent");

        assertEquals(2, companions.size());
        try (PDDocument reloaded = QuyetDinh.load(signed)) {
            String text = AppearanceText.of(reloaded, 0);
            assertTrue(text.contains(NUMBER), text);
            assertTrue(text.contains(DATE), text);
            assertEquals("ngày 27 tháng 11 năm 2025", DATE);
            for (PDAnnotation annotation : reloaded.getPage(0).getAnnotations()) {
                if (annotation instanceof PDAnnotationFreeText freeText) {
                    assertTrue(freeText.isPrinted() && freeText.isReadOnly() && freeText.isLocked(), "flags");
                    assertNotNull(freeText.getNormalAppearanceStream(), "appearance stream");
                    PDFont font = freeText.getNormalAppearanceStream().getResources().getFont(
                            freeText.getNormalAppearanceStream().getResources().getFontNames().iterator().next());
                    PDType0Font type0 = assertInstanceOf(PDType0Font.class, font);
                    assertTrue(type0.getName().matches("[A-Z]{6}\\+LiberationSerif"), type0.getName());
                    assertTrue(type0.isEmbedded());
                    PDRectangle box = PageFrame.of(reloaded.getPage(0)).toVisual(freeText.getRectangle());
                    assertTrue(page.countInside(box, Rendering::isDark) > 30, "companion text not rendered");
                }
            }
        }
    }

    @Test
    void companionsSitRightAfterTheirLabelsOnTheSameLine() throws Exception {
        try (PDDocument document = QuyetDinh.load(QuyetDinh.pdf(0))) {
            EngineSimulation.apply(document, Presets.approve(SIGNATURE, "KT. CHỦ TỊCH", "Nguyễn Văn An"), "approve");
            List<PDAnnotation> companions = issue().companions(document);
            PDRectangle label = AnchorFinder.first(document, 0, "Số:").box();
            PDRectangle number = companions.get(0).getRectangle();
            // One space of the label's own size (13 pt), on its baseline, in its size.
            assertEquals(label.getUpperRightX() + TemplateFill.SPACE * QuyetDinh.TEXT_SIZE, number.getLowerLeftX(),
                    0.01);
            float scale = QuyetDinh.TEXT_SIZE / StampFont.SIZE;
            float baseline = number.getLowerLeftY() + StampFont.descent(StampFont.of(document)) * scale;
            assertEquals((StampFont.ascent(StampFont.of(document)) + StampFont.descent(StampFont.of(document))) * scale,
                    number.getHeight(), 0.01);
            assertEquals(QuyetDinh.NUMBER_LABEL_Y, baseline, 0.5);
            assertEquals(document.getPage(0).getCOSObject(), companions.get(0).getPage().getCOSObject());
        }
    }

    @Test
    void withoutAnySignedSignatureThereIsNothingToSeal() throws Exception {
        try (PDDocument document = QuyetDinh.load(QuyetDinh.pdf(0))) {
            KysoException e = assertThrows(KysoException.class, () -> issue().place(document));
            assertEquals("PERSONAL_SIGNATURE_NOT_FOUND", e.code());
            Placement byRectangle = Presets.issue(SEAL, SEAL_MM,
                    new SealTarget.At(0, new PDRectangle(340, 170, 120, 48)), List.of()).place(document).get();
            assertEquals(340 + 40 - Units.mm(SEAL_MM), byRectangle.rectangle().getLowerLeftX(), 0.01);
        }
    }
}
