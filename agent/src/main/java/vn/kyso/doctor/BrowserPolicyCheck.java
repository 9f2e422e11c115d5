package vn.kyso.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.kyso.request.WebOrigin;

/**
 * The browsers' Local Network Access policy: without it Chrome (142+) and Edge ask every user before an allowed
 * page may reach the agent, and list exactly IT's origins.
 */
final class BrowserPolicyCheck implements DoctorCheck {

    @Override
    public List<Check> run(Install install) {
        List<Path> policies = install.inputs().browserPolicies();
        if (policies.isEmpty()) {
            return List.of(Check.ok("browser", DoctorText.BROWSER_BY_GPO.with()));
        }
        Set<String> expected = new TreeSet<>();
        install.config().allowedOrigins().forEach(o -> expected.add(WebOrigin.normalise(o).orElse(o)));
        List<String> found = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Path file : policies) {
            if (!Files.exists(file)) {
                continue;
            }
            try {
                JsonNode list = new ObjectMapper().readTree(file.toFile()).path("LocalNetworkAccessAllowedForUrls");
                Set<String> listed = new TreeSet<>();
                list.forEach(n -> listed.add(WebOrigin.normalise(n.asText()).orElse(n.asText())));
                (listed.equals(expected) ? found : wrong).add(file + " " + listed);
            } catch (IOException e) {
                wrong.add(file + " (" + e.getMessage() + ")");
            }
        }
        if (!wrong.isEmpty()) {
            return List.of(Check.warn("browser", DoctorText.BROWSER_DIFFERS.with(expected, String.join("; ", wrong))));
        }
        if (found.isEmpty()) {
            return List.of(expected.isEmpty() ? Check.ok("browser", DoctorText.BROWSER_NOT_NEEDED.with())
                    : Check.warn("browser", DoctorText.BROWSER_MISSING.with()));
        }
        return List.of(Check.ok("browser", DoctorText.BROWSER_OK.with(expected, found.size())));
    }
}
