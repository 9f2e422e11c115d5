package vn.kyso.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import vn.kyso.audit.AuditError;
import vn.kyso.audit.AuditLog;
import vn.kyso.errors.KysoException;

/** {@code kyso audit verify}: checks the hash chain of the signing audit log. Exit 0 only when intact. */
final class AuditCommand implements Command {

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public String summary() {
        return "Kiểm tra nhật ký ký số / check the signing audit log: audit verify [--file F]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Options options = Options.parse(args, Set.of(), Set.of("--file"));
        if (options.positional().size() != 1 || !options.positional().get(0).equals("verify")) {
            throw new Main.UsageException("Cách dùng / usage: kyso audit verify [--file F]");
        }
        String file = options.get("--file", null);
        AuditLog log = new AuditLog(file != null ? Path.of(file) : AuditLog.defaultFile());
        AuditLog.Verification result = log.verify();
        if (result.intact()) {
            out.println("Nhật ký nguyên vẹn / audit log intact: " + log.file() + " (" + result.entries()
                    + " mục / entries)" + (result.reasonEn().isEmpty() ? ""
                    : "; " + result.reasonVi() + " / " + result.reasonEn()));
            return 0;
        }
        KysoException corrupt = new KysoException(AuditError.AUDIT_CORRUPT, log.file(), result.brokenAtLine(),
                result.reasonVi(), result.reasonEn());
        err.println("[" + corrupt.code() + "] " + corrupt.messageVi());
        err.println("[" + corrupt.code() + "] " + corrupt.messageEn());
        return 1;
    }
}
