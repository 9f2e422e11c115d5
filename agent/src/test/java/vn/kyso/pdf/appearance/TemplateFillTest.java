package vn.kyso.pdf.appearance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.junit.jupiter.api.Test;

import vn.kyso.errors.KysoException;

/** The clerk's number and date against small templates: what goes where, and what is refused. */
class TemplateFillTest {

    private static final float SIZE = 14;
    private static final float Y = 700;

    /** One page with {@code header} at (60, 700) in {@code size}, and a body line with a printed date below. */
    private static PDDocument page(float size, String header) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDType0Font font;
            try (InputStream in = TemplateFillTest.class.getResourceAsStream(StampFont.RESOURCE)) {
                font = PDType0Font.load(document, in, true);
            }
            try (PDPageContentStream c = new PDPageContentStream(document, page)) {
                for (Object[] line : new Object[][] {{header, Y, size},
                        {"Căn cứ Luật ngày 19 tháng 6 năm 2015;", 600f, 13f}}) {
                    c.beginText();
                    c.setFont(font, (Float) line[2]);
                    c.newLineAtOffset(60, (Float) line[1]);
                    c.showText((String) line[0]);
                    c.endText();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return Loader.loadPDF(out.toByteArray());
        }
    }

    private static List<Insertion> date(String header, LocalDate date, String place) throws IOException {
        try (PDDocument document = page(SIZE, header)) {
            return TemplateFill.date(document, date, place);
        }
    }

    @Test
    void numberGoesBeforeTheKyHieuAndAGivenKyHieuIsNotDoubled() throws Exception {
        try (PDDocument document = page(SIZE, "Số:          /QĐ-UBND")) {
            Insertion plain = TemplateFill.number(document, "Số:", "123");
            Insertion withSuffix = TemplateFill.number(document, "Số:", "123/QĐ-UBND");
            assertEquals("123", plain.text());
            assertEquals(plain, withSuffix);
            assertEquals(SIZE, plain.size(), 0.01);
            assertEquals(Y, plain.baseline(), 0.01);
            float slash = AnchorFinder.first(document, 0, "/QĐ-UBND").box().getLowerLeftX();
            float width = StampFont.width(StampFont.of(document), "123", SIZE);
            assertEquals(slash, plain.x() + width, 0.01, "written right against the ký hiệu");
            KysoException other = assertThrows(KysoException.class,
                    () -> TemplateFill.number(document, "Số:", "123/TB-UBND"));
            assertEquals("DOCUMENT_NUMBER_SUFFIX_MISMATCH", other.code());
        }
    }

    @Test
    void withoutAPrintedKyHieuTheNumberIsWrittenWhole() throws Exception {
        try (PDDocument document = page(SIZE, "Số:")) {
            Insertion number = TemplateFill.number(document, "Số:", "123/QĐ-UBND");
            assertEquals("123/QĐ-UBND", number.text());
            float label = AnchorFinder.first(document, 0, "Số:").box().getUpperRightX();
            assertEquals(label + TemplateFill.SPACE * SIZE, number.x(), 0.01);
        }
    }

    @Test
    void blanksOfEachStyleGetDayMonthAndTheBlankYearOnly() throws Exception {
        for (String header : List.of("Huế, ngày        tháng        năm 2026", "Huế, ngày ..... tháng ..... năm 2026",
                "Huế, ngày ____ tháng ____ năm 2026")) {
            List<Insertion> printedYear = date(header, LocalDate.of(2026, 1, 2), null);
            assertEquals(List.of("02", "01"), printedYear.stream().map(Insertion::text).toList(), header);
            printedYear.forEach(i -> assertEquals(Y, i.baseline(), 0.01));
            printedYear.forEach(i -> assertEquals(SIZE, i.size(), 0.01));
            assertEquals(!header.contains("      "), !printedYear.get(0).masks().isEmpty(),
                    "dots and underscores are covered: " + header);
        }
        List<Insertion> blankYear = date("Huế, ngày ..... tháng ..... năm .....", LocalDate.of(2020, 3, 5), "Huế,");
        assertEquals(List.of("05", "3", "2020"), blankYear.stream().map(Insertion::text).toList());
    }

    @Test
    void aPrintedYearThatIsNotTheIssueYearIsRefused() {
        KysoException e = assertThrows(KysoException.class,
                () -> date("Huế, ngày ..... tháng ..... năm 2025", LocalDate.of(2026, 1, 2), null));
        assertEquals("ISSUE_YEAR_MISMATCH", e.code());
    }

    @Test
    void withoutBlanksTheWholeDateFollowsThePlace() throws Exception {
        List<Insertion> whole = date("Ninh Bình,", LocalDate.of(2026, 12, 2), "Ninh Bình,");
        assertEquals(1, whole.size());
        assertEquals("ngày 02 tháng 12 năm 2026", whole.get(0).text());
        assertEquals(Y, whole.get(0).baseline(), 0.01);
        // The body's printed "ngày 19 tháng 6 năm 2015" is not a blank, so without a place there is nowhere to write.
        KysoException e = assertThrows(KysoException.class,
                () -> date("Ninh Bình,", LocalDate.of(2026, 12, 2), null));
        assertEquals("DATE_BLANK_NOT_FOUND", e.code());
    }

    @Test
    void aBlankTooNarrowForTheTextIsRefusedRatherThanOverprinted() {
        KysoException e = assertThrows(KysoException.class,
                () -> date("Huế, ngày  tháng  năm 2026", LocalDate.of(2026, 12, 2), null));
        assertEquals("TEMPLATE_BLANK_TOO_NARROW", e.code());
    }

    @Test
    void theFilledTemplateCarriesLockedAnnotationsInTheMeasuredSize() throws Exception {
        try (PDDocument document = page(SIZE, "Số: ......../QĐ-UBND")) {
            List<PDAnnotation> annotations = FreeTextCompanion.create(document, new DocumentNumber("45"));
            assertEquals(1, annotations.size());
            PDRectangle r = annotations.get(0).getRectangle();
            PDRectangle dots = AnchorFinder.first(document, 0, "........").box();
            assertTrue(r.getLowerLeftX() <= dots.getLowerLeftX() + 0.01 && r.getUpperRightX() >= dots.getUpperRightX()
                    - 0.01, "the white cover spans the dots");
            assertTrue(annotations.get(0).isLocked() && annotations.get(0).isPrinted());
        }
    }

    @Test
    void issueDatesAreReadInTheFormsPagesSend() {
        Instant now = Instant.parse("2026-12-01T18:30:00Z"); // 01:30 on 2 December in Vietnam
        assertEquals(LocalDate.of(2026, 12, 2), IssueDate.parse(null, now));
        assertEquals(LocalDate.of(2026, 3, 5), IssueDate.parse("05/03/2026", now));
        assertEquals(LocalDate.of(2026, 3, 5), IssueDate.parse("2026-03-05", now));
        assertEquals(LocalDate.of(2026, 3, 5), IssueDate.parse("ngày 05 tháng 3 năm 2026", now));
        assertThrows(IllegalArgumentException.class, () -> IssueDate.parse("mai", now));
        assertThrows(IllegalArgumentException.class, () -> IssueDate.parse("ngày 31 tháng 02 năm 2026", now));
    }
}
