package vn.kyso.pdf.appearance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import eu.europa.esig.dss.enumerations.SignatureLevel;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationFreeText;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import vn.kyso.pdf.LevelPolicy;
import vn.kyso.pdf.PadesLevel;
import vn.kyso.pdf.PadesOptions;
import vn.kyso.pdf.PadesSigner;
import vn.kyso.pdf.PadesTestSupport;
import vn.kyso.pdf.SignatureAppearance;
import vn.kyso.pki.TrustStore;
import vn.kyso.testpki.TestPki;
import vn.kyso.verify.DocumentReport;
import vn.kyso.verify.Indication;
import vn.kyso.verify.PdfSignatureVerifier;

/**
 * Eight văn bản laid out as Nghị định 30/2020, Phụ lục I shows them (Quyết định, Công văn, Tờ trình, Báo cáo, Thông
 * báo, Kế hoạch, Giấy mời, Biên bản), blanks drawn as spaces, dots and underscores, signer blocks with KT., TM., Q.,
 * TL., TUQ. on one or two lines: each approved (handwritten image or, without one, the text stamp) and issued by
 * the real engine with SoftHSM2 keys. The clerk's number and date are then read back by poppler's pdftotext: in
 * order, on their labels' baselines, in their labels' size, overlapping no printed glyph; EU DSS and pdfsig accept
 * both signatures; each issued page is rendered to target/templates/ for a person to look at.
 */
class AppendixTemplatesTest {

    private static final LocalDate ISSUED = LocalDate.of(2026, 12, 2);
    private static final Instant APPROVED_AT = Instant.parse("2026-12-02T01:15:00Z");

    static Stream<Arguments> templates() {
        List<AppendixTemplate> eight = AppendixTemplate.eight();
        return IntStream.range(0, eight.size()).mapToObj(i -> Arguments.of(i, eight.get(i)));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("templates")
    void approvedThenIssuedFillsTheBlanksAndStaysValid(int index, AppendixTemplate template, @TempDir Path work)
            throws Exception {
        PadesSigner signer = new PadesSigner(PadesTestSupport.services());
        // Half approve with the first title line ("KT. CHỦ TỊCH"), half with the last: the space is the same.
        String titleAnchor = index % 2 == 0 ? template.titleLines().get(0) : template.lastTitle();
        SignatureAppearance approval = index % 2 == 0
                ? Presets.approve(StampImage.png(TestImages.signaturePng()), titleAnchor, template.name())
                : Presets.approveWithText(titleAnchor, template.name(), template.name(), template.lastTitle(),
                        APPROVED_AT);
        byte[] approved = signer.sign(template.pdf(), PadesTestSupport.signer(TestPki.PERSONAL_AN), options(approval))
                .document();
        // A number given with the template's ký hiệu must not print it twice.
        String number = index % 3 == 0 ? "123" + template.kyHieu() : "123";
        byte[] issued = signer.sign(approved, PadesTestSupport.signer(TestPki.ORGANISATION), options(Presets.issue(
                StampImage.png(TestImages.sealPng()), 36, new SealTarget.LatestSignature(),
                List.of(new DocumentNumber(number), new IssueDate(ISSUED, index % 2 == 0 ? AppendixTemplate.PLACE
                        : null))))).document();
        keepRendering(issued, template.file());

        TrustStore trust = TrustStore.empty();
        trust.add(PadesTestSupport.root());
        DocumentReport report = PdfSignatureVerifier.builder(trust).build().verify(issued);
        assertEquals(Indication.TOTAL_PASSED, report.indication(), report.toString());
        PadesTestSupport.assertDss(issued, SignatureLevel.PAdES_BASELINE_LT, SignatureLevel.PAdES_BASELINE_LT);
        PadesTestSupport.assertPdfsigValid(issued, 2);

        List<PDRectangle> inserted = companionBoxes(issued);
        assertEquals(template.yearPrinted() ? 3 : 4, inserted.size(), "number, day, month (and year) annotations");
        TextLayout layout = TextLayout.of(issued, 0, work);
        List<TextLayout.Word> visible = layout.words().stream()
                .map(w -> w.withoutHiddenFillers(inserted)).flatMap(java.util.Optional::stream).toList();
        assertTrue(visible.size() < layout.words().size() || template.blank() == AppendixTemplate.Blank.SPACES,
                "dots/underscores of the blank lie under the inserted text");

        TextLayout visibleLayout = new TextLayout(visible);
        List<TextLayout.Word> line = visibleLayout.lineOf(visibleLayout.first("Số:"));
        String read = TextLayout.read(line);
        assertTrue(read.contains("Số: 123" + template.kyHieu() + " "), read);
        assertTrue(read.endsWith("Bắc Ninh, ngày 02 tháng 12 năm 2026"), read);

        for (String[] pair : new String[][] {{"Số:", "123"}, {"ngày", "02"}, {"tháng", "12"}, {"năm", "2026"}}) {
            int at = indexOf(line, pair[0]);
            TextLayout.Word label = line.get(at);
            TextLayout.Word written = line.get(at + 1);
            assertTrue(written.text().startsWith(pair[1]), pair[0] + " → " + written);
            assertEquals(1.0, written.height() / label.height(), 0.10, "size of " + written + " vs " + label);
            assertEquals(label.baseline(), written.baseline(), 0.5, "baseline of " + written + " vs " + label);
        }
        for (int i = 0; i < visible.size(); i++) {
            for (int j = i + 1; j < visible.size(); j++) {
                assertFalse(visible.get(i).overlaps(visible.get(j), 0.5),
                        "glyph boxes overlap: " + visible.get(i) + " / " + visible.get(j));
            }
        }
        if (index % 2 != 0) {
            assertTrue(layout.words().stream().anyMatch(w -> w.text().equals("2026-12-02T08:15:00+07:00")),
                    "text approval stamp shows the signing time");
        }
    }

    private static PadesOptions options(SignatureAppearance appearance) {
        return PadesOptions.defaults().withLevel(PadesLevel.B_LT).withPolicy(LevelPolicy.STRICT)
                .withAppearance(appearance);
    }

    /** The FreeText companions' rectangles, turned to pdftotext's frame (points from the top-left corner). */
    static List<PDRectangle> companionBoxes(byte[] pdf) throws Exception {
        List<PDRectangle> boxes = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            float height = document.getPage(0).getCropBox().getHeight();
            for (PDAnnotation annotation : document.getPage(0).getAnnotations()) {
                if (annotation instanceof PDAnnotationFreeText) {
                    PDRectangle r = annotation.getRectangle();
                    boxes.add(new PDRectangle(r.getLowerLeftX(), height - r.getUpperRightY(), r.getWidth(),
                            r.getHeight()));
                }
            }
        }
        return boxes;
    }

    private static int indexOf(List<TextLayout.Word> line, String text) {
        for (int i = 0; i < line.size(); i++) {
            if (line.get(i).text().equals(text)) {
                return i;
            }
        }
        throw new AssertionError("no " + text + " in " + line);
    }

    /** pdftoppm's rendering of the issued page, kept under target/templates/ as the test's artifact. */
    static void keepRendering(byte[] pdf, String name) throws Exception {
        Path dir = Path.of("target", "templates");
        Files.createDirectories(dir);
        Path input = dir.resolve(name + ".pdf");
        Files.write(input, pdf);
        Process process = new ProcessBuilder("pdftoppm", "-r", "100", "-png", "-singlefile", input.toString(),
                dir.resolve(name).toString()).redirectErrorStream(true).start();
        String log = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), log);
    }
}
