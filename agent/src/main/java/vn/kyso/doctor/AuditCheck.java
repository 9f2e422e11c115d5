package vn.kyso.doctor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import vn.kyso.audit.AuditLog;

/** The signing log's hash chain is intact; an edited or cut log is a failure. */
final class AuditCheck implements DoctorCheck {

    @Override
    public List<Check> run(Install install) {
        return List.of(check(install.inputs().auditFile()));
    }

    static Check check(Path file) {
        try {
            AuditLog.Verification v = new AuditLog(file).verify();
            if (v.intact()) {
                return Check.ok("audit", DoctorText.AUDIT_INTACT.with(v.lines(), file));
            }
            return Check.fail("audit", DoctorText.AUDIT_BROKEN.with(file, v.brokenAtLine(), v.reason()));
        } catch (IOException | RuntimeException e) {
            return Check.fail("audit", DoctorText.AUDIT_UNREADABLE.with(e.getMessage()));
        }
    }
}
