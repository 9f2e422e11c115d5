package vn.kyso.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import vn.kyso.audit.AuditLog;
import vn.kyso.config.ConfigLocations;
import vn.kyso.doctor.Check;
import vn.kyso.doctor.Doctor;
import vn.kyso.errors.Language;

/** {@code kyso doctor}: checks an install line by line (OK / WARN / FAIL); exit 0 only when nothing failed. */
final class DoctorCommand implements Command {

    @Override
    public String name() {
        return "doctor";
    }

    @Override
    public String summary() {
        return "Kiểm tra cài đặt / check the install [--json] [--lang en] [--config FILE] [--user-config FILE] [--audit-file F]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Options options = Options.parse(args, Set.of("--json"),
                Set.of("--lang", "--config", "--user-config", "--audit-file", "--timeout", "--browser-policy"));
        ConfigLocations locations = ConfigLocations.forCurrentSystem();
        Doctor.Inputs inputs = new Doctor.Inputs(
                Path.of(options.get("--config", locations.machine().toString())),
                Path.of(options.get("--user-config", locations.user().toString())),
                Path.of(options.get("--audit-file", AuditLog.defaultFile().toString())),
                Duration.ofSeconds(Long.parseLong(options.get("--timeout", "3"))),
                options.all("--browser-policy").isEmpty() ? Doctor.Inputs.defaultBrowserPolicies()
                        : options.all("--browser-policy").stream().map(Path::of).toList());
        List<Check> checks = new Doctor(inputs).run();
        int[] n = Doctor.counts(checks);
        if (options.has("--json")) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("checks", checks.stream().map(c -> Map.of("id", c.id(), "status", c.status().name(),
                    "message_vi", c.vi(), "message_en", c.en())).toList());
            view.put("summary", Map.of("ok", n[0], "warn", n[1], "fail", n[2]));
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(view));
        } else {
            Language lang = "en".equals(options.get("--lang", "vi")) ? Language.EN : Language.VI;
            out.println("Kyso Agent " + VersionCommand.version()
                    + lang.pick(" — kiểm tra cài đặt", " — install check"));
            for (Check c : checks) {
                out.printf("[%-4s] %s%n", c.status(), c.text().in(lang));
            }
            out.println(lang.pick("Kết quả: ", "Result: ") + n[0] + " OK, " + n[1] + " WARN, " + n[2] + " FAIL");
        }
        return n[2] == 0 ? 0 : 1;
    }
}
