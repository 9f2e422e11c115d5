package vn.kyso.vgca;

import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;

import vn.kyso.request.CallerText;

/**
 * The page's credentials for its own document system, as the legacy job carries them: {@code SessionId} and
 * {@code JWTToken}. They go only where {@link UrlPolicy} lets the job go: the JWT as {@code Authorization: Bearer}
 * on the download and the upload, both as text fields of the upload form (the names the old plugin used).
 */
public record Credentials(String sessionId, String jwtToken) {

    /** A session id longer than this is no session id. */
    static final int MAX_SESSION_ID = 1024;

    /** Checked before anything is sent: a line break or U+2028 would forge headers or form parts. */
    public Credentials {
        sessionId = CallerText.credential("SessionId", sessionId, MAX_SESSION_ID);
        jwtToken = CallerText.credential("JWTToken", jwtToken, CallerText.MAX_CREDENTIAL);
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
}
