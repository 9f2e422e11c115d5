package vn.kyso.pdf.appearance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The "Ký bởi / Email / Cơ quan / Thời gian ký" block that stamps in practice show (not required by Nghị định 30).
 * Email and organisation may be null; absent items are left out rather than printed empty.
 */
public record SignerBlock(String signerName, String email, String organisation, Instant signingTime) {

    public SignerBlock {
        if (signerName == null || signerName.isBlank()) {
            throw new IllegalArgumentException("signer name is required");
        }
        if (signingTime == null) {
            throw new IllegalArgumentException("signing time is required");
        }
    }

    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("Ký bởi: " + signerName.strip());
        if (email != null && !email.isBlank()) {
            lines.add("Email: " + email.strip());
        }
        if (organisation != null && !organisation.isBlank()) {
            lines.add("Cơ quan: " + organisation.strip());
        }
        lines.add("Thời gian ký: " + StampTime.iso(signingTime));
        return lines;
    }
}
