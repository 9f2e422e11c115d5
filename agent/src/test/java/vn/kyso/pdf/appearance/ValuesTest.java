package vn.kyso.pdf.appearance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;

import vn.kyso.errors.KysoException;

/** Images, times, anchors and page frames: the small values the presets are built from. */
class ValuesTest {

    @Test
    void onlyTransparentPngsOfSaneSizeAreAccepted() {
        StampImage ok = StampImage.png(TestImages.signaturePng());
        assertEquals(400, ok.widthPixels());
        assertEquals(160, ok.heightPixels());
        for (byte[] bad : new byte[][] {TestImages.jpeg(), TestImages.opaquePng(), new byte[0],
                TestImages.transparentPng(StampImage.MAX_SIDE_PIXELS + 1, 2),
                Arrays.copyOf(TestImages.signaturePng(), StampImage.MAX_BYTES + 1)}) {
            KysoException e = assertThrows(KysoException.class, () -> StampImage.png(bad));
            assertEquals("IMAGE_INVALID", e.code());
        }
        KysoException jpeg = assertThrows(KysoException.class, () -> StampImage.png(TestImages.jpeg()));
        assertTrue(jpeg.messageVi().contains("không phải tệp PNG"), jpeg.messageVi());
        assertTrue(jpeg.messageEn().contains("not a PNG"), jpeg.messageEn());
    }

    @Test
    void timesAreIso8601InVietnamAndIssueDatesFollowTheDecree() {
        assertEquals("2025-11-27T14:35:22+07:00", StampTime.iso(Instant.parse("2025-11-27T07:35:22.999Z")));
        assertEquals("2026-01-01T06:59:59+07:00", StampTime.iso(Instant.parse("2025-12-31T23:59:59Z")));
        assertEquals("ngày 05 tháng 01 năm 2025", StampTime.issueDate(LocalDate.of(2025, 1, 5)));
        assertEquals("ngày 28 tháng 02 năm 2025", StampTime.issueDate(LocalDate.of(2025, 2, 28)));
        assertEquals("ngày 09 tháng 3 năm 2025", StampTime.issueDate(LocalDate.of(2025, 3, 9)));
        assertEquals("ngày 27 tháng 11 năm 2025", StampTime.issueDate(LocalDate.of(2025, 11, 27)));
        // the issue's own examples
        assertEquals("ngày 05 tháng 3 năm 2020", StampTime.issueDate(LocalDate.of(2020, 3, 5)));
        assertEquals("ngày 02 tháng 01 năm 2026", StampTime.issueDate(LocalDate.of(2026, 1, 2)));
    }

    @Test
    void anchorsAreFoundCaseSensitivelyIgnoringWhitespaceWithTheirBoxInUserSpace() throws Exception {
        try (PDDocument document = QuyetDinh.load(QuyetDinh.pdf(0))) {
            PDRectangle title = AnchorFinder.first(document, 0, "KT. CHỦ TỊCH").box();
            assertEquals(QuyetDinh.TITLE_X, title.getLowerLeftX(), 0.5);
            float descent = 0.216f * QuyetDinh.TEXT_SIZE;
            float ascent = 0.891f * QuyetDinh.TEXT_SIZE;
            assertEquals(QuyetDinh.TITLE_Y - descent, title.getLowerLeftY(), 0.5);
            assertEquals(QuyetDinh.TITLE_Y + ascent, title.getUpperRightY(), 0.5);
            assertTrue(title.getWidth() > 70 && title.getWidth() < 100, "width " + title.getWidth());

            PDRectangle spaced = AnchorFinder.first(document, 0, "KT.CHỦ   TỊCH").box();
            assertEquals(title.toString(), spaced.toString());
            // Decomposed input (e + combining marks) matches the precomposed text in the PDF.
            String decomposed = java.text.Normalizer.normalize("Nguyễn Văn An", java.text.Normalizer.Form.NFD);
            assertEquals(QuyetDinh.NAME_X, AnchorFinder.first(document, 0, decomposed).box().getLowerLeftX(), 0.5);

            KysoException lower = assertThrows(KysoException.class,
                    () -> AnchorFinder.first(document, 0, "kt. chủ tịch"));
            assertEquals("ANCHOR_TEXT_NOT_FOUND", lower.code());
            assertEquals(2, AnchorFinder.findAll(document, 0, "CHỦ TỊCH").size());
        }
    }

    @Test
    void anchorsOnARotatedPageAreStillInUserSpace() throws Exception {
        try (PDDocument document = QuyetDinh.load(QuyetDinh.pdf(90))) {
            PDRectangle title = AnchorFinder.first(document, 0, "KT. CHỦ TỊCH").box();
            assertEquals(QuyetDinh.TITLE_X, title.getLowerLeftX(), 0.5);
            assertEquals(QuyetDinh.TITLE_Y - 0.216f * QuyetDinh.TEXT_SIZE, title.getLowerLeftY(), 0.5);
        }
    }

    @Test
    void theReadersTopRightCornerIsTheRightUserSpaceCorner() {
        PDRectangle crop = new PDRectangle(10, 20, 100, 200);
        PDRectangle corner = new PDRectangle(0, 0, 1, 1);
        // visual top-right unit square for each rotation, mapped to user space
        float[][] expectedUserLowerLeft = {{109, 219}, {10, 219}, {10, 20}, {109, 20}};
        int[] rotations = {0, 90, 180, 270};
        for (int i = 0; i < rotations.length; i++) {
            PageFrame frame = new PageFrame(crop, rotations[i]);
            PDRectangle topRight = new PDRectangle(frame.visualWidth() - 1, frame.visualHeight() - 1, 1, 1);
            PDRectangle user = frame.toUser(topRight);
            assertEquals(expectedUserLowerLeft[i][0], user.getLowerLeftX(), 0.001, "rotation " + rotations[i]);
            assertEquals(expectedUserLowerLeft[i][1], user.getLowerLeftY(), 0.001, "rotation " + rotations[i]);
            assertEquals(corner.getWidth(), frame.toVisual(user).getWidth(), 0.001);
        }
        assertEquals(200, new PageFrame(crop, 90).visualWidth());
        assertEquals(100, new PageFrame(crop, -90).visualHeight());
    }
}
