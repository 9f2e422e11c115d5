package vn.kyso.doctor;

import java.util.List;

/** One check of {@code kyso doctor}: the lines it adds, each OK, WARN or FAIL with why. */
interface DoctorCheck {

    List<Check> run(Install install);
}
