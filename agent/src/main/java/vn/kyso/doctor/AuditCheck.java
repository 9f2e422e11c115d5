package vn.kyso.doctor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import vn.kyso.audit.AuditLog;
import vn.kyso.errors.ErrorText;

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
                return Check.ok("audit", DoctorText.AUDIT_INTACT.with(v.entries(), file));
            }
            return Check.fail("audit", DoctorText.AUDIT_BROKEN.with(file, v.brokenAtLine(),
                    new ErrorText(v.reasonVi(), v.reasonEn())));
        } catch (IOException | RuntimeException e) {
            return Check.fail("audit", DoctorText.AUDIT_UNREADABLE.with(e.getMessage()));
        }
    }
}
