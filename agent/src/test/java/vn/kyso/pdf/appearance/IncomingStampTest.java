package vn.kyso.pdf.appearance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import eu.europa.esig.dss.enumerations.SignatureLevel;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.errors.KysoException;
import vn.kyso.pdf.LevelPolicy;
import vn.kyso.pdf.PadesLevel;
import vn.kyso.pdf.PadesOptions;
import vn.kyso.pdf.PadesSigner;
import vn.kyso.pdf.PadesTestSupport;
import vn.kyso.testpki.TestPki;

/**
 * The incoming stamp laid out as Nghị định 30/2020, Phụ lục IV shows the dấu "ĐẾN": 50 × 35 mm, the receiving
 * organisation on top, "ĐẾN" boxed on the left of Số / Ngày (and the time received), then Chuyển and Số và ký hiệu
 * HS — signed by the real engine, read back by pdftotext's word boxes and pdftoppm's rendering, accepted by EU DSS
 * and pdfsig.
 */
class IncomingStampTest {

    private static final Instant RECEIVED = Instant.parse("2026-12-02T01:15:00Z");
    private static final double MM = 72 / 25.4;

    private static byte[] receive(byte[] pdf, String organisation, String number, String forwardTo, String file)
            throws Exception {
        return new PadesSigner(PadesTestSupport.services()).sign(pdf, PadesTestSupport.signer(TestPki.ORGANISATION),
                PadesOptions.defaults().withLevel(PadesLevel.B_LT).withPolicy(LevelPolicy.STRICT).withAppearance(
                        Presets.incoming(organisation, number, RECEIVED, forwardTo, file))).document();
    }

