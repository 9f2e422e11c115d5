package vn.kyso.pdf.appearance;

/**
 * Số văn bản into the template's blank after {@code label} (usually "Số:"). When the template prints the ký hiệu
 * ("Số:      /QĐ-UBND") the number goes into the blank before it, and a number given with that ký hiệu
 * ("123/QĐ-UBND") is written without it, so the suffix is never doubled; a number with another ký hiệu is refused.
 */
public record DocumentNumber(String number, String label) implements Companion {

    public static final String DEFAULT_LABEL = "Số:";

    public DocumentNumber {
        if (number == null || number.isBlank()) {
            throw new IllegalArgumentException("document number is blank");
        }
        label = label == null || label.isBlank() ? DEFAULT_LABEL : label;
    }

    public DocumentNumber(String number) {
        this(number, DEFAULT_LABEL);
    }
}
