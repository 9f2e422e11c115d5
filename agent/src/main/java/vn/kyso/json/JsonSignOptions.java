package vn.kyso.json;

import java.time.Instant;

import vn.kyso.errors.KysoException;
import vn.kyso.token.SignatureAlgorithm;

/**
 * How to make one JSON signature.
 *
 * @param profile       plain JWS or JAdES
 * @param level         the JAdES level (B-B for a plain JWS); a level the engine cannot reach is an error, never a
 *                      lower level in silence
 * @param serialization compact or flattened JSON; B-T and B-LT need flattened
 * @param detached      true: the payload is not in the result. A plain JWS omits it (RFC 7515 Appendix F); JAdES
 *                      names the document and its digest in sigD (ObjectIdByURIHash), so the signature binds it
 * @param algorithm     null: RS256 for RSA keys, the curve's ES algorithm for EC keys
 * @param signingTime   the claimed signing time (iat); null for now
 * @param documentName  the payload's name for sigD (detached JAdES); null: "payload.json"
 */
public record JsonSignOptions(JwsProfile profile, JadesLevel level, JwsSerialization serialization, boolean detached,
                              SignatureAlgorithm algorithm, Instant signingTime, String documentName) {

    public JsonSignOptions {
        if (profile == null || level == null || serialization == null) {
            throw new IllegalArgumentException("profile, level and serialization are required");
        }
        if (profile == JwsProfile.JWS && level != JadesLevel.B_B) {
            throw new IllegalArgumentException("a plain JWS has no JAdES level above B-B");
        }
    }

    /**
     * Options from the words the CLI and the protocol use: format "jades" (default) or "jws"; level "B-B", "B-T",
     * "B-LT" (default B-LT in flattened JSON, B-B in compact); serialization "flattened" (default) or "compact";
     * algorithm a JWS name ("PS256") or null for the key's default.
     *
     * @throws IllegalArgumentException naming the word that is not understood
     */
    public static JsonSignOptions parse(String format, String level, String serialization, boolean detached,
                                        String algorithm) {
        JwsProfile profile = switch (format == null ? "jades" : format.toLowerCase(java.util.Locale.ROOT)) {
            case "jades" -> JwsProfile.JADES;
            case "jws" -> JwsProfile.JWS;
            default -> throw new IllegalArgumentException("format must be jades or jws");
        };
        JwsSerialization form = switch (serialization == null ? "flattened"
                : serialization.toLowerCase(java.util.Locale.ROOT)) {
            case "flattened", "json" -> JwsSerialization.FLATTENED;
            case "compact" -> JwsSerialization.COMPACT;
            default -> throw new IllegalArgumentException("serialization must be flattened or compact");
        };
        JadesLevel jadesLevel = level == null
                ? (profile == JwsProfile.JWS || form == JwsSerialization.COMPACT ? JadesLevel.B_B : JadesLevel.B_LT)
                : JadesLevel.parse(level);
        if (jadesLevel == null || (profile == JwsProfile.JWS && jadesLevel != JadesLevel.B_B)) {
            throw new IllegalArgumentException(profile == JwsProfile.JWS ? "a plain JWS has no level; use format jades"
                    : "level must be B-B, B-T or B-LT");
        }
        SignatureAlgorithm chosen = null;
        if (algorithm != null) {
            try {
                chosen = JwsAlgorithms.tokenAlgorithm(algorithm);
            } catch (KysoException e) {
                throw new IllegalArgumentException("algorithm must be RS256..512, PS256..512 or ES256..512");
            }
        }
        return new JsonSignOptions(profile, jadesLevel, form, detached, chosen, null, null);
    }

    public static JsonSignOptions jws(JwsSerialization serialization) {
        return new JsonSignOptions(JwsProfile.JWS, JadesLevel.B_B, serialization, false, null, null, null);
    }

    public static JsonSignOptions jades(JadesLevel level, JwsSerialization serialization) {
        return new JsonSignOptions(JwsProfile.JADES, level, serialization, false, null, null, null);
    }

    public JsonSignOptions withDetached(boolean value, String name) {
        return new JsonSignOptions(profile, level, serialization, value, algorithm, signingTime, name);
    }

    public JsonSignOptions withAlgorithm(SignatureAlgorithm value) {
        return new JsonSignOptions(profile, level, serialization, detached, value, signingTime, documentName);
    }

    public JsonSignOptions withSigningTime(Instant value) {
        return new JsonSignOptions(profile, level, serialization, detached, algorithm, value, documentName);
    }
}
