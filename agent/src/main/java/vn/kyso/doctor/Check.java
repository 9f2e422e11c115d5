package vn.kyso.doctor;

/**
 * One line of {@code kyso doctor}: what was checked and how it went, in Vietnamese and English.
 *
 * @param id     stable name for scripts ({@code java}, {@code config.machine}, {@code tokens}, …)
 * @param status OK, WARN (works, but someone should look) or FAIL (the agent cannot do its job)
 */
public record Check(String id, Status status, String vi, String en) {

    public enum Status { OK, WARN, FAIL }

    static Check ok(String id, String vi, String en) {
        return new Check(id, Status.OK, vi, en);
    }

    static Check warn(String id, String vi, String en) {
        return new Check(id, Status.WARN, vi, en);
    }

    static Check fail(String id, String vi, String en) {
        return new Check(id, Status.FAIL, vi, en);
    }
}
