package vn.kyso.doctor;

import java.util.List;

import vn.kyso.config.AgentConfig;
import vn.kyso.errors.KysoException;
import vn.kyso.pki.TrustStore;
import vn.kyso.token.CertificateEntry;

/**
 * What the checks look at: where the files are, the configuration in effect (defaults when the files are broken —
 * the file checks report that), and what earlier checks found for later ones (the tokens' certificates, the trusted
 * roots).
 */
final class Install {

    private final Doctor.Inputs inputs;
    private final AgentConfig config;
    private List<CertificateEntry> certificates = List.of();
    private TrustStore trust = TrustStore.empty();

    Install(Doctor.Inputs inputs, AgentConfig config) {
        this.inputs = inputs;
        this.config = config;
    }

    /** The install as the agent would start on it; the configuration's defaults when its files cannot be read. */
    static Install of(Doctor.Inputs inputs) {
        AgentConfig config;
        try {
            config = AgentConfig.load(inputs.machineConfig(), inputs.userConfig());
        } catch (KysoException e) {
            config = AgentConfig.load(null, null); // already reported by the file checks; the rest runs on defaults
        }
        return new Install(inputs, config);
    }

    Doctor.Inputs inputs() {
        return inputs;
    }

    AgentConfig config() {
        return config;
    }

    /** The certificates on the tokens, once {@link TokenCheck} has looked. */
    List<CertificateEntry> certificates() {
        return certificates;
    }

    void certificates(List<CertificateEntry> found) {
        this.certificates = List.copyOf(found);
    }

    /** The trusted roots as the agent would load them, once {@link TrustCheck} has loaded them. */
    TrustStore trust() {
        return trust;
    }

    void trust(TrustStore loaded) {
        this.trust = loaded;
    }
}
