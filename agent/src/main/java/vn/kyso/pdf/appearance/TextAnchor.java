package vn.kyso.pdf.appearance;

import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * Where a piece of text was found.
 *
 * @param pageIndex 0-based page
 * @param box       bounding box of its glyphs (baseline minus descent up to the ascent) in the page's user space
 */
public record TextAnchor(int pageIndex, PDRectangle box) {
}
