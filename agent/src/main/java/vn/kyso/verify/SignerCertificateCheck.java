package vn.kyso.verify;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

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

    private final VerifierSettings settings;

    public SignerCertificateCheck(TrustStore trust, HttpFetcher http, OcspClient ocsp, CrlClient crl, Clock clock) {
        this.settings = new VerifierSettings(trust, http, ocsp, crl, clock, true, Duration.ZERO);
    }

    public Outcome check(X509Certificate signer, List<X509Certificate> known) {
        var now = settings.clock().instant();
        KeyUsageCheck.requireSigningUsage(signer);
        List<X509Certificate> chain = new ChainBuilder(settings.trustStore(), settings.http(), true).build(signer, known);
        ChainValidation.validityAt(chain, now, false);
        ChainValidation.pkixAt(chain, now);
        RevocationInfo revocation = new RevocationCheck(settings).check(chain, EmbeddedEvidence.empty(), now, false, null);
        return new Outcome(chain, revocation);
    }
}
