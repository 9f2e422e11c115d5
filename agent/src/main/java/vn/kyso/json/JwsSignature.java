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

    /** "JWS" or "JAdES-B-LT", as reports and the protocol name it. */
    public String levelName() {
        return profile == JwsProfile.JWS ? "JWS" : "JAdES-" + level.label();
    }
}
