package vn.kyso.pdf.appearance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import eu.europa.esig.dss.enumerations.SignatureLevel;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationFreeText;
import org.apache.pdfbox.util.Matrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.pdf.LevelPolicy;
import vn.kyso.pdf.PadesLevel;
import vn.kyso.pdf.PadesOptions;
import vn.kyso.pdf.PadesSigner;
import vn.kyso.pdf.PadesTestSupport;
import vn.kyso.pdf.SignatureAppearance;
import vn.kyso.testpki.TestPki;

/**
 * The clerk's number and date continue their labels in the labels' style: a template whose "Số:" line is bold and
 * whose place-and-date line is italic (as Nghị định 30/2020 sets the date) gets the number in Liberation Serif Bold
 * and the day and month in Liberation Serif Italic — whether the template uses real bold/italic faces or synthesises
 * them (filled-and-stroked, slanted). The font is read back from the issued file by poppler's pdffonts and from each
 * inserted text's appearance by PDFBox; positions by pdftotext; EU DSS and pdfsig accept the result.
 */
class TemplateFontStyleTest {

    private static final float SIZE = 13;
    private static final String NUMBER_LINE = "Số:          /QĐ-UBND";
    private static final String DATE_LINE = "Hà Nội, ngày ..... tháng ..... năm 2026";

    private enum Faces { REAL, SYNTHETIC }

