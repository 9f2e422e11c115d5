package vn.kyso.verify;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import vn.kyso.pki.CrlClient;
import vn.kyso.pki.HttpFetcher;
import vn.kyso.pki.OcspClient;
import vn.kyso.pki.TrustStore;

/**
 * The check before signing (NĐ 68 Đ29/31/32, TT 15 Đ5): the signer's certificate is valid now, allows signing, chains
 * to a trusted root, and is not revoked by OCSP or CRL — the same rules the verifier applies, at the present time and
 * with no document evidence. Failures are {@link VerificationFailure}s with the verifier's sub-indications
 * (OUT_OF_BOUNDS_NO_POE, NOT_YET_VALID, NO_CERTIFICATE_CHAIN_FOUND, REVOKED_NO_POE, TRY_LATER when offline, …).
 */
public final class SignerCertificateCheck {

    /** What was established about the certificate, for the report shown after signing. */
    public record Outcome(List<X509Certificate> chain, RevocationInfo revocation) {
    }

    /** Certificates remembered as revoked; only token certificates are checked here, so this stays small. */
    private static final int MAX_REMEMBERED = 1024;

    private final VerifierSettings settings;
    private final Map<String, String> revoked = new ConcurrentHashMap<>();

    public SignerCertificateCheck(TrustStore trust, HttpFetcher http, OcspClient ocsp, CrlClient crl, Clock clock) {
        this.settings = new VerifierSettings(trust, http, ocsp, crl, clock, true, Duration.ZERO);
    }

    /**
     * A certificate once found revoked stays refused when OCSP and CRL cannot be reached later: "offline" must not
     * turn a known revocation into "status unknown", which the offline policy may let sign.
     */
    public Outcome check(X509Certificate signer, List<X509Certificate> known) {
        String key = signer.getIssuerX500Principal().getName() + "#" + signer.getSerialNumber().toString(16);
        try {
            Outcome outcome = checkNow(signer, known);
            revoked.remove(key); // a hold that was lifted
            return outcome;
        } catch (VerificationFailure failure) {
            SubIndication sub = failure.subIndication();
            if ((sub == SubIndication.REVOKED || sub == SubIndication.REVOKED_NO_POE)
                    && (revoked.size() < MAX_REMEMBERED || revoked.containsKey(key))) {
                revoked.put(key, failure.reason());
            } else if (sub == SubIndication.TRY_LATER && revoked.containsKey(key)) {
                throw new VerificationFailure(SubIndication.REVOKED_NO_POE, revoked.get(key)
                        + " (found earlier; OCSP/CRL unreachable now: " + failure.reason() + ")", failure);
            }
            throw failure;
        }
    }

    private Outcome checkNow(X509Certificate signer, List<X509Certificate> known) {
        var now = settings.clock().instant();
        KeyUsageCheck.requireSigningUsage(signer);
        List<X509Certificate> chain = new ChainBuilder(settings.trustStore(), settings.http(), true).build(signer, known);
        ChainValidation.validityAt(chain, now, false);
        ChainValidation.pkixAt(chain, now);
        RevocationInfo revocation = new RevocationCheck(settings).check(chain, EmbeddedEvidence.empty(), now, false, null);
        return new Outcome(chain, revocation);
    }
}
