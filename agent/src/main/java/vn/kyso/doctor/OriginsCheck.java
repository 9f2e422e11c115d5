package vn.kyso.doctor;

import java.util.List;

import vn.kyso.config.AgentConfig;
import vn.kyso.errors.ErrorText;
import vn.kyso.errors.KysoException;
import vn.kyso.pairing.PairedOrigins;

/** Which web pages may use the agent: IT's list, and the pages the user approved when pairing is on. */
final class OriginsCheck implements DoctorCheck {

    @Override
    public List<Check> run(Install install) {
        AgentConfig config = install.config();
        List<PairedOrigins.Entry> paired;
        try {
            paired = new PairedOrigins(install.inputs().pairedOrigins()).list();
        } catch (KysoException e) {
            return List.of(Check.fail("origins", e));
        }
        List<String> it = config.allowedOrigins();
        ErrorText pairing = config.pairingAllowed() ? DoctorText.PAIRING_COUNT.with(paired.size())
                : DoctorText.PAIRING_OFF.with();
        if (it.isEmpty() && (paired.isEmpty() || !config.pairingAllowed())) {
            return List.of(Check.warn("origins", DoctorText.ORIGINS_NONE.with(pairing)));
        }
        return List.of(Check.ok("origins", DoctorText.ORIGINS_OK.with(it.size(), String.join(", ", it), pairing)));
    }
}
