package vn.kyso.verify;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.kyso.json.JsonSummary;

/** The machine-readable report: the records as JSON, times as ISO-8601 UTC strings, codes as their names. */
public final class ReportJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Instant.class, new JsonSerializer<Instant>() {
                @Override
                public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider)
                        throws IOException {
                    generator.writeString(value.toString());
                }
            }))
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    /** The same JSON as a tree, for embedding in a protocol answer. */
    public static com.fasterxml.jackson.databind.JsonNode tree(DocumentReport report) {
        return MAPPER.valueToTree(report);
    }

    /** The report of a JSON signature with a readable summary of what it signs ("payload": null when not JSON). */
    public static JsonNode tree(DocumentReport report, Optional<JsonSummary> payload) {
        ObjectNode tree = MAPPER.valueToTree(report);
        tree.set("payload", MAPPER.valueToTree(payload.orElse(null)));
        return tree;
    }

    public static String toJson(JsonNode tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree is always serialisable", e);
        }
    }

    /**
     * An XML document's report: the same fields as a PDF's, plus {@code xmlSignatures} (what each signature covers,
     * index for index with {@code signatures}).
     */
    public static JsonNode tree(XmlDocumentReport report) {
        ObjectNode tree = MAPPER.valueToTree(report.report());
        tree.set("xmlSignatures", MAPPER.valueToTree(report.signatures()));
        return tree;
    }

    public static String toJson(XmlDocumentReport report) {
        try {
            return MAPPER.writeValueAsString(tree(report));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report records are always serialisable", e);
        }
    }

    public static String toJson(DocumentReport report) {
        try {
            return MAPPER.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report records are always serialisable", e);
        }
    }
}
