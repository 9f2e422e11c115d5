package vn.kyso.vgca;

import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;

import vn.kyso.errors.KysoException;
import vn.kyso.request.RequestError;

/**
 * The page's credentials for its own document system, as the legacy job carries them: {@code SessionId} and
 * {@code JWTToken}. They go only where {@link UrlPolicy} lets the job go: the JWT as {@code Authorization: Bearer}
 * on the download and the upload, both as text fields of the upload form (the names the old plugin used).
 */
public record Credentials(String sessionId, String jwtToken) {

    public Credentials {
        sessionId = clean(sessionId, "SessionId");
        jwtToken = clean(jwtToken, "JWTToken");
    }

    public static final Credentials NONE = new Credentials(null, null);

    void apply(HttpRequest.Builder request) {
        if (!jwtToken.isEmpty()) {
            request.header("Authorization", "Bearer " + jwtToken);
        }
    }

    /** The legacy form fields, in the old plugin's names; empty values are sent as empty fields, as it did. */
    Map<String, String> formFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("SessionId", sessionId);
        fields.put("JWTToken", jwtToken);
        return fields;
    }

    /** A value with a line break would let a page forge headers or form parts. */
    private static String clean(String value, String name) {
        if (value == null) {
            return "";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new KysoException(RequestError.INVALID_PARAMS, Map.of("param", name), null,
                        name + " must not contain control characters");
            }
        }
        return value.strip();
    }
}
