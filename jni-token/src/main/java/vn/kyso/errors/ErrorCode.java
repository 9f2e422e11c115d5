package vn.kyso.errors;

/**
 * A stable error code with its Vietnamese and English text. Codes never change once released: web apps and the
 * js-client branch on them. Messages may carry {@code {0}}-style placeholders filled from the exception's details.
 */
public interface ErrorCode {

    /** The stable, upper-snake-case code, e.g. {@code PIN_INCORRECT}. */
    String code();

    String messageVi();

    String messageEn();
}
