package vn.kyso.app;

import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.kyso.json.JsonSignOptions;
import vn.kyso.json.JsonSummary;
import vn.kyso.json.JwsSerialization;
import vn.kyso.usecase.SignJson;
import vn.kyso.verify.ReportJson;

/** {@code sign.json} and {@code verify.json}: JWS / JAdES over JSON documents uploaded to the session. */
final class JsonMethods {

    private final Supplier<AgentMethods.DocumentServices> services;

    JsonMethods(Supplier<AgentMethods.DocumentServices> services) {
        this.services = services;
    }

    Object sign(Session session, ObjectNode params) {
        DocumentStore.Document input = session.documents().get(Params.required(params, "documentId"));
        JsonSignOptions options;
        try {
            options = JsonSignOptions.parse(Params.optional(params, "format"), Params.optional(params, "level"),
                    Params.optional(params, "serialization"), params.path("detached").asBoolean(false),
                    Params.optional(params, "algorithm"));
        } catch (IllegalArgumentException e) {
            throw Params.invalid("format/level/serialization/algorithm", e.getMessage());
        }
        SignJson.Result result = services.get().signJson().sign(new SignJson.Request(session.caller().describe(),
                Params.required(params, "certificateId"), input.name(), input.bytes(), options));
        Map<String, Object> answer = PdfMethods.stored(session.documents().put(signatureName(input.name(), options),
                result.signature().bytes()));
        answer.put("jws", result.signature().serialized());
        answer.put("level", result.signature().levelName());
        answer.put("serialization", result.signature().serialization().name().toLowerCase(Locale.ROOT));
        answer.put("detached", result.signature().detached());
        answer.put("summary", result.summary().lines());
        answer.put("certificate", Params.base64(result.certificate().certificate()));
        answer.put("warnings", result.warnings());
        return answer;
    }

    Object verify(Session session, ObjectNode params) {
        byte[] jws = session.documents().get(Params.required(params, "documentId")).bytes();
        byte[] detached = params.hasNonNull("payloadDocumentId")
                ? session.documents().get(Params.required(params, "payloadDocumentId")).bytes() : null;
        return ReportJson.tree(services.get().jwsVerifier().verify(jws, detached), JsonSummary.ofSigned(jws, detached));
    }

    /** "to-khai.json" → "to-khai.jws.json" (flattened) or "to-khai.jws" (compact). */
    static String signatureName(String name, JsonSignOptions options) {
        String base = name == null || name.isBlank() ? "document" : name.replaceFirst("\\.json$", "");
        return base + (options.serialization() == JwsSerialization.COMPACT ? ".jws" : ".jws.json");
    }
}
