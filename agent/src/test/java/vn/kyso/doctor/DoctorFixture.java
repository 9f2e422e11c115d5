package vn.kyso.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** An install in a temporary directory for one doctor check: IT's file with the given lines, nothing else yet. */
final class DoctorFixture {

    private DoctorFixture() {
    }

    static Doctor.Inputs inputs(Path dir, List<Path> browserPolicies) {
        return new Doctor.Inputs(dir.resolve("etc/agent.properties"), dir.resolve("home/agent.properties"),
                dir.resolve("home/audit.jsonl"), Duration.ofSeconds(2), browserPolicies);
    }

    /** The install with IT's configuration file holding {@code lines}. */
    static Install install(Path dir, List<Path> browserPolicies, String... lines) throws IOException {
        Doctor.Inputs in = inputs(dir, browserPolicies);
        Files.createDirectories(in.machineConfig().getParent());
        Files.createDirectories(in.userConfig().getParent());
        Files.writeString(in.machineConfig(), String.join("\n", lines), StandardCharsets.UTF_8);
        return Install.of(in);
    }
}
