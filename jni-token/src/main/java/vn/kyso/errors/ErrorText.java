package vn.kyso.errors;

/** The Vietnamese and English text of one error; {@code {0}}-style placeholders are filled by KysoException. */
public record ErrorText(String vi, String en) {
}
