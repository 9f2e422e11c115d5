package vn.kyso.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.kyso.app.DocumentStore;
import vn.kyso.app.Method;
import vn.kyso.errors.KysoException;
import vn.kyso.request.CallerText;
import vn.kyso.request.RequestError;

/**
 * The methods the bridge itself answers, registered beside the application's: {@code info} (what this agent offers
 * and its limits) and {@code document.upload/download/remove} over the connection's {@link DocumentStore}.
 */
final class DocumentMethods {

    private DocumentMethods() {
    }

    /** @param all every method of the agent, for {@code info} (read when asked) */
    static Map<String, Method> of(ServerSettings settings, String version, Supplier<Map<String, Method>> all) {
        Map<String, Method> methods = new LinkedHashMap<>();
        methods.put("info", (session, params) -> Map.of("product", "Kyso Agent", "version", version,
                "protocol", ProtocolCodec.VERSION, "methods", List.copyOf(all.get().keySet()),
                "askingMethods", asking(all.get()), "caller", session.caller().describe(),
                "maxDocumentBytes", settings.maxDocumentBytes(), "limits", limits(settings)));
        methods.put("document.upload", (session, params) -> Map.of("documentId", session.documents()
                .begin(CallerText.name("name", text(params, "name")), params.path("size").asLong(-1))));
        methods.put("document.download", (session, params) -> {
            DocumentStore.Document document = session.documents().get(text(params, "documentId"));
            session.sendDocument(document);
            return Map.of("documentId", document.id(), "size", document.size(), "sha256", document.sha256());
        });
        methods.put("document.remove", (session, params) -> {
            session.documents().remove(text(params, "documentId"));
            return Map.of();
        });
        return methods;
    }

    /** The methods that ask the person (consent, PIN), as declared where they are registered. */
    private static List<String> asking(Map<String, Method> all) {
        return all.entrySet().stream().filter(e -> e.getValue().asksThePerson()).map(Map.Entry::getKey).toList();
    }

    private static Map<String, Object> limits(ServerSettings settings) {
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("maxConnectionsPerOrigin", settings.limits().maxConnectionsPerOrigin());
        limits.put("maxPendingPerOrigin", settings.limits().maxPendingPerOrigin());
        limits.put("requestTimeoutSeconds", settings.limits().requestTimeout().toSeconds());
        limits.put("maxDocumentsPerConnection", settings.maxDocumentsPerConnection());
        limits.put("maxRequestsPerConnection", settings.budgets().maxRequestsPerConnection());
        limits.put("maxChunkBytes", BinaryFraming.MAX_CHUNK);
        return limits;
    }

    private static String text(ObjectNode params, String name) {
        JsonNode value = params.get(name);
        if (value == null || !value.isTextual()) {
            throw new KysoException(RequestError.INVALID_PARAMS, Map.of("param", name), null,
                    name + " is required (string)");
        }
        return value.asText();
    }
}
