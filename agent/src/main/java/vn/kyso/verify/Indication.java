package vn.kyso.verify;

import vn.kyso.errors.Language;

/** ETSI EN 319 102-1 §5.1.3 main status indication of a signature (and, by extension, of a document). */
public enum Indication {
    TOTAL_PASSED("Hợp lệ", "Valid"),
    INDETERMINATE("Chưa xác định được", "Indeterminate"),
    TOTAL_FAILED("Không hợp lệ", "Invalid");

    private final String textVi;
    private final String textEn;

    Indication(String textVi, String textEn) {
        this.textVi = textVi;
        this.textEn = textEn;
    }

    public String text(Language language) {
        return language.pick(textVi, textEn);
    }

    /** The worse of two indications: TOTAL_FAILED beats INDETERMINATE beats TOTAL_PASSED. */
    public Indication worst(Indication other) {
        return ordinal() >= other.ordinal() ? this : other;
    }
}
