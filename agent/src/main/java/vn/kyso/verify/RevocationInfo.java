package vn.kyso.verify;

import java.time.Instant;

/** The signer certificate's revocation status at the signing time and the evidence it rests on. */
public record RevocationInfo(RevocationStatus status, RevocationSource source, Instant revocationTime,
                             Instant evidenceTime, String detail) {

    public static RevocationInfo notChecked() {
        return new RevocationInfo(RevocationStatus.NOT_CHECKED, RevocationSource.NONE, null, null, null);
    }
}
