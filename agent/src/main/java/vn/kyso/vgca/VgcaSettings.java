package vn.kyso.vgca;

import java.time.Duration;
import java.util.List;

/**
 * @param allowedUrls      origins file jobs may use besides the calling page's own ({@code vgca.urls.allowed})
 * @param images           the configured signature and seal images
 * @param maxDocumentBytes largest document downloaded (the same limit as documents sent over the socket)
 * @param timeout          one deadline per download or upload, headers and body together
 */
public record VgcaSettings(List<String> allowedUrls, StampImages images, long maxDocumentBytes, Duration timeout) {

    public static final long DEFAULT_MAX_DOCUMENT_BYTES = 100L * 1024 * 1024;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public VgcaSettings {
        allowedUrls = List.copyOf(allowedUrls);
    }

    public static VgcaSettings of(List<String> allowedUrls, StampImages images) {
        return new VgcaSettings(allowedUrls, images, DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_TIMEOUT);
    }
}
