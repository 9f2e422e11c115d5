package vn.kyso.pdf;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;

/**
 * Where and how a signature shows on the page — the seam between the PAdES engine (which adds the signature field,
 * its widget and the byte ranges) and the workflow presets (which decide the stamp). Everything it adds goes into
 * the same incremental update as the signature; it never edits page content, so earlier signatures stay valid.
 */
public interface SignatureAppearance {

    /** An invisible signature (no widget rectangle, nothing drawn). */
    SignatureAppearance INVISIBLE = document -> Optional.empty();

    /**
     * Where the widget goes.
     *
     * @param pageIndex          0-based page
     * @param rectangle          in the page's default user space (points)
     * @param existingFieldName  name of an empty signature field to sign into, or null for a new field
     */
    record Placement(int pageIndex, PDRectangle rectangle, String existingFieldName) {
    }

    /** Empty for an invisible signature. Called once, on the document being signed. */
    Optional<Placement> place(PDDocument document) throws IOException;

    /** Draws the widget's normal appearance; {@code stream} already has its BBox set to the rectangle's size. */
    default void draw(PDDocument document, PDAppearanceStream stream) throws IOException {
        // invisible signatures draw nothing
    }

    /** Other annotations of this signing act (e.g. số/ký hiệu and ngày ban hành for "issue"), same revision. */
    default List<PDAnnotation> companions(PDDocument document) throws IOException {
        return List.of();
    }
}
