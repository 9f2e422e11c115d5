package vn.kyso.json;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.kyso.errors.KysoException;

/**
 * The one JSON reader of the engine, strict and bounded: a size limit checked before parsing, nesting depth and
 * string length limited while parsing, duplicate member names refused (two "alg" members could mean one thing to us
 * and another to the next validator) and nothing allowed after the value.
 */
public final class StrictJson {

    /** Largest JSON payload or JWS document accepted, signing and verifying alike. */
    public static final int MAX_DOCUMENT_BYTES = 32 * 1024 * 1024;
    /** JSON nesting deeper than any real document needs; deeper input is refused, not recursed into. */
    public static final int MAX_DEPTH = 64;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_DOCUMENT_BYTES).maxNumberLength(100).build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private StrictJson() {
    }

    /**
     * @param error the code to report malformed input with (JSON_INVALID for a payload, JWS_UNREADABLE for a header)
     * @throws KysoException JSON_TOO_LARGE over {@code maxBytes}, else {@code error}
     */
    public static JsonNode parse(byte[] json, int maxBytes, JsonSignatureError error) {
        requireSize(json.length, maxBytes);
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new KysoException(error, "empty");
            }
            return node;
        } catch (IOException e) {
            throw new KysoException(error, firstLine(e.getMessage()));
        }
    }

    /** True when the first character after whitespace (and a UTF-8 byte order mark) opens a JSON object or array. */
    public static boolean looksLikeJson(byte[] bytes) {
        int i = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF
                ? 3 : 0;
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == '\t')) {
            i++;
        }
        return i < bytes.length && (bytes[i] == '{' || bytes[i] == '[');
    }

    public static void requireSize(long bytes, long maxBytes) {
        if (bytes > maxBytes) {
            throw new KysoException(JsonSignatureError.JSON_TOO_LARGE, String.valueOf(bytes), String.valueOf(maxBytes));
        }
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }

    private static String firstLine(String message) {
        String text = message == null ? "unreadable" : message;
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
