package vn.kyso.doctor;

import java.util.List;

/** The Java runtime is 17 or newer. */
final class JavaCheck implements DoctorCheck {

    @Override
    public List<Check> run(Install install) {
        return List.of(check(Runtime.version()));
    }

    static Check check(Runtime.Version version) {
        String text = version + " (" + System.getProperty("java.vendor") + ", " + System.getProperty("java.home") + ")";
        return version.feature() >= 17 ? Check.ok("java", DoctorText.JAVA_OK.with(text))
                : Check.fail("java", DoctorText.JAVA_TOO_OLD.with(text));
    }
}
