package vn.kyso.verify;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampToken;

import vn.kyso.pki.BouncyCastle;
import vn.kyso.pki.BoundedMemo;
import vn.kyso.pki.CertificateHolders;

/**
 * Checks one RFC 3161 token, for a signature timestamp and a document timestamp alike: the imprint over the data it
 * claims to time-stamp, the TSA's signature and ESSCertID, and the TSA certificate's chain to a trusted root —
 * valid and not revoked at the token's own time. Revocation data is required for the TSA's own certificate and
 * only used, when present, for the CAs above it — as EU DSS's default validation policy judges time-stamps.
 */
final class TimestampVerifier {

    /** Read-only tables once built; building them for every token was a sixth of checking one. */
    private static final DefaultCMSSignatureAlgorithmNameGenerator NAMES = new DefaultCMSSignatureAlgorithmNameGenerator();
    private static final DefaultSignatureAlgorithmIdentifierFinder ALGORITHMS =
            new DefaultSignatureAlgorithmIdentifierFinder();

    /**
     * The verifier of a TSA certificate's key, by the certificate's ASN.1 value (equal values, equal DER): building
     * it parsed the certificate's encoding again for every token, and a country's documents are time-stamped by a
     * handful of TSAs. What the verifier checks — each token's signature, its ESSCertID against this very
     * certificate, the certificate's time-stamping purpose and validity at the token's time — is still checked for
     * every token.
     */
    private static final BoundedMemo<X509CertificateHolder, SignerInformationVerifier> VERIFIERS =
            new BoundedMemo<>(16);

    private final VerifierSettings settings;
    private final ChainBuilder chains;

    TimestampVerifier(VerifierSettings settings, ChainBuilder chains) {
        this.settings = settings;
        this.chains = chains;
    }

    /** The checked token's time and TSA; TIMESTAMP_INVALID (or the chain's own sub-indication) when it fails. */
    Verified verify(TimeStampToken token, byte[] timestampedData, Collection<X509Certificate> extraPool,
                    EmbeddedEvidence evidence) {
        var info = token.getTimeStampInfo();
        String algorithm = new DefaultAlgorithmNameFinder().getAlgorithmName(info.getHashAlgorithm());
        byte[] expected = Digests.digest(info.getHashAlgorithm(), timestampedData);
        if (!Digests.equal(expected, info.getMessageImprintDigest())) {
            throw new VerificationFailure(SubIndication.TIMESTAMP_INVALID,
                    "the timestamp's message imprint does not match what it claims to time-stamp");
        }
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = token.getCertificates().getMatches(token.getSID());
        List<X509Certificate> pool = new ArrayList<>(extraPool);
        X509Certificate tsa = null;
        X509CertificateHolder tsaHolder = null;
        for (X509CertificateHolder holder : token.getCertificates().getMatches(null)) {
            X509Certificate certificate = Certificates.convert(holder);
            if (certificate != null) {
                pool.add(certificate);
            }
        }
        if (!matches.isEmpty()) {
            tsaHolder = matches.iterator().next();
            tsa = Certificates.convert(tsaHolder);
        } else {
            for (X509Certificate candidate : pool) {
                X509CertificateHolder holder = CertificateHolders.of(candidate);
                if (token.getSID().match(holder)) {
                    tsa = candidate;
                    tsaHolder = holder;
                }
            }
        }
        if (tsa == null) {
            throw new VerificationFailure(SubIndication.TIMESTAMP_INVALID, "the TSA certificate was not found");
        }
        Instant time = info.getGenTime().toInstant();
        try {
            // Also checks the ESSCertID binding to the TSA certificate and its validity at genTime.
            X509Certificate certificate = tsa;
            token.validate(tsaHolder == null ? verifierOf(certificate)
                    : VERIFIERS.get(tsaHolder, holder -> verifierOf(certificate)));
        } catch (Exception e) {
            throw new VerificationFailure(SubIndication.TIMESTAMP_INVALID, "TSA signature: " + e.getMessage(), e);
        }
        List<X509Certificate> chain = chains.build(tsa, pool);
        ChainValidation.validityAt(chain, time, true);
        ChainValidation.pkixAt(chain, time);
        RevocationInfo revocation = new RevocationCheck(settings).check(chain, evidence, time, true, null, false);
        return new Verified(new TimestampInfo(time, Certificates.name(tsa), algorithm, true, null,
                revocation.source()), tsa);
    }

    /** Throws (and nothing is remembered) when no verifier can be made for the key: the token's check fails. */
    private static SignerInformationVerifier verifierOf(X509Certificate tsa) {
        try {
            return new SignerInformationVerifier(NAMES, ALGORITHMS,
                    new JcaContentVerifierProviderBuilder().setProvider(BouncyCastle.provider()).build(tsa),
                    new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastle.provider()).build());
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    record Verified(TimestampInfo info, X509Certificate tsaCertificate) {
    }

}
