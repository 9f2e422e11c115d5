package vn.kyso.pdf;

import java.util.List;

/**
 * A signed document.
 *
 * @param document the whole signed PDF: the input bytes unchanged, followed by the incremental updates; null when
 *                 the signed PDF was written to a file
 * @param level    the PAdES level actually reached (may be lower than asked in best-effort mode)
 * @param warnings why the level is lower than asked, if it is
 */
public record SignResult(byte[] document, PadesLevel level, List<SignWarning> warnings) {

    public SignResult {
        warnings = List.copyOf(warnings);
    }

    @Override
    public byte[] document() {
        return document == null ? null : document.clone();
    }
}
