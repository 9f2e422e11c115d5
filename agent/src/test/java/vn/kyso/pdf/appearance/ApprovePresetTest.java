package vn.kyso.pdf.appearance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.errors.KysoException;
import vn.kyso.pdf.SignatureAppearance;
import vn.kyso.pdf.SignatureAppearance.Placement;

class ApprovePresetTest {

    private static final StampImage SIGNATURE = StampImage.png(TestImages.signaturePng());

    @TempDir
    Path work;

    @Test
    void approveImageIsCentredInTheBlankBetweenTheTitleBlockAndTheNameLine() throws Exception {
        try (PDDocument document = QuyetDinh.load(QuyetDinh.pdf(0))) {
            Placement placement = Presets.approve(SIGNATURE, "KT. CHỦ TỊCH", "Nguyễn Văn An").place(document).get();
            PDRectangle deputy = AnchorFinder.first(document, 0, "PHÓ CHỦ TỊCH").box();
            PDRectangle title = AnchorFinder.first(document, 0, "KT. CHỦ TỊCH").box();
            PDRectangle name = AnchorFinder.first(document, 0, "Nguyễn Văn An").box();
            PDRectangle r = placement.rectangle();

            assertEquals(0, placement.pageIndex());
            assertNull(placement.existingFieldName());
            // Below "PHÓ CHỦ TỊCH" (the line under the anchor), above the name, never touching either.
            assertTrue(r.getUpperRightY() <= deputy.getLowerLeftY() - 1, "overlaps PHÓ CHỦ TỊCH: " + r);
            assertTrue(r.getLowerLeftY() >= name.getUpperRightY() + 1, "overlaps the name: " + r);
            float spaceMiddle = (deputy.getLowerLeftY() + name.getUpperRightY()) / 2;
            assertEquals(spaceMiddle, centreY(r), 0.5);
            assertEquals((centreX(title) + centreX(name)) / 2, centreX(r), 0.5);
            // As wide as the preset allows (the space is tall enough), with the image's proportions.
            assertEquals(Units.mm(Presets.APPROVE_MAX_WIDTH_MM), r.getWidth(), 0.5);
            assertEquals(r.getWidth() * SIGNATURE.aspectRatio(), r.getHeight(), 0.5);
        }
    }

    @Test
    void renderedSignatureIsBlueInsideItsRectangleOnlyAndThePageContentIsUntouched() throws Exception {
        byte[] original = QuyetDinh.pdf(0);
        byte[] signed;
        PDRectangle visual;
        try (PDDocument document = QuyetDinh.load(original)) {
            byte[] contentBefore = EngineSimulation.rawContent(document, 0);
            Placement placement = EngineSimulation.apply(document,
                    Presets.approve(SIGNATURE, "KT. CHỦ TỊCH", "Nguyễn Văn An"), "approve").get();
            visual = PageFrame.of(document.getPage(0)).toVisual(placement.rectangle());
            signed = EngineSimulation.save(document);
            assertArrayEquals(contentBefore, EngineSimulation.rawContent(document, 0));
        }
        try (PDDocument reloaded = QuyetDinh.load(signed); PDDocument before = QuyetDinh.load(original)) {
            assertArrayEquals(EngineSimulation.rawContent(before, 0), EngineSimulation.rawContent(reloaded, 0));
        }
        Rendering page = Rendering.page(signed, 0, work);
        assertTrue(page.countInside(visual, Rendering::isBlue) > 500, "signature not drawn in its rectangle");
        assertEquals(0, page.countOutside(visual, 2, Rendering::isBlue), "blue outside the signature rectangle");
        // The stroke spans the image: blue reaches near both sides of the rectangle.
        PDRectangle ink = page.boundsInside(visual, Rendering::isBlue);
        assertTrue(ink.getWidth() > visual.getWidth() * 0.9, "signature squeezed: " + ink.getWidth());
        // The transparent PNG leaves the page under it visible: the printed name line is still black.
        PDRectangle nameLine = new PDRectangle(QuyetDinh.NAME_X - QuyetDinh.CROP_BOX.getLowerLeftX(),
                QuyetDinh.NAME_Y - QuyetDinh.CROP_BOX.getLowerLeftY(), 80, 10);
        assertTrue(page.countInside(nameLine, Rendering::isDark) > 50);
    }

