package vn.kyso.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.kyso.errors.KysoException;

/**
 * A JWS as read from a file or an upload, in any RFC 7515 serialization: compact, flattened JSON or general JSON
 * (one entry per signature). Only the syntax is checked here — sizes, base64url alphabet, JSON well-formedness,
 * no duplicate members, protected and unprotected header names disjoint (§7.2.1); what the headers say is judged by
 * the verifier.
 *
 * @param payload the base64url payload as written, "" when empty or detached
 */
public record JwsDocument(JwsSerialization serialization, String payload, List<Signature> signatures) {

    /** Largest protected header: the alg, a certificate chain and JAdES's signed properties fit many times over. */
    public static final int MAX_PROTECTED_HEADER_BYTES = 256 * 1024;
    /** Most signatures read from one general JSON serialization. */
    public static final int MAX_SIGNATURES = 32;

    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*");

    /**
     * One signature.
     *
     * @param protectedHeader the base64url protected header exactly as written (it is part of the signing input)
     * @param header          the decoded protected header
     * @param unprotected     the unprotected header ("header" member), or null (always null in compact form)
     * @param signature       the base64url signature value as written
     */
    public record Signature(String protectedHeader, ObjectNode header, ObjectNode unprotected, String signature) {

        /** The ASCII signing input over the given base64url payload (RFC 7515 §5.1 step 6). */
        public byte[] signingInput(String payload) {
            return (protectedHeader + "." + payload).getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** @throws KysoException JSON_TOO_LARGE or JWS_UNREADABLE */
    public static JwsDocument parse(byte[] bytes) {
        StrictJson.requireSize(bytes.length, StrictJson.MAX_DOCUMENT_BYTES);
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        if (text.startsWith("{")) {
            return parseJson(StrictJson.parse(text.getBytes(StandardCharsets.UTF_8), StrictJson.MAX_DOCUMENT_BYTES,
                    JsonSignatureError.JWS_UNREADABLE));
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 3) {
            throw unreadable("a compact JWS has three parts separated by '.', found " + parts.length);
        }
        return new JwsDocument(JwsSerialization.COMPACT, base64url(parts[1], "payload"),
                List.of(signature(parts[0], null, parts[2])));
    }

    /** The payload's octets; empty when it is detached. */
    public byte[] payloadBytes() {
        return java.util.Base64.getUrlDecoder().decode(payload);
    }

    /** True when the bytes look like a JWS (compact or JSON serialization) rather than a JSON payload. */
    public static boolean looksLikeJws(byte[] bytes) {
        try {
            parse(bytes);
            return true;
        } catch (KysoException e) {
            return false;
        }
    }

    private static JwsDocument parseJson(JsonNode root) {
        if (!(root instanceof ObjectNode object)) {
            throw unreadable("not a JSON object");
        }
        JsonNode payloadNode = object.get("payload");
        if (payloadNode != null && !payloadNode.isTextual()) {
            throw unreadable("payload is not a string");
        }
        String payload = payloadNode == null ? "" : base64url(payloadNode.textValue(), "payload");
        List<Signature> signatures = new ArrayList<>();
        JsonNode list = object.get("signatures");
        if (list != null) {
            if (object.has("signature") || object.has("protected") || object.has("header")) {
                throw unreadable("general and flattened members mixed");
            }
            if (!list.isArray() || list.isEmpty() || list.size() > MAX_SIGNATURES) {
                throw unreadable("signatures must be an array of 1 to " + MAX_SIGNATURES + " entries");
            }
            for (JsonNode entry : list) {
                signatures.add(jsonSignature(entry));
            }
            return new JwsDocument(JwsSerialization.FLATTENED, payload, signatures);
        }
        signatures.add(jsonSignature(object));
        return new JwsDocument(JwsSerialization.FLATTENED, payload, signatures);
    }

    private static Signature jsonSignature(JsonNode entry) {
        if (!entry.isObject()) {
            throw unreadable("a signature entry is not an object");
        }
        JsonNode protectedNode = entry.get("protected");
        JsonNode signatureNode = entry.get("signature");
        JsonNode unprotectedNode = entry.get("header");
        if (protectedNode == null || !protectedNode.isTextual()) {
            // Without a protected header nothing about the algorithm or the signer is signed.
            throw unreadable("the protected header is missing");
        }
        if (signatureNode == null || !signatureNode.isTextual()) {
            throw unreadable("the signature is missing");
        }
        if (unprotectedNode != null && !unprotectedNode.isObject()) {
            throw unreadable("header is not an object");
        }
        return signature(protectedNode.textValue(), (ObjectNode) unprotectedNode, signatureNode.textValue());
    }

    private static Signature signature(String protectedB64, ObjectNode unprotected, String signatureB64) {
        base64url(protectedB64, "protected header");
        base64url(signatureB64, "signature");
        if (protectedB64.isEmpty()) {
            // an empty signature is left to the verifier: alg "none" must be reported as such
            throw unreadable("empty protected header");
        }
        if (protectedB64.length() > MAX_PROTECTED_HEADER_BYTES * 4 / 3 + 4) {
            throw new KysoException(JsonSignatureError.JSON_TOO_LARGE, String.valueOf(protectedB64.length()),
                    String.valueOf(MAX_PROTECTED_HEADER_BYTES));
        }
        byte[] decoded;
        try {
            decoded = java.util.Base64.getUrlDecoder().decode(protectedB64);
        } catch (IllegalArgumentException e) {
            throw unreadable("protected header: " + e.getMessage());
        }
        JsonNode header = StrictJson.parse(decoded, MAX_PROTECTED_HEADER_BYTES, JsonSignatureError.JWS_UNREADABLE);
        if (!(header instanceof ObjectNode object)) {
            throw unreadable("the protected header is not a JSON object");
        }
        if (unprotected != null) {
            for (Iterator<String> names = unprotected.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (object.has(name)) {
                    throw unreadable("header parameter " + name + " is both protected and unprotected");
                }
            }
        }
        return new Signature(protectedB64, object, unprotected, signatureB64);
    }

    private static String base64url(String value, String what) {
        if (!BASE64URL.matcher(value).matches() || value.length() % 4 == 1) {
            throw unreadable(what + " is not base64url without padding");
        }
        return value;
    }

    private static KysoException unreadable(String detail) {
        return new KysoException(JsonSignatureError.JWS_UNREADABLE, detail);
    }
}
