package vn.kyso.pdf.appearance;

import org.apache.pdfbox.pdmodel.common.PDRectangle;

/** The personal signature the organisation's seal overlaps (Nghị định 30/2020, ô 8). */
public sealed interface SealTarget {

    /** The visible signature field of that name (the approve signature). */
    record Field(String fieldName) implements SealTarget {
    }

    /** The newest signed, visible signature in the document: the approval just before the clerk issues it. */
    record LatestSignature() implements SealTarget {
    }

    /** A signature image drawn at this rectangle in the page's user space (e.g. a scanned, hand-signed page). */
    record At(int pageIndex, PDRectangle rectangle) implements SealTarget {
    }
}
