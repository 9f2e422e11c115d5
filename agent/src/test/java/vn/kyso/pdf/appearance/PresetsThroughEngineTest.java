package vn.kyso.pdf.appearance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.Stream;

import eu.europa.esig.dss.enumerations.SignatureLevel;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import vn.kyso.pdf.LevelPolicy;
import vn.kyso.pdf.PadesLevel;
import vn.kyso.pdf.PadesOptions;
import vn.kyso.pdf.PadesSigner;
import vn.kyso.pdf.PadesTestSupport;
import vn.kyso.pdf.SignatureAppearance;
import vn.kyso.testpki.TestPki;

/**
 * Every preset signed for real (SoftHSM2 keys, B-T, strict) on the Quyết định page and judged by the independent
 * validators: EU DSS TOTAL_PASSED and pdfsig valid for every signature of the resulting document, and, rendered by
 * poppler, the visible ones show their colours inside the new signature's widget.
 */
class PresetsThroughEngineTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final String ORGANISATION = "Văn phòng Ủy ban nhân dân tỉnh Bắc Ninh";
    private static final StampImage SIGNATURE = StampImage.png(TestImages.signaturePng());
    private static final StampImage SEAL = StampImage.png(TestImages.sealPng());
    private static final PadesSigner ENGINE = new PadesSigner(PadesTestSupport.services());

    @TempDir
    Path work;

    /**
     * One preset: who signs with it, on top of which earlier preset (or the bare page), and the colours that must
     * show inside its widget — none for the invisible one, which must add no colour anywhere.
     */
    private record Case(String name, Case after, String alias, SignatureAppearance appearance,
                        List<IntPredicate> colours) {

        @Override
        public String toString() {
            return name;
        }

        int signatures() {
            return after == null ? 1 : after.signatures() + 1;
        }

        byte[] sign() throws Exception {
            byte[] input = after == null ? QuyetDinh.pdf(0) : after.sign();
            return ENGINE.sign(input, PadesTestSupport.signer(alias), PadesOptions.defaults()
                    .withLevel(PadesLevel.B_T).withPolicy(LevelPolicy.STRICT).withSigningTime(NOW)
                    .withAppearance(appearance)).document();
        }
    }

    static Stream<Case> presets() {
        IntPredicate blue = Rendering::isBlue;
        IntPredicate red = Rendering::isRed;
        IntPredicate dark = Rendering::isDark;
        Case approve = new Case("approve", null, TestPki.PERSONAL_AN,
                Presets.approve(SIGNATURE, "PHÓ CHỦ TỊCH", "Nguyễn Văn An"), List.of(blue));
        return Stream.of(
                new Case("invisible", null, TestPki.PERSONAL_AN, Presets.invisible(), List.of()),
                approve,
                new Case("initial", null, TestPki.PERSONAL_AN,
                        Presets.initial(SIGNATURE, new SignaturePosition.AfterText("./.", 15)), List.of(blue)),
                new Case("issue", approve, TestPki.ORGANISATION, Presets.issue(SEAL, 36,
                        new SealTarget.LatestSignature(), List.of(
                                new CompanionText(new TextSlot.AfterText("Số:"), "125/QĐ-UBND"),
                                new CompanionText(new TextSlot.AfterText("Bắc Ninh,"), "ngày 27 tháng 11 năm 2025"))),
                        List.of(red, blue)),
                new Case("copy", null, TestPki.ORGANISATION, Presets.copy(CopyForm.SAO_Y, ORGANISATION, NOW),
                        List.of(dark)),
                new Case("attachment", null, TestPki.ORGANISATION, Presets.attachment("125/QĐ-UBND", NOW),
                        List.of(dark)),
                new Case("digitised", null, TestPki.ORGANISATION, Presets.digitised(SEAL, 20, ORGANISATION, NOW),
                        List.of(red, dark)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void validatorsAcceptItAndItShowsItsColours(Case preset) throws Exception {
        byte[] signed = preset.sign();
        SignatureLevel[] levels = new SignatureLevel[preset.signatures()];
        Arrays.fill(levels, SignatureLevel.PAdES_BASELINE_T);
        PadesTestSupport.assertDss(signed, levels);
        PadesTestSupport.assertPdfsigValid(signed, preset.signatures());

        Rendering page = Rendering.page(signed, 0, Files.createDirectories(work.resolve(preset.name())));
        PDRectangle widget = newestWidget(signed);
        if (preset.colours().isEmpty()) {
            assertEquals(0, widget.getWidth() * widget.getHeight(), "an invisible signature has a rectangle");
            PDRectangle everywhere = new PDRectangle(-2000, -2000, 4000, 4000);
            assertEquals(0, page.countInside(everywhere, Rendering::isBlue) + page.countInside(everywhere,
                    Rendering::isRed), "an invisible signature left colour on the page");
        }
        for (IntPredicate colour : preset.colours()) {
            assertTrue(page.countInside(widget, colour) > 50, preset + ": colour missing in " + widget);
        }
    }

    /** The widget of the signature added last, in visual coordinates of page 1. */
    private static PDRectangle newestWidget(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDSignatureField newest = null;
            long end = -1;
            for (PDSignatureField field : document.getSignatureFields()) {
                int[] range = field.getSignature() == null ? new int[0] : field.getSignature().getByteRange();
                if (range.length == 4 && (long) range[2] + range[3] > end) {
                    end = (long) range[2] + range[3];
                    newest = field;
                }
            }
            PDAnnotationWidget widget = newest.getWidgets().get(0);
            return PageFrame.of(document.getPage(0)).toVisual(widget.getRectangle());
        }
    }
}
