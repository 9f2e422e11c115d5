package vn.kyso.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;

import vn.kyso.json.JsonSigner;

/**
 * Finds what the signature covers. An embedded payload is signed as it is. A detached one is either RFC 7515
 * Appendix F (the caller's content becomes the payload of the signing input) or JAdES sigD ObjectIdByURIHash, whose
 * protected digest of the content must match (HASH_FAILURE otherwise, SIGNED_DATA_NOT_FOUND without content). The
 * other sigD mechanisms (HTTP headers, URI without hash) are not supported and fail as a format failure.
 */
final class JwsPayloadCheck implements SignatureCheck {

    @Override
    public void check(SignatureContext context) {
        JsonNode sigD = context.jws.header().get("sigD");
        if (sigD != null) {
            checkSigD(context, sigD);
            return;
        }
        if (!context.jwsPayload.isEmpty()) {
            if (context.detachedPayload != null) {
                context.warnings.add("the JWS carries its payload; the separate content given was not used");
            }
            context.signedBytes = Base64.getUrlDecoder().decode(context.jwsPayload);
            return;
        }
        if (context.detachedPayload == null) {
            throw new VerificationFailure(SubIndication.SIGNED_DATA_NOT_FOUND,
                    "the payload is detached and was not given");
        }
        context.jwsPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(context.detachedPayload);
        context.signedBytes = context.detachedPayload;
    }

    private static void checkSigD(SignatureContext context, JsonNode sigD) {
        if (!JsonSigner.SIG_D_OBJECT_ID_BY_URI_HASH.equals(sigD.path("mId").asText())) {
            throw new VerificationFailure(SubIndication.FORMAT_FAILURE, "sigD mechanism "
                    + sigD.path("mId").asText() + " is not supported");
        }
        JsonNode pars = sigD.get("pars");
        JsonNode hashV = sigD.get("hashV");
        if (pars == null || !pars.isArray() || hashV == null || !hashV.isArray() || pars.size() != hashV.size()
                || pars.isEmpty()) {
            throw new VerificationFailure(SubIndication.FORMAT_FAILURE, "sigD needs pars and hashV of equal length");
        }
        if (!context.jwsPayload.isEmpty()) {
            throw new VerificationFailure(SubIndication.FORMAT_FAILURE, "a sigD signature carries a payload");
        }
        if (context.detachedPayload == null) {
            throw new VerificationFailure(SubIndication.SIGNED_DATA_NOT_FOUND,
                    "the signed document " + pars.get(0).asText() + " was not given");
        }
        if (pars.size() != 1) {
            throw new VerificationFailure(SubIndication.SIGNED_DATA_NOT_FOUND, "the signature covers " + pars.size()
                    + " detached documents; one was given");
        }
        String algorithm = switch (sigD.path("hashM").asText()) {
            case "S256" -> "SHA-256";
            case "S384" -> "SHA-384";
            case "S512" -> "SHA-512";
            default -> throw new VerificationFailure(SubIndication.FORMAT_FAILURE,
                    "sigD hash algorithm " + sigD.path("hashM").asText() + " is not accepted");
        };
        byte[] expected;
        try {
            expected = Base64.getUrlDecoder().decode(hashV.get(0).asText());
        } catch (IllegalArgumentException e) {
            throw new VerificationFailure(SubIndication.FORMAT_FAILURE, "sigD hashV is not base64url");
        }
        // §5.2.8.3.3: with b64 absent the digest is over the base64url-encoded document.
        byte[] encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(context.detachedPayload)
                .getBytes(StandardCharsets.US_ASCII);
        try {
            if (!MessageDigest.isEqual(expected, MessageDigest.getInstance(algorithm).digest(encoded))) {
                throw new VerificationFailure(SubIndication.HASH_FAILURE, "the document " + pars.get(0).asText()
                        + " differs from the one signed");
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        context.signedBytes = context.detachedPayload;
    }
}
