package vn.kyso.doctor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import vn.kyso.config.AgentConfig;
import vn.kyso.errors.KysoException;

/** IT's configuration file or the user's is readable and valid; IT's missing is a warning, the user's is optional. */
final class ConfigFileCheck implements DoctorCheck {

    private final boolean machine;

    private ConfigFileCheck(boolean machine) {
        this.machine = machine;
    }

    static ConfigFileCheck machine() {
        return new ConfigFileCheck(true);
    }

    static ConfigFileCheck user() {
        return new ConfigFileCheck(false);
    }

    @Override
    public List<Check> run(Install install) {
        Doctor.Inputs in = install.inputs();
        return List.of(check(machine ? in.machineConfig() : in.userConfig()));
    }

    Check check(Path file) {
        String id = machine ? "config.machine" : "config.user";
        if (file == null || !Files.exists(file)) {
            return machine ? Check.warn(id, DoctorText.CONFIG_MACHINE_MISSING.with(file))
                    : Check.ok(id, DoctorText.CONFIG_USER_MISSING.with(file));
        }
        if (!Files.isReadable(file)) {
            return Check.fail(id, DoctorText.FILE_UNREADABLE.with(file));
        }
        try {
            if (machine) {
                AgentConfig.load(file, null);
            } else {
                AgentConfig.load(null, file);
            }
            return Check.ok(id, DoctorText.CONFIG_VALID.with(file));
        } catch (KysoException e) {
            return Check.fail(id, e);
        }
    }
}