    /** The stamp's widget in pdftotext's frame (points from the MediaBox's top-left corner). */
    private static PDRectangle widget(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDPage page = document.getPage(0);
            for (PDAnnotation annotation : page.getAnnotations()) {
                if (annotation instanceof PDAnnotationWidget && annotation.getRectangle().getWidth() > 0) {
                    PDRectangle r = annotation.getRectangle();
                    PDRectangle media = page.getMediaBox(); // pdftotext measures from the MediaBox
                    return new PDRectangle(r.getLowerLeftX() - media.getLowerLeftX(),
                            media.getUpperRightY() - r.getUpperRightY(), r.getWidth(), r.getHeight());
                }
            }
        }
        throw new AssertionError("no visible signature widget");
    }

    private static boolean inside(TextLayout.Word w, PDRectangle box) {
        return w.xMin() >= box.getLowerLeftX() && w.xMax() <= box.getUpperRightX()
                && w.yMin() >= box.getLowerLeftY() && w.yMax() <= box.getUpperRightY();
    }

    /** The stamp's widget in the page's user space. */
    private static PDRectangle userRect(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDAnnotation annotation : document.getPage(0).getAnnotations()) {
                if (annotation instanceof PDAnnotationWidget && annotation.getRectangle().getWidth() > 0) {
                    return annotation.getRectangle();
                }
            }
        }
        throw new AssertionError("no visible signature widget");
    }

    private static boolean intersects(TextLayout.Word w, PDRectangle box) {
        return w.xMax() > box.getLowerLeftX() && w.xMin() < box.getUpperRightX()
                && w.yMax() > box.getLowerLeftY() && w.yMin() < box.getUpperRightY();
    }

    @Test
    void theStampIsFiftyByThirtyFiveMillimetresWithTheLinesOfTheRegulation(@TempDir Path work) throws Exception {
        AppendixTemplate template = AppendixTemplate.eight().get(0); // a Quyết định with "ngày … tháng … năm 2026"
        byte[] document = template.pdf();
        byte[] received = receive(document, "Sở Nội vụ tỉnh Bắc Ninh", "1234", "Phòng Tổ chức", "HS-05");
        AppendixTemplatesTest.keepRendering(received, "incoming-stamp");
        PDRectangle box = widget(received);
        assertEquals(50 * MM, box.getWidth(), 0.1, "50 mm wide");
        assertEquals(35 * MM, box.getHeight(), 0.1, "35 mm high");

        // in blank space under the date line, as the văn thư stamps paper: over none of the document's words
        TextLayout before = TextLayout.of(document, 0, work);
        TextLayout.Word day = before.first("ngày");
        assertTrue(box.getLowerLeftY() > day.yMax(), "below the date line");
        List<TextLayout.Word> dateBlock = before.lineOf(day).stream().filter(w -> w.xMin() >= day.xMin() - 80).toList();
        double centre = (dateBlock.get(0).xMin() + dateBlock.get(dateBlock.size() - 1).xMax()) / 2;
        assertEquals(centre, box.getLowerLeftX() + box.getWidth() / 2, 1, "centred under the date");
        List<TextLayout.Word> covered = before.words().stream().filter(w -> intersects(w, box)).toList();
        assertEquals(List.of(), covered, "the stamp covers no printed word");

        List<TextLayout.Word> stamp = TextLayout.of(received, 0, work).words().stream()
                .filter(w -> inside(w, box)).toList();
        TextLayout layout = new TextLayout(stamp);
        TextLayout.Word organisation = layout.first("SỞ");
        TextLayout.Word den = layout.first("ĐẾN");
        TextLayout.Word so = layout.first("Số:");
        TextLayout.Word ngay = layout.first("Ngày:");
        TextLayout.Word gio = layout.first("Giờ:");
        TextLayout.Word chuyen = layout.first("Chuyển:");
        TextLayout.Word hs = layout.first("HS:");
        assertEquals("SỞ NỘI VỤ TỈNH BẮC NINH", TextLayout.read(layout.lineOf(organisation)));
        assertTrue(TextLayout.read(layout.lineOf(so)).endsWith("Số: 1234"), layout.lineOf(so).toString());
        assertTrue(TextLayout.read(layout.lineOf(ngay)).endsWith("Ngày: 02/12/2026"), layout.lineOf(ngay).toString());
        assertTrue(TextLayout.read(layout.lineOf(gio)).endsWith("Giờ: 08:15"), layout.lineOf(gio).toString());
        assertEquals("Chuyển: Phòng Tổ chức", TextLayout.read(layout.lineOf(chuyen)));
        assertEquals("Số và ký hiệu HS: HS-05", TextLayout.read(layout.lineOf(hs)));

        // top to bottom: organisation, the ĐẾN block (Số, Ngày, Giờ stacked on its right), Chuyển, Số và ký hiệu HS
        assertTrue(organisation.yMax() < so.yMin(), "organisation above Số");
        assertTrue(so.yMax() <= ngay.yMin() + 0.5 && ngay.yMax() <= gio.yMin() + 0.5, "Số, Ngày, Giờ stacked");
        assertTrue(den.xMax() < so.xMin() && den.xMax() < ngay.xMin() && den.xMax() < gio.xMin(), "ĐẾN on the left");
        assertTrue(den.yMin() > so.yMin() && den.yMax() < gio.yMax(), "ĐẾN beside the three lines");
        assertTrue(den.height() > so.height() * 1.2, "ĐẾN is the stamp's largest word");
        assertTrue(gio.yMax() < chuyen.yMin() && chuyen.yMax() < hs.yMin(), "Chuyển, then Số và ký hiệu HS");
        assertEquals(den.xMin(), chuyen.xMin(), 6, "the lower lines start at the ĐẾN box's left");

        // the frame and the box around ĐẾN are drawn (72 dpi: a point is a pixel; this page has no CropBox offset)
        Rendering page = Rendering.page(received, 0, work);
        PDRectangle visual = userRect(received);
        assertTrue(page.countInside(new PDRectangle(visual.getLowerLeftX() - 1, visual.getLowerLeftY(), 2.5f,
                visual.getHeight()), Rendering::isDark) > 0.8 * visual.getHeight(), "left side of the frame");
        assertTrue(page.countInside(new PDRectangle(visual.getLowerLeftX(), visual.getUpperRightY() - 1.5f,
                visual.getWidth(), 2.5f), Rendering::isDark) > 0.8 * visual.getWidth(), "top of the frame");
        float height = (float) (gio.yMax() - so.yMin());
        float pageTop = page.image().getHeight();
        assertTrue(page.countInside(new PDRectangle((float) den.xMax() + 1, pageTop - (float) gio.yMax(), 6, height),
                Rendering::isDark) > 0.6 * height, "the box's right side beside Số/Ngày/Giờ");
        assertEquals(Rendering.page(document, 0, work).countOutside(visual, 1, Rendering::isDark),
                page.countOutside(visual, 1, Rendering::isDark), "nothing of the stamp is drawn outside its frame");

        PadesTestSupport.assertDss(received, SignatureLevel.PAdES_BASELINE_LT);
        PadesTestSupport.assertPdfsigValid(received, 1);
    }

    @Test
    void valuesNotAssignedYetLeaveTheirLabelsAndDotsInsideTheFrame(@TempDir Path work) throws Exception {
        byte[] received = receive(QuyetDinh.pdf(0),
                "Ủy ban nhân dân thành phố Thủ Đức", null, null, null);
        PDRectangle box = widget(received);
        assertEquals(50 * MM, box.getWidth(), 0.1);
        assertEquals(35 * MM, box.getHeight(), 0.1);
        assertEquals(List.of(), TextLayout.of(QuyetDinh.pdf(0), 0, work).words().stream()
                .filter(w -> intersects(w, box)).toList(), "the stamp covers no printed word");
        List<TextLayout.Word> all = TextLayout.of(received, 0, work).words();
        TextLayout layout = new TextLayout(all.stream().filter(w -> inside(w, box)).toList());
        // a long name takes two centred lines, every word of it inside the frame
        assertTrue(layout.lineOf(layout.first("ỦY")).size() < 12, "wrapped");
        assertTrue(layout.words().stream().anyMatch(w -> w.text().equals("ĐỨC")), layout.words().toString());
        assertTrue(layout.first("ĐỨC").yMin() > layout.first("ỦY").yMax(), "the name's second line");
        for (String label : List.of("Số:", "Chuyển:", "HS:")) {
            List<TextLayout.Word> line = layout.lineOf(layout.first(label));
            TextLayout.Word after = line.get(line.indexOf(layout.first(label)) + 1);
            assertTrue(after.filler() && after.text().length() >= 5, label + " then dots: " + line);
        }
        assertTrue(all.stream().filter(w -> w.text().startsWith("....")).allMatch(w -> inside(w, box)),
                "dots stay in the frame");
    }

    @Test
    void aLineTooLongForTheFrameIsRefusedWithItsCode() throws Exception {
        byte[] pdf = QuyetDinh.pdf(0);
        KysoException e = assertThrows(KysoException.class, () -> receive(pdf, "Sở Nội vụ", "1",
                "Phòng Tổ chức cán bộ, Phòng Văn thư lưu trữ, Phòng Thanh tra và Văn phòng Sở", null));
        assertEquals("INCOMING_STAMP_TEXT_TOO_LONG", e.code());
    }
}
