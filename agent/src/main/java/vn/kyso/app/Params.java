package vn.kyso.app;

import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.kyso.errors.KysoException;
import vn.kyso.request.RequestError;

/** Reading request parameters: every mistake is INVALID_PARAMS naming the parameter. */
final class Params {

    private Params() {
    }

    static String required(ObjectNode params, String name) {
        JsonNode value = params.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw invalid(name, name + " is required (string)");
        }
        return value.asText();
    }

    static String optional(ObjectNode params, String name) {
        JsonNode value = params.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(name, name + " must be a string");
        }
        return value.asText();
    }

    /** An optional nested object; empty when absent. */
    static ObjectNode object(ObjectNode params, String name) {
        JsonNode value = params.get(name);
        if (value == null || value.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!(value instanceof ObjectNode object)) {
            throw invalid(name, name + " must be an object");
        }
        return object;
    }

    static byte[] base64(ObjectNode params, String name) {
        String value = optional(params, name);
        if (value == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw invalid(name, name + " is not base64");
        }
    }

    /** Exactly one of two alternative parameters. */
    static void oneOf(ObjectNode params, String first, String second) {
        boolean a = params.hasNonNull(first);
        boolean b = params.hasNonNull(second);
        if (a == b) {
            throw invalid(first, "exactly one of " + first + " and " + second + " is required");
        }
    }

    /** A certificate as protocol answers carry it: base64 DER. */
    static String base64(java.security.cert.X509Certificate certificate) {
        try {
            return java.util.Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static KysoException invalid(String name, String what) {
        return new KysoException(RequestError.INVALID_PARAMS, Map.of("param", name), null, what);
    }
}
