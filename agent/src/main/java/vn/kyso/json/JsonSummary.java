package vn.kyso.json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import vn.kyso.errors.KysoException;

/**
 * What a JSON payload says, in a few readable lines for the consent dialog and the verification report: the leaf
 * values with their paths ("kyKeKhai.thang: 11"), in document order, arrays shortened. The text comes from the
 * document, so control and bidirectional-override characters are replaced (a payload must not be able to redraw
 * the dialog) and every line is cut.
 *
 * @param lines  at most {@link #MAX_LINES} lines
 * @param values how many leaf values the payload has in all
 */
public record JsonSummary(List<String> lines, int values) {

    public static final int MAX_LINES = 12;
    static final int MAX_LINE = 120;
    private static final int ARRAY_ITEMS_SHOWN = 3;

    public JsonSummary {
        lines = List.copyOf(lines);
    }

    /** @throws KysoException JSON_INVALID or JSON_TOO_LARGE */
    public static JsonSummary of(byte[] payload) {
        JsonNode root = StrictJson.parse(payload, StrictJson.MAX_DOCUMENT_BYTES, JsonSignatureError.JSON_INVALID);
        List<String> lines = new ArrayList<>();
        int[] count = {0};
        walk("", root, lines, count);
        if (count[0] > lines.size()) {
            lines.add("… (" + (count[0] - lines.size()) + " more / thêm " + (count[0] - lines.size()) + ")");
        }
        return new JsonSummary(lines, count[0]);
    }

    /**
     * The summary of what a JWS signs: its embedded payload, or {@code detached} when given; empty when that is not
     * JSON or the JWS cannot be read (the verification report says why).
     */
    public static java.util.Optional<JsonSummary> ofSigned(byte[] jws, byte[] detached) {
        try {
            return java.util.Optional.of(of(detached != null ? detached : JwsDocument.parse(jws).payloadBytes()));
        } catch (KysoException | IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    public String text() {
        return String.join("\n", lines);
    }

    private static void walk(String path, JsonNode node, List<String> lines, int[] count) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                walk(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), lines, count);
            }
        } else if (node.isArray()) {
            int shown = 0;
            for (JsonNode item : node) {
                if (shown++ == ARRAY_ITEMS_SHOWN) {
                    add(lines, count, path + ": [" + node.size() + " items / mục]");
                    return;
                }
                walk(path + "[" + (shown - 1) + "]", item, lines, count);
            }
        } else {
            add(lines, count, (path.isEmpty() ? "" : path + ": ") + (node.isTextual() ? node.textValue()
                    : node.toString()));
        }
    }

    private static void add(List<String> lines, int[] count, String line) {
        count[0]++;
        if (lines.size() < MAX_LINES) {
            String clean = line.replaceAll("[\\p{Cntrl}\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]", " ");
            lines.add(clean.length() > MAX_LINE ? clean.substring(0, MAX_LINE - 1) + "…" : clean);
        }
    }
}
