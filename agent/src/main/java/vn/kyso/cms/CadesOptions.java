package vn.kyso.cms;

import java.time.Instant;

import vn.kyso.token.SignatureAlgorithm;

/**
 * How to make one detached CAdES signature.
 *
 * @param level       B-B, or B-T with a signature time-stamp (the TSA must answer: there is no lower fallback)
 * @param algorithm   null for the key's first algorithm (over the given digest's hash when signing a digest)
 * @param signingTime the signing-time attribute; null for now. CAdES, unlike PAdES, carries it in the CMS
 */
public record CadesOptions(CadesLevel level, SignatureAlgorithm algorithm, Instant signingTime) {

    public CadesOptions {
        if (level == null) {
            throw new IllegalArgumentException("level is required");
        }
    }

    public static CadesOptions of(CadesLevel level) {
        return new CadesOptions(level, null, null);
    }

    public CadesOptions withAlgorithm(SignatureAlgorithm value) {
        return new CadesOptions(level, value, signingTime);
    }

    public CadesOptions withSigningTime(Instant value) {
        return new CadesOptions(level, algorithm, value);
    }
}
