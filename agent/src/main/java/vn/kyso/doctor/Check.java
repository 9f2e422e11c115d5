package vn.kyso.doctor;

import vn.kyso.errors.ErrorText;
import vn.kyso.errors.KysoException;

/**
 * One line of {@code kyso doctor}: what was checked and how it went, in Vietnamese and English.
 *
 * @param id     stable name for scripts ({@code java}, {@code config.machine}, {@code tokens}, …)
 * @param status OK, WARN (works, but someone should look) or FAIL (the agent cannot do its job)
 * @param text   what was found, in both languages
 */
public record Check(String id, Status status, ErrorText text) {

    public enum Status { OK, WARN, FAIL }

    public String vi() {
        return text.vi();
    }

    public String en() {
        return text.en();
    }

    static Check ok(String id, ErrorText text) {
        return new Check(id, Status.OK, text);
    }

    static Check warn(String id, ErrorText text) {
        return new Check(id, Status.WARN, text);
    }

    static Check fail(String id, ErrorText text) {
        return new Check(id, Status.FAIL, text);
    }

    /** A failure that is an error of the agent's own, told in its own words. */
    static Check fail(String id, KysoException problem) {
        return new Check(id, Status.FAIL, new ErrorText(problem.messageVi(), problem.messageEn()));
    }
}
