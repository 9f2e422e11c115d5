package vn.kyso.pdf;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The embedded (subset) fonts each document shares (one per face: the stamp font and its bold/italic styles) while it
 * is being prepared. It lives in the engine, not in the stamps, because the engine's own writer must cut the subset
 * before writing an update and must not need to know which stamp loaded the font.
 */
public final class DocumentFonts {

    /** How a font is loaded into a document the first time it is asked for. */
    @FunctionalInterface
    public interface Loader {
        PDType0Font load(PDDocument document) throws IOException;
    }

    private static final Map<PDDocument, Map<String, PDType0Font>> LOADED = new WeakHashMap<>();

    private DocumentFonts() {
    }

    /** The document's shared font, loaded by {@code loader} on first use. */
    public static PDType0Font shared(PDDocument document, Loader loader) throws IOException {
        return shared(document, "", loader);
    }

    /** The document's shared font called {@code face} (a style of the stamp font), loaded on first use. */
    public static synchronized PDType0Font shared(PDDocument document, String face, Loader loader)
            throws IOException {
        Map<String, PDType0Font> faces = LOADED.computeIfAbsent(document, d -> new LinkedHashMap<>());
        PDType0Font font = faces.get(face);
        if (font == null) {
            font = loader.load(document);
            faces.put(face, font);
        }
        return font;
    }

    /**
     * Cuts the document's shared font down to the glyphs drawn so far. PDFBox does this inside its own save; a writer
     * that writes the update itself calls this first. The font is then final for this document.
     */
    public static synchronized void subsetBeforeWriting(PDDocument document) throws IOException {
        Map<String, PDType0Font> faces = LOADED.remove(document);
        for (PDType0Font font : faces == null ? List.<PDType0Font>of() : faces.values()) {
            if (font.willBeSubset()) {
                font.subset();
            }
        }
    }
}
