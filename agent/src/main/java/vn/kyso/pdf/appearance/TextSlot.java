package vn.kyso.pdf.appearance;

import org.apache.pdfbox.pdmodel.common.PDRectangle;

/** Where the clerk's số/ký hiệu or ngày ban hành is written on the page. */
public sealed interface TextSlot {

    /** Text starts at the top-left corner (as the reader sees it) of a rectangle in the page's user space. */
    record At(int pageIndex, PDRectangle rectangle) implements TextSlot {
    }

    /**
     * Text continues the line of a printed label, e.g. after "Số:" or after "Hà Nội,", on the same baseline one
     * space to its right. The first occurrence in the document (from page 1) is used: that is where the header of
     * a văn bản carries its number and date.
     */
    record AfterText(String label) implements TextSlot {
    }
}
