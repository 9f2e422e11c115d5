package vn.kyso.pdf.appearance;

import java.util.List;

import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * One piece of text the clerk adds to a template, in the page's visual frame: where its baseline starts, its size,
 * the style of the printed text it continues, and the drawn blank (dots, underscores) it writes over, which its
 * appearance covers in white.
 */
record Insertion(int pageIndex, String text, float x, float baseline, float size, FontStyle style,
                 List<PDRectangle> masks) {

    Insertion {
        masks = List.copyOf(masks);
    }
}
