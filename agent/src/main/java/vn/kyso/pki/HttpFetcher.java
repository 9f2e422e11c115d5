package vn.kyso.pki;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;

/**
 * The one HTTP client of the PKI clients: http/https only, bounded time and size, hosts remapped by a
 * {@link UrlRemap}. Redirects are not followed, so a remapped or checked URL is the URL actually fetched.
 */
public final class HttpFetcher {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 10L * 1024 * 1024;

    private final HttpClient client;
    private final Duration readTimeout;
    private final long maxResponseBytes;
    private final UrlRemap remap;

    public HttpFetcher(Duration connectTimeout, Duration readTimeout, long maxResponseBytes, UrlRemap remap) {
        if (maxResponseBytes <= 0 || maxResponseBytes > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("maxResponseBytes out of range: " + maxResponseBytes);
        }
        this.client = HttpClient.newBuilder()
                .sslContext(DeferredTlsTrust.context())
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.readTimeout = readTimeout;
        this.maxResponseBytes = maxResponseBytes;
        this.remap = remap;
    }

    public static HttpFetcher withDefaults() {
        return withRemap(UrlRemap.defaults());
    }

    public static HttpFetcher withRemap(UrlRemap remap) {
        return new HttpFetcher(DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES, remap);
    }

    /** The URL that will really be fetched for {@code url}: remapped, and checked to be http or https. */
    public URI resolve(URI url) throws IOException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IOException("only http and https URLs are fetched, not " + url);
        }
        if (url.getHost() == null) {
            throw new IOException("URL without a host: " + url);
        }
        return remap.apply(url);
    }

    public byte[] get(URI url) throws IOException {
        return send(HttpRequest.newBuilder(resolve(url)).timeout(readTimeout).GET().build());
    }

    public byte[] post(URI url, String contentType, byte[] body) throws IOException {
        return send(HttpRequest.newBuilder(resolve(url)).timeout(readTimeout)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private byte[] send(HttpRequest request) throws IOException {
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new IOException("timed out: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + request.uri(), e);
        }
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " from " + request.uri());
            }
            byte[] body = in.readNBytes((int) maxResponseBytes + 1);
            if (body.length > maxResponseBytes) {
                throw new IOException("response from " + request.uri() + " exceeds " + maxResponseBytes + " bytes");
            }
            return body;
        }
    }
}