    @Test
    void anEmptySignatureFieldIsSignedInPlace() throws Exception {
        try (PDDocument document = QuyetDinh.load(QuyetDinh.pdf(0))) {
            PDRectangle field = new PDRectangle(330, 170, 150, 60);
            EngineSimulation.addEmptyField(document, "ChuKyLanhDao", 0, field);
            SignatureAppearance approve = Presets.approve(SIGNATURE, new SignaturePosition.InField("ChuKyLanhDao"));
            Placement placement = approve.place(document).get();
            assertEquals("ChuKyLanhDao", placement.existingFieldName());
            assertEquals(field.toString(), placement.rectangle().toString());

            EngineSimulation.apply(document, approve, "unused");
            KysoException again = assertThrows(KysoException.class, () -> approve.place(document));
            assertEquals("SIGNATURE_FIELD_ALREADY_SIGNED", again.code());
            KysoException missing = assertThrows(KysoException.class,
                    () -> Presets.approve(SIGNATURE, new SignaturePosition.InField("KhongCo")).place(document));
            assertEquals("SIGNATURE_FIELD_NOT_FOUND", missing.code());
        }
    }

    @Test
    void aGivenRectangleShrinksToTheImageSoTheWidgetIsTheImage() throws Exception {
        try (PDDocument document = QuyetDinh.load(QuyetDinh.pdf(0))) {
            PDRectangle box = new PDRectangle(300, 160, 200, 60);
            Placement placement = Presets.approve(SIGNATURE, new SignaturePosition.At(0, box)).place(document).get();
            PDRectangle r = placement.rectangle();
            assertEquals(60, r.getHeight(), 0.01);
            assertEquals(60 / SIGNATURE.aspectRatio(), r.getWidth(), 0.01);
            assertEquals(centreX(box), centreX(r), 0.01);
        }
    }

    @Test
    void initialFollowsTheEndOfTheText() throws Exception {
        try (PDDocument document = QuyetDinh.load(QuyetDinh.pdf(0))) {
            Placement placement = Presets.initial(SIGNATURE, new SignaturePosition.AfterText("này./.", 15))
                    .place(document).get();
            PDRectangle end = AnchorFinder.last(document, "này./.").box();
            PDRectangle r = placement.rectangle();
            assertEquals(end.getUpperRightX() + PersonalSignatureStamp.AFTER_TEXT_GAP, r.getLowerLeftX(), 0.01);
            assertEquals(end.getLowerLeftY(), r.getLowerLeftY(), 0.01);
            assertEquals(Units.mm(15), r.getWidth(), 0.01);
        }
    }

    @Test
    void errorsAreValuesWithStableCodes() throws Exception {
        try (PDDocument document = QuyetDinh.load(QuyetDinh.pdf(0))) {
            KysoException noTitle = assertThrows(KysoException.class,
                    () -> Presets.approve(SIGNATURE, "TM. ỦY BAN NHÂN DÂN", "Nguyễn Văn An").place(document));
            assertEquals("ANCHOR_TEXT_NOT_FOUND", noTitle.code());
            assertTrue(noTitle.messageVi().contains("TM. ỦY BAN NHÂN DÂN"), noTitle.messageVi());
            KysoException outside = assertThrows(KysoException.class, () -> Presets.approve(SIGNATURE,
                    new SignaturePosition.At(0, new PDRectangle(560, 100, 100, 40))).place(document));
            assertEquals("PLACEMENT_OUT_OF_PAGE", outside.code());
            KysoException noPage = assertThrows(KysoException.class, () -> Presets.approve(SIGNATURE,
                    new SignaturePosition.At(3, new PDRectangle(100, 100, 100, 40))).place(document));
            assertEquals("PAGE_NOT_FOUND", noPage.code());
        }
        try (PDDocument squeezed = QuyetDinh.load(QuyetDinh.pdf(0, 222))) {
            KysoException noRoom = assertThrows(KysoException.class,
                    () -> Presets.approve(SIGNATURE, "KT. CHỦ TỊCH", "Nguyễn Văn An").place(squeezed));
            assertEquals("NO_SPACE_BETWEEN_LINES", noRoom.code());
        }
    }

    static float centreX(PDRectangle r) {
        return r.getLowerLeftX() + r.getWidth() / 2;
    }

    static float centreY(PDRectangle r) {
        return r.getLowerLeftY() + r.getHeight() / 2;
    }
}