    private static byte[] template(Faces faces) throws Exception {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDFont regular = load(document, FontStyle.REGULAR);
            PDFont bold = faces == Faces.REAL ? load(document, FontStyle.BOLD) : regular;
            PDFont italic = faces == Faces.REAL ? load(document, FontStyle.ITALIC) : regular;
            try (PDPageContentStream c = new PDPageContentStream(document, page)) {
                line(c, bold, faces == Faces.SYNTHETIC, false, 60, 760, "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI");
                line(c, bold, faces == Faces.SYNTHETIC, false, 90, 712, NUMBER_LINE);
                line(c, italic, false, faces == Faces.SYNTHETIC, 300, 712, DATE_LINE);
                line(c, regular, false, false, 90, 640, "Căn cứ Nghị định số 30/2020/NĐ-CP của Chính phủ;");
                line(c, bold, faces == Faces.SYNTHETIC, false, 360, 330, "CHỦ TỊCH");
                line(c, bold, faces == Faces.SYNTHETIC, false, 350, 245, "Nguyễn Văn An");
            }
            document.save(out);
            return out.toByteArray();
        }
    }

    private static PDFont load(PDDocument document, FontStyle style) throws Exception {
        try (InputStream in = TemplateFontStyleTest.class.getResourceAsStream(style.resource())) {
            return PDType0Font.load(document, in, true);
        }
    }

    private static void line(PDPageContentStream c, PDFont font, boolean stroke, boolean slant, float x, float y,
                             String text) throws Exception {
        c.beginText();
        c.setFont(font, SIZE);
        c.setRenderingMode(stroke ? RenderingMode.FILL_STROKE : RenderingMode.FILL);
        c.setLineWidth(0.4f);
        c.setTextMatrix(new Matrix(1, 0, slant ? 0.2f : 0, 1, x, y));
        c.showText(text);
        c.endText();
    }

    private static byte[] issue(byte[] template) throws Exception {
        PadesSigner signer = new PadesSigner(PadesTestSupport.services());
        byte[] approved = signer.sign(template, PadesTestSupport.signer(TestPki.PERSONAL_AN), options(
                Presets.approve(StampImage.png(TestImages.signaturePng()), "CHỦ TỊCH", "Nguyễn Văn An"))).document();
        return signer.sign(approved, PadesTestSupport.signer(TestPki.ORGANISATION), options(Presets.issue(
                StampImage.png(TestImages.sealPng()), 36, new SealTarget.LatestSignature(), List.of(
                        new DocumentNumber("45"), new IssueDate(LocalDate.of(2026, 3, 5), "Hà Nội,"))))).document();
    }

    private static PadesOptions options(SignatureAppearance appearance) {
        return PadesOptions.defaults().withLevel(PadesLevel.B_LT).withPolicy(LevelPolicy.STRICT)
                .withAppearance(appearance);
    }

    /** Each inserted text and the base font its appearance draws it with. */
    private static Map<String, String> insertedFonts(byte[] pdf) throws Exception {
        Map<String, String> fonts = new LinkedHashMap<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDAnnotation annotation : document.getPage(0).getAnnotations()) {
                if (annotation instanceof PDAnnotationFreeText) {
                    PDResources resources = annotation.getNormalAppearanceStream().getResources();
                    List<COSName> names = new java.util.ArrayList<>();
                    resources.getFontNames().forEach(names::add);
                    assertEquals(1, names.size(), "one font per inserted text");
                    fonts.put(annotation.getContents(), resources.getFont(names.get(0)).getName());
                }
            }
        }
        return fonts;
    }

    private static void check(Faces faces, Path work) throws Exception {
        byte[] issued = issue(template(faces));
        AppendixTemplatesTest.keepRendering(issued, "font-style-" + faces.name().toLowerCase(java.util.Locale.ROOT));
        Map<String, String> fonts = insertedFonts(issued);
        assertEquals(List.of("45", "05", "3"), List.copyOf(fonts.keySet()), fonts.toString());
        assertTrue(fonts.get("45").matches("[A-Z]{6}\\+LiberationSerif-Bold"), fonts.toString());
        assertTrue(fonts.get("05").matches("[A-Z]{6}\\+LiberationSerif-Italic"), fonts.toString());
        assertTrue(fonts.get("3").matches("[A-Z]{6}\\+LiberationSerif-Italic"), fonts.toString());

        Path file = Files.write(work.resolve("issued.pdf"), issued);
        Process process = new ProcessBuilder("pdffonts", file.toString()).redirectErrorStream(true).start();
        String listing = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), listing);
        assertTrue(listing.lines().anyMatch(l -> l.matches("[A-Z]{6}\\+LiberationSerif-Bold\\s+CID TrueType.*")),
                listing);
        assertTrue(listing.lines().anyMatch(l -> l.matches("[A-Z]{6}\\+LiberationSerif-Italic\\s+CID TrueType.*")),
                listing);

        List<PDRectangle> inserted = AppendixTemplatesTest.companionBoxes(issued);
        TextLayout layout = new TextLayout(TextLayout.of(issued, 0, work).words().stream()
                .map(w -> w.withoutHiddenFillers(inserted)).flatMap(java.util.Optional::stream).toList());
        List<TextLayout.Word> numberLine = layout.lineOf(layout.first("Số:"));
        String read = TextLayout.read(numberLine);
        assertTrue(read.contains("Số: 45/QĐ-UBND"), read);
        assertTrue(read.contains("Hà Nội, ngày 05 tháng 3 năm 2026"), read);
        for (String[] pair : new String[][] {{"Số:", "45"}, {"ngày", "05"}, {"tháng", "3"}}) {
            TextLayout.Word label = numberLine.stream().filter(w -> w.text().equals(pair[0])).findFirst().orElseThrow();
            TextLayout.Word written = numberLine.get(numberLine.indexOf(label) + 1);
            assertTrue(written.text().startsWith(pair[1]), pair[0] + " → " + written);
            assertEquals(1.0, written.height() / label.height(), 0.10, "size of " + written + " vs " + label);
            assertEquals(label.baseline(), written.baseline(), 0.5, "baseline of " + written + " vs " + label);
        }
        PadesTestSupport.assertDss(issued, SignatureLevel.PAdES_BASELINE_LT, SignatureLevel.PAdES_BASELINE_LT);
        PadesTestSupport.assertPdfsigValid(issued, 2);
    }

    @Test
    void boldAndItalicFacesOfTheTemplateAreContinued(@TempDir Path work) throws Exception {
        check(Faces.REAL, work);
    }

    @Test
    void synthesisedBoldAndItalicAreContinuedInRealFaces(@TempDir Path work) throws Exception {
        check(Faces.SYNTHETIC, work);
    }

    @Test
    void stylesAreReadFromFontNamesAndDescriptors() {
        assertEquals(FontStyle.BOLD_ITALIC, FontStyle.of(
                new PDType1Font(Standard14Fonts.FontName.TIMES_BOLD_ITALIC), null, false));
        assertEquals(FontStyle.BOLD, FontStyle.of(new PDType1Font(Standard14Fonts.FontName.TIMES_BOLD), null, false));
        assertEquals(FontStyle.ITALIC, FontStyle.of(
                new PDType1Font(Standard14Fonts.FontName.TIMES_ITALIC), null, false));
        assertEquals(FontStyle.REGULAR, FontStyle.of(
                new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN), new Matrix(), false));
        // a page rotated a quarter turn is not slanted
        assertEquals(FontStyle.REGULAR, FontStyle.of(
                new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN), new Matrix(0, 13, -13, 0, 0, 0), false));
        assertEquals(FontStyle.ITALIC, FontStyle.of(
                new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN), new Matrix(0, 13, -13, 2.6f, 0, 0), false));
        assertEquals(FontStyle.BOLD, FontStyle.of(new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN), null, true));
    }
}
