package vn.kyso.json;

import java.nio.charset.StandardCharsets;

import vn.kyso.pki.TimeStamp;

/**
 * A finished JSON signature.
 *
 * @param serialized the compact string or the flattened JSON text
 * @param timeStamp  the signature time-stamp at B-T and above, else null
 */
public record JwsSignature(String serialized, JwsProfile profile, JadesLevel level, JwsSerialization serialization,
                           boolean detached, TimeStamp timeStamp) {

    public byte[] bytes() {
        return serialized.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The level as the verifier's report names it (EU DSS's names, ETSI TS 119 182-1): "JSON-NOT-ETSI" for a plain JWS,
     * "JAdES-BASELINE-B" … "JAdES-BASELINE-LT", so what signing claims and what verification finds read alike.
     */
    public String levelName() {
        return profile == JwsProfile.JWS ? "JSON-NOT-ETSI" : "JAdES-BASELINE-" + level.label().substring(2);
    }
}
