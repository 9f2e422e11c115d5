package vn.kyso.pdf.appearance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import vn.kyso.pdf.SignatureAppearance;

class CornerPresetTest {

    private static final Instant SIGNED_AT = Instant.parse("2025-11-27T07:35:22.480Z");
    private static final String ISO = "2025-11-27T14:35:22+07:00";
    private static final String ORGANISATION = "Văn phòng Ủy ban nhân dân tỉnh Bắc Ninh";
    private static final StampImage SEAL = StampImage.png(TestImages.sealPng());

    @TempDir
    Path work;

    /** Applies, renders and checks: the stamp is in the reader's top-right corner, upright, text extractable. */
    private Result stamp(SignatureAppearance appearance, int rotation) throws Exception {
        byte[] signed;
        PDRectangle visual;
        PageFrame frame;
        try (PDDocument document = QuyetDinh.load(QuyetDinh.pdf(rotation))) {
            byte[] contentBefore = EngineSimulation.rawContent(document, 0);
            PDRectangle user = EngineSimulation.apply(document, appearance, "stamp").get().rectangle();
            frame = PageFrame.of(document.getPage(0));
            assertTrue(frame.contains(user), "outside the CropBox: " + user);
            visual = frame.toVisual(user);
            signed = EngineSimulation.save(document);
            assertArrayEquals(contentBefore, EngineSimulation.rawContent(document, 0));
        }
        assertEquals(frame.visualWidth() - Units.mm(CornerStamp.RIGHT_MARGIN_MM), visual.getUpperRightX(), 0.5);
        assertEquals(frame.visualHeight() - Units.mm(CornerStamp.TOP_MARGIN_MM), visual.getUpperRightY(), 0.5);
        Rendering page = Rendering.page(signed, 0, work);
        assertEquals(Math.round(frame.visualWidth()), page.image().getWidth(), 1);
        String text;
        try (PDDocument reloaded = QuyetDinh.load(signed)) {
            text = AppearanceText.of(reloaded, 0);
        }
        return new Result(page, visual, text);
    }

    private record Result(Rendering page, PDRectangle visual, String text) {
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 90, 180, 270})
    void copyIsPrintedUprightAtTheReadersTopRightOfPageOne(int rotation) throws Exception {
        Result result = stamp(Presets.copy(CopyForm.SAO_Y, ORGANISATION, SIGNED_AT), rotation);
        assertTrue(result.text().contains("SAO Y"), result.text());
        assertTrue(result.text().contains(ORGANISATION), result.text());
        assertTrue(result.text().contains(ISO), result.text());
        PDRectangle ink = result.page().boundsInside(result.visual(), Rendering::isDark);
        assertTrue(ink.getWidth() > 100, "no text drawn in the stamp: " + ink);
        // Three lines of size-10 text are much wider than tall; turned sideways they would be the opposite.
        assertTrue(ink.getWidth() > 3 * ink.getHeight(), "text not upright: " + ink);
        // The three lines fill the stamp from its top: the first line starts near the top edge.
        assertTrue(result.visual().getUpperRightY() - ink.getUpperRightY() < 6, "text not at the top: " + ink);
    }

    @Test
    void copyFormsAreWrittenAsTheDecreeNamesThem() throws Exception {
        Result result = stamp(Presets.copy(CopyForm.TRICH_SAO, ORGANISATION, SIGNED_AT), 0);
        assertTrue(result.text().contains("TRÍCH SAO"), result.text());
        assertEquals("SAO LỤC", CopyForm.SAO_LUC.label());
    }

    @Test
    void aCopyCarriesItsOwnNumberPlaceAndDateInTheAppendixOrder() throws Exception {
        for (CopyForm form : CopyForm.values()) {
            Result result = stamp(Presets.copy(form, ORGANISATION, "05/SL-UBND", "Bắc Ninh",
                    java.time.LocalDate.of(2026, 1, 2), SIGNED_AT), 0);
            String text = result.text();
            int[] at = {text.indexOf(form.label()), text.indexOf(ORGANISATION), text.indexOf("Số: 05/SL-UBND"),
                    text.indexOf("Bắc Ninh, ngày 02 tháng 01 năm 2026"), text.indexOf(ISO)};
            for (int i = 0; i < at.length; i++) {
                assertTrue(at[i] >= 0 && (i == 0 || at[i] > at[i - 1]), i + " out of order in: " + text);
            }
        }
    }

    @Test
    void attachmentShowsTheDocumentNumberAndTime() throws Exception {
        Result result = stamp(Presets.attachment("125/QĐ-UBND", SIGNED_AT), 0);
        assertTrue(result.text().contains("125/QĐ-UBND"), result.text());
        assertTrue(result.text().contains(ISO), result.text());
        assertEquals(0, result.page().countInside(result.visual(), Rendering::isRed));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 90})
    void digitisedShowsTheRedSealOnTheLeftOfOrganisationAndTime(int rotation) throws Exception {
        Result result = stamp(Presets.digitised(SEAL, 20, ORGANISATION, SIGNED_AT), rotation);
        assertTrue(result.text().contains(ORGANISATION), result.text());
        assertTrue(result.text().contains(ISO), result.text());
        PDRectangle v = result.visual();
        PDRectangle sealArea = new PDRectangle(v.getLowerLeftX(), v.getLowerLeftY(),
                Units.mm(20) + 2 * CornerStamp.PADDING, v.getHeight());
        assertTrue(result.page().countInside(sealArea, Rendering::isRed) > 200, "seal not drawn");
        assertEquals(0, result.page().countOutside(sealArea, 2, Rendering::isRed), "red outside the seal area");
        assertEquals(Units.mm(20) + 2 * CornerStamp.PADDING, v.getHeight(), 0.5);
    }

    @Test
    void signerBlockListsWhoWhenAndWhere() throws Exception {
        Result result = stamp(Presets.signerInfo(
                new SignerBlock("Nguyễn Văn An", "nvan@bacninh.gov.vn", "Ủy ban nhân dân tỉnh Bắc Ninh", SIGNED_AT)),
                0);
        for (String line : new String[] {"Ký bởi: Nguyễn Văn An", "Email: nvan@bacninh.gov.vn",
                "Cơ quan: Ủy ban nhân dân tỉnh Bắc Ninh", "Thời gian ký: " + ISO}) {
            assertTrue(result.text().contains(line), result.text());
        }
    }
}
