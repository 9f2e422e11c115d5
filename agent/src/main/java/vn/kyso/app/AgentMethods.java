package vn.kyso.app;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.kyso.audit.AuditLog;
import vn.kyso.consent.ConsentPrompt;
import vn.kyso.errors.KysoException;
import vn.kyso.server.Method;
import vn.kyso.token.PinPrompt;
import vn.kyso.token.TokenManager;
import vn.kyso.usecase.SignHash;

/** The protocol's methods, each a thin adapter from JSON params to a use case. */
public final class AgentMethods {

    private AgentMethods() {
    }

    public static Map<String, Method> standard(TokenManager tokens, ConsentPrompt consent, PinPrompt pins,
                                               AuditLog audit) {
        Map<String, Method> methods = new LinkedHashMap<>();
        methods.put("tokens.list", (caller, params) -> TokenInventoryView.of(tokens));
        SignHash signHash = new SignHash(tokens, consent, pins, audit);
        methods.put("sign.hash", (caller, params) -> signHash.sign(new SignHash.Request(caller.describe(),
                required(params, "certificateId"), required(params, "hash"), optional(params, "hashAlgorithm"),
                optional(params, "signatureAlgorithm"))));
        return methods;
    }

    static String required(ObjectNode params, String name) {
        JsonNode value = params.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new KysoException(AgentError.INVALID_PARAMS, Map.of("param", name), null,
                    name + " is required (string)");
        }
        return value.asText();
    }

    static String optional(ObjectNode params, String name) {
        JsonNode value = params.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new KysoException(AgentError.INVALID_PARAMS, Map.of("param", name), null, name + " must be a string");
        }
        return value.asText();
    }
}
