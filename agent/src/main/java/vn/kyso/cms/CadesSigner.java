package vn.kyso.cms;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

import org.bouncycastle.cms.CMSSignedData;

import vn.kyso.errors.KysoException;
import vn.kyso.pki.TimeStamp;
import vn.kyso.pki.TimeStampClient;
import vn.kyso.sign.SignerPort;
import vn.kyso.token.DigestAlgorithm;
import vn.kyso.token.SignatureAlgorithm;

/**
 * Detached CAdES baseline signatures (ETSI EN 319 122-1) over arbitrary bytes or over a digest the caller computed:
 * the same {@link CmsSignatureBuilder} as PAdES, with the signing-time attribute that CAdES expects, and at B-T the
 * same {@link SignatureTimeStamps} step. The token is asked exactly once per signature.
 */
public final class CadesSigner {

    private final TimeStampClient timeStamps;

    /** @param timeStamps the configured TSA, or null when none is configured (then only B-B can be made) */
    public CadesSigner(TimeStampClient timeStamps) {
        this.timeStamps = timeStamps;
    }

    /** Signs {@code content}, which is not embedded in the result. */
    public CadesSignature sign(byte[] content, SignerPort signer, CadesOptions options) {
        SignatureAlgorithm algorithm = chooseAlgorithm(signer, options, null);
        return signDigest(digest(algorithm.digest(), content), algorithm.digest(), signer, options);
    }

    /**
     * Signs content known only by its digest (the web app hashed a large file itself).
     *
     * @throws KysoException DIGEST_INVALID when the digest's length does not fit {@code digestAlgorithm},
     *                       ALGORITHM_NOT_OFFERED when the key has no algorithm over that hash
     */
    public CadesSignature signDigest(byte[] contentDigest, DigestAlgorithm digestAlgorithm, SignerPort signer,
                                     CadesOptions options) {
        if (contentDigest == null || contentDigest.length != digestAlgorithm.length()) {
            throw new KysoException(CmsError.DIGEST_INVALID, digestAlgorithm.jcaName() + " digests are "
                    + digestAlgorithm.length() + " bytes, not " + (contentDigest == null ? 0 : contentDigest.length));
        }
        if (options.level() == CadesLevel.B_T && timeStamps == null) {
            // Known before the PIN is asked.
            throw new KysoException(CmsError.TIMESTAMP_UNAVAILABLE, "no TSA configured");
        }
        SignatureAlgorithm algorithm = chooseAlgorithm(signer, options, digestAlgorithm);
        Instant signingTime = options.signingTime() != null ? options.signingTime() : Instant.now();
        CMSSignedData cms = new CmsSignatureBuilder(signer, algorithm).build(contentDigest, signingTime);
        TimeStamp stamp = null;
        if (options.level() == CadesLevel.B_T) {
            SignatureTimeStamps.Stamped stamped;
            try {
                stamped = SignatureTimeStamps.timeStamp(cms, timeStamps);
            } catch (KysoException tsaProblem) {
                // Nothing is returned: a B-T request never silently yields B-B.
                throw new KysoException(CmsError.TIMESTAMP_UNAVAILABLE, java.util.Map.of(), tsaProblem,
                        tsaProblem.messageEn());
            }
            cms = stamped.signedData();
            stamp = stamped.stamp();
        }
        return new CadesSignature(CmsSignatureBuilder.encode(cms), options.level(), stamp);
    }

    private static SignatureAlgorithm chooseAlgorithm(SignerPort signer, CadesOptions options, DigestAlgorithm hash) {
        if (options.algorithm() != null) {
            if (!signer.algorithms().contains(options.algorithm())
                    || (hash != null && options.algorithm().digest() != hash)) {
                throw new KysoException(CmsError.ALGORITHM_NOT_OFFERED, options.algorithm().name());
            }
            return options.algorithm();
        }
        for (SignatureAlgorithm candidate : signer.algorithms()) {
            if (hash == null || candidate.digest() == hash) {
                return candidate;
            }
        }
        throw new KysoException(CmsError.ALGORITHM_NOT_OFFERED, "* with " + hash.jcaName());
    }

    static byte[] digest(DigestAlgorithm algorithm, byte[] content) {
        try {
            return MessageDigest.getInstance(algorithm.jcaName()).digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
