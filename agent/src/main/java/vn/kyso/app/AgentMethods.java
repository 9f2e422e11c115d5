package vn.kyso.app;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.kyso.audit.AuditLog;
import vn.kyso.consent.ConsentPrompt;
import vn.kyso.errors.KysoException;
import vn.kyso.pdf.PadesLevel;
import vn.kyso.pdf.PadesOptions;
import vn.kyso.server.DocumentStore;
import vn.kyso.server.Method;
import vn.kyso.server.Session;
import vn.kyso.usecase.SignPdf;
import vn.kyso.verify.PdfSignatureVerifier;
import vn.kyso.verify.ReportJson;
import vn.kyso.token.PinPrompt;
import vn.kyso.token.TokenManager;
import vn.kyso.usecase.SignHash;

/** The protocol's methods, each a thin adapter from JSON params to a use case. */
public final class AgentMethods {

    private AgentMethods() {
    }

    /** Everything the document methods need besides the token layer's hash signing. */
    public record DocumentServices(SignPdf signPdf, PdfSignatureVerifier verifier) {
    }

    public static Map<String, Method> standard(TokenManager tokens, ConsentPrompt consent, PinPrompt pins,
                                               AuditLog audit) {
        return standard(tokens, consent, pins, audit, (java.util.function.Supplier<DocumentServices>) null);
    }

    /**
     * @param documents the PDF methods ({@code sign.pdf}, {@code verify.pdf}); null leaves them out
     */
    public static Map<String, Method> standard(TokenManager tokens, ConsentPrompt consent, PinPrompt pins,
                                               AuditLog audit, DocumentServices documents) {
        return standard(tokens, consent, pins, audit, documents == null ? null : () -> documents);
    }

    /**
     * @param documents built on first use, so the agent answers its first request before the PDF engine and the
     *                  verifier are loaded (cold start)
     */
    public static Map<String, Method> standard(TokenManager tokens, ConsentPrompt consent, PinPrompt pins,
                                               AuditLog audit, java.util.function.Supplier<DocumentServices> documents) {
        Map<String, Method> methods = new LinkedHashMap<>();
        methods.put("tokens.list", (session, params) -> TokenInventoryView.of(tokens));
        SignHash signHash = new SignHash(tokens, consent, pins, audit);
        methods.put("sign.hash", (session, params) -> signHash.sign(new SignHash.Request(session.caller().describe(),
                required(params, "certificateId"), required(params, "hash"), optional(params, "hashAlgorithm"),
                optional(params, "signatureAlgorithm"))));
        if (documents != null) {
            methods.put("verify.pdf", (session, params) -> {
                DocumentStore.Document document = session.documents().get(required(params, "documentId"));
                return ReportJson.tree(documents.get().verifier().verify(document.bytes()));
            });
            methods.put("sign.pdf", (session, params) -> signPdf(session, params, documents.get().signPdf()));
        }
        return methods;
    }

    /**
     * {@code sign.pdf}: the uploaded document, signed with the chosen certificate and preset; the result is kept as a
     * new document of the session for {@code document.download}.
     */
    private static Object signPdf(Session session, ObjectNode params, SignPdf useCase) {
        DocumentStore.Document input = session.documents().get(required(params, "documentId"));
        String preset = optional(params, "preset") == null ? "invisible" : optional(params, "preset");
        PresetFactory.Act act = PresetFactory.act(preset);
        ObjectNode presetParams = params.get("presetParams") instanceof ObjectNode p ? p
                : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        var appearance = PresetFactory.build(preset, name -> optional(presetParams, name),
                name -> {
                    String imageId = optional(presetParams, name + "DocumentId");
                    return imageId == null ? null : session.documents().get(imageId).bytes();
                }, java.time.Instant.now());
        PadesOptions options = PadesOptions.defaults().withAppearance(appearance)
                .withDetails(null, optional(params, "reason"), optional(params, "location"), null);
        String level = optional(params, "level");
        if (level != null) {
            try {
                options = options.withLevel(PadesLevel.valueOf(level.replace('-', '_')));
            } catch (IllegalArgumentException e) {
                throw new KysoException(AgentError.INVALID_PARAMS, Map.of("param", "level"), null,
                        "level must be B-B, B-T, B-LT or B-LTA");
            }
        }
        SignPdf.Result result = useCase.sign(new SignPdf.Request(session.caller().describe(), input.name(),
                input.bytes(), required(params, "certificateId"), act.vi(), preset, options));
        DocumentStore.Document output = session.documents().put(input.name(), result.document());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("documentId", output.id());
        answer.put("size", output.bytes().length);
        answer.put("sha256", output.sha256());
        answer.put("level", result.level().name().replace('_', '-'));
        answer.put("warnings", result.warnings());
        answer.put("verification", ReportJson.tree(result.verification()));
        return answer;
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
