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
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampToken;

import vn.kyso.pki.BouncyCastle;

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
        for (X509CertificateHolder holder : token.getCertificates().getMatches(null)) {
            X509Certificate certificate = Certificates.convert(holder);
            if (certificate != null) {
                pool.add(certificate);
            }
        }
        if (!matches.isEmpty()) {
            tsa = Certificates.convert(matches.iterator().next());
        } else {
            for (X509Certificate candidate : pool) {
                if (token.getSID().match(Certificates.holder(candidate))) {
                    tsa = candidate;
                }
            }
        }
        if (tsa == null) {
            throw new VerificationFailure(SubIndication.TIMESTAMP_INVALID, "the TSA certificate was not found");
        }
        Instant time = info.getGenTime().toInstant();
        try {
            // Also checks the ESSCertID binding to the TSA certificate and its validity at genTime.
            token.validate(new SignerInformationVerifier(NAMES, ALGORITHMS,
                    new JcaContentVerifierProviderBuilder().setProvider(BouncyCastle.provider()).build(tsa),
                    new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastle.provider()).build()));
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

    record Verified(TimestampInfo info, X509Certificate tsaCertificate) {
    }

}
