package vn.kyso.verify;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.kyso.errors.KysoException;
import vn.kyso.json.JwsAlgorithms;
import vn.kyso.token.SignatureAlgorithm;

/**
 * The JWS protected header as RFC 7515 and TS 119 182-1 want it: an allowed alg, crit naming only parameters that
 * are present, not registered, and understood here (§4.1.11: anything else makes the signature invalid), no
 * unencoded payload (b64=false is not supported), and a readable claimed signing time (sigT, or iat).
 */
final class JwsHeaderCheck implements SignatureCheck {

    /** The extension parameters this verifier implements; a crit naming anything else fails the signature. */
    static final Set<String> UNDERSTOOD = Set.of("sigT", "sigD", "iat");
    private static final Set<String> REGISTERED = Set.of("alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t",
            "x5t#S256", "typ", "cty", "crit");

    @Override
    public void check(SignatureContext context) {
        ObjectNode header = context.jws.header();
        SignatureAlgorithm algorithm;
        try {
            algorithm = JwsAlgorithms.tokenAlgorithm(header.path("alg").textValue());
        } catch (KysoException e) {
            throw new VerificationFailure(SubIndication.FORMAT_FAILURE, e.messageEn());
        }
        context.signatureAlgorithm = algorithm.jcaName() + " (" + header.get("alg").textValue() + ")";
        context.digestAlgorithm = algorithm.digest().jcaName();
        checkCritical(header);
        JsonNode b64 = header.get("b64");
        if (b64 != null && !(b64.isBoolean() && b64.booleanValue())) {
            throw new VerificationFailure(SubIndication.FORMAT_FAILURE, "unencoded payloads (b64) are not supported");
        }
        context.claimedTime = claimedTime(header);
    }

    /**
     * Whether the protected header carries what JAdES B-B adds to a JWS (TS 119 182-1 §5.2): a digest of the
     * signing certificate (x5t#S256 or x5t#o) and a readable claimed signing time (sigT, or iat).
     */
    static boolean carriesJadesProperties(ObjectNode header) {
        if (!header.has("x5t#S256") && !header.has("x5t#o")) {
            return false;
        }
        try {
            return claimedTime(header) != null;
        } catch (VerificationFailure e) {
            return false;
        }
    }

    private static void checkCritical(ObjectNode header) {
        JsonNode crit = header.get("crit");
        if (crit == null) {
            return;
        }
        if (!crit.isArray() || crit.isEmpty()) {
            throw new VerificationFailure(SubIndication.FORMAT_FAILURE, "crit must be a non-empty array");
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode name : crit) {
            String value = name.textValue();
            if (value == null || !seen.add(value) || REGISTERED.contains(value)) {
                throw new VerificationFailure(SubIndication.FORMAT_FAILURE, "crit lists " + name + " wrongly");
            }
            if (!header.has(value)) {
                throw new VerificationFailure(SubIndication.FORMAT_FAILURE, "crit lists " + value
                        + ", which the protected header lacks");
            }
            if (!UNDERSTOOD.contains(value)) {
                throw new VerificationFailure(SubIndication.FORMAT_FAILURE, "critical header parameter " + value
                        + " is not understood");
            }
        }
    }

    private static Instant claimedTime(ObjectNode header) {
        JsonNode sigT = header.get("sigT");
        if (sigT != null) {
            try {
                return Instant.parse(sigT.asText());
            } catch (DateTimeParseException e) {
                throw new VerificationFailure(SubIndication.FORMAT_FAILURE, "sigT is not an ISO 8601 UTC time");
            }
        }
        JsonNode iat = header.get("iat");
        if (iat != null) {
            if (!iat.canConvertToLong()) {
                throw new VerificationFailure(SubIndication.FORMAT_FAILURE, "iat is not a number of seconds");
            }
            return Instant.ofEpochSecond(iat.longValue());
        }
        return null;
    }
}
