package vn.kyso.verify;

import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import vn.kyso.pki.BoundedMemo;

/**
 * The rules on a built chain at a given time, shared by the signer's chain and a TSA's chain: each certificate in
 * its validity period, then RFC 5280 path validation (signatures, basic constraints, key usage of CAs, critical
 * extensions). Revocation is {@link RevocationCheck}'s.
 */
final class ChainValidation {

    private ChainValidation() {
    }

    /**
     * @param proofOfTime true when {@code time} is proven by a timestamp (a later expiry then means the certificate
     *                    was used after it expired: TOTAL_FAILED), false when it is only the verification time
     */
    static void validityAt(List<X509Certificate> chain, Instant time, boolean proofOfTime) {
        for (X509Certificate certificate : chain) {
            if (time.isBefore(certificate.getNotBefore().toInstant())) {
                throw new VerificationFailure(SubIndication.NOT_YET_VALID, who(certificate) + " is valid only from "
                        + certificate.getNotBefore().toInstant() + ", signing time " + time);
            }
            if (time.isAfter(certificate.getNotAfter().toInstant())) {
                if (proofOfTime) {
                    throw new VerificationFailure(SubIndication.EXPIRED, who(certificate) + " expired at "
                            + certificate.getNotAfter().toInstant() + ", the timestamp proves signing at " + time);
                }
                throw new VerificationFailure(SubIndication.OUT_OF_BOUNDS_NO_POE, who(certificate) + " expired at "
                        + certificate.getNotAfter().toInstant() + " and no timestamp proves an earlier signing time");
            }
        }
    }

    /** The certificate as a message names it; read from its subject only when a message is written. */
    static String who(X509Certificate certificate) {
        return "\"" + Certificates.name(certificate) + "\"";
    }

    /**
     * Path validation results by the chain's certificates, the anchor and the time: the same function of the same
     * bytes, so remembered across verifications (a document verified again, the same TSA chain at the same
     * time-stamp). Bounded; a failure is remembered with its message and reported again as it was.
     */
    private static final BoundedMemo<PathKey, Optional<String>> PATHS = new BoundedMemo<>(256);

    /** @param certificates the chain's DER, leaf first, the anchor last */
    private record PathKey(List<BoundedMemo.Bytes> certificates, Instant time) {
    }

    static void pkixAt(List<X509Certificate> chain, Instant time) {
        if (chain.size() < 2) {
            return; // a trusted root signing by itself: nothing to validate beyond being trusted
        }
        List<BoundedMemo.Bytes> certificates = new ArrayList<>();
        try {
            for (X509Certificate certificate : chain) {
                certificates.add(new BoundedMemo.Bytes(certificate.getEncoded()));
            }
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new VerificationFailure(SubIndication.CERTIFICATE_CHAIN_GENERAL_FAILURE, e.getMessage(), e);
        }
        Optional<String> problem = PATHS.get(new PathKey(List.copyOf(certificates), time), key -> validate(chain, time));
        if (problem.isPresent()) {
            throw new VerificationFailure(SubIndication.CERTIFICATE_CHAIN_GENERAL_FAILURE, problem.get());
        }
    }

    /** What is wrong with the path at {@code time}, empty when it validates. */
    private static Optional<String> validate(List<X509Certificate> chain, Instant time) {
        try {
            X509Certificate anchor = chain.get(chain.size() - 1);
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(time));
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(chain.subList(0, chain.size() - 1)),
                    parameters);
            return Optional.empty();
        } catch (java.security.cert.CertPathValidatorException e) {
            return Optional.of("path validation: " + e.getMessage());
        } catch (java.security.GeneralSecurityException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }
}
