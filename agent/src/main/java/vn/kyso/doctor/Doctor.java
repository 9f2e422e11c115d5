package vn.kyso.doctor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import vn.kyso.pairing.PairedOrigins;

/**
 * {@code kyso doctor}: what IT runs to verify an install. Each check says OK, WARN or FAIL and why; being offline is
 * a warning (the agent signs offline only if policy allows), a broken configuration, a wrong secret-file mode, a
 * damaged audit log or a port taken by another program is a failure. Each check is a {@link DoctorCheck} of its own.
 */
public final class Doctor {

    /**
     * Where to look.
     *
     * @param machineConfig  IT's file ({@code /etc/kyso/agent.properties})
     * @param userConfig     the user's file; the local secret and paired-origins file live beside it
     * @param auditFile      the signing log
     * @param networkTimeout for the TSA and OCSP reachability probes
     * @param browserPolicies the managed-policy files the installer writes for Chrome, Chromium and Edge (Linux)
     */
    public record Inputs(Path machineConfig, Path userConfig, Path auditFile, Duration networkTimeout,
                         List<Path> browserPolicies) {

        /** Where kyso-provision writes the Local Network Access policy on Linux; none elsewhere (GPO on Windows). */
        public static List<Path> defaultBrowserPolicies() {
            if (!System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")) {
                return List.of();
            }
            return Stream.of("/etc/opt/chrome/policies/managed", "/etc/chromium/policies/managed",
                    "/etc/opt/edge/policies/managed").map(d -> Path.of(d, "kyso-agent.json")).toList();
        }

        Path secretFile() {
            return userConfig.resolveSibling("local-secret");
        }

        Path pairedOrigins() {
            return userConfig.resolveSibling(PairedOrigins.FILE_NAME);
        }
    }

    /** The checks, in the order their lines are printed; later ones use what earlier ones found. */
    private static final List<DoctorCheck> CHECKS = List.of(new JavaCheck(), new DesktopCheck(),
            ConfigFileCheck.machine(), ConfigFileCheck.user(), new OriginsCheck(), new BrowserPolicyCheck(),
            new TokenCheck(), new TrustCheck(), new TsaCheck(), new CertificatesCheck(), new SecretCheck(),
            new AuditCheck(), new AgentCheck());

    private final Inputs in;

    public Doctor(Inputs inputs) {
        this.in = inputs;
    }

    public List<Check> run() {
        Install install = Install.of(in);
        List<Check> checks = new ArrayList<>();
        for (DoctorCheck check : CHECKS) {
            checks.addAll(check.run(install));
        }
        return checks;
    }

    /** OK, WARN and FAIL counts. */
    public static int[] counts(List<Check> checks) {
        int[] n = new int[3];
        checks.forEach(c -> n[c.status().ordinal()]++);
        return n;
    }
}
