package vn.kyso.server;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.kyso.errors.ErrorCode;
import vn.kyso.errors.KysoException;

/**
 * Protocol v1 on the wire (docs/protocol.md): requests {@code {id, method, params}}, answers {@code {id, result}} or
 * {@code {id, error: {code, message_vi, message_en, details}}}, events {@code {event, data}}. The codec is strict:
 * anything else is MALFORMED_REQUEST, answered with the id when one could be read.
 */
public final class ProtocolCodec {

    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ID_LENGTH = 128;

    /** A parsed request. {@code id} is a JSON string or number, echoed back unchanged. */
    public record Request(JsonNode id, String method, ObjectNode params) {
    }

    /** A request that could not be parsed, with whatever id could be recovered (may be null). */
    public static final class MalformedRequest extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient JsonNode id;

        MalformedRequest(JsonNode id, String reason) {
            super(reason);
            this.id = id;
        }

        public JsonNode id() {
            return id;
        }
    }

    private ProtocolCodec() {
    }

    public static Request decode(String text) throws MalformedRequest {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedRequest(null, "not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedRequest(null, "not a JSON object");
        }
        JsonNode id = root.get("id");
        if (id == null || !(id.isTextual() && id.asText().length() <= MAX_ID_LENGTH || id.isIntegralNumber())) {
            throw new MalformedRequest(null, "id must be a string (max " + MAX_ID_LENGTH + ") or an integer");
        }
        JsonNode method = root.get("method");
        if (method == null || !method.isTextual() || method.asText().isBlank()) {
            throw new MalformedRequest(id, "method must be a non-empty string");
        }
        JsonNode params = root.get("params");
        if (params != null && !params.isNull() && !params.isObject()) {
            throw new MalformedRequest(id, "params must be an object");
        }
        ObjectNode p = params == null || params.isNull() ? JsonNodeFactory.instance.objectNode() : (ObjectNode) params;
        return new Request(id, method.asText(), p);
    }

    public static String result(JsonNode id, Object result) {
        ObjectNode out = JSON.createObjectNode();
        out.set("id", id);
        out.set("result", JSON.valueToTree(result));
        return out.toString();
    }

    public static String error(JsonNode id, KysoException e) {
        return error(id, e.errorCode(), e.messageVi(), e.messageEn(), e.details());
    }

    public static String error(JsonNode id, ErrorCode code, String vi, String en, Map<String, Object> details) {
        ObjectNode out = JSON.createObjectNode();
        out.set("id", id == null ? JsonNodeFactory.instance.nullNode() : id);
        ObjectNode error = out.putObject("error");
        error.put("code", code.code());
        error.put("message_vi", vi);
        error.put("message_en", en);
        error.set("details", JSON.valueToTree(details));
        return out.toString();
    }

    /** The error body for plain HTTP answers (health refusals): same shape without an id. */
    public static String httpError(KysoException e) {
        ObjectNode out = JSON.createObjectNode();
        ObjectNode error = out.putObject("error");
        error.put("code", e.code());
        error.put("message_vi", e.messageVi());
        error.put("message_en", e.messageEn());
        return out.toString();
    }

    public static String event(String name, Object data) {
        ObjectNode out = JSON.createObjectNode();
        out.put("event", name);
        out.set("data", JSON.valueToTree(data));
        return out.toString();
    }

    static ObjectMapper json() {
        return JSON;
    }
}
