package vn.kyso.pdf;

import vn.kyso.errors.KysoException;

/** Something that did not stop signing but the user should know (e.g. a lower level than asked), in both languages. */
public record SignWarning(String code, String messageVi, String messageEn) {

    public static SignWarning of(KysoException problem) {
        return new SignWarning(problem.code(), problem.messageVi(), problem.messageEn());
    }
}
