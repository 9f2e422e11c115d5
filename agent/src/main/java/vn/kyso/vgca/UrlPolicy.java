package vn.kyso.vgca;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import vn.kyso.errors.KysoException;
import vn.kyso.request.WebOrigin;

/**
 * Where a VGCA file job may download from and upload to: the calling page's own origin, or an origin the administrator
 * allowed ({@code vgca.urls.allowed}), compared exactly (scheme, host and port). The old plugin went wherever a page
 * pointed it, which let any page that reached it fetch intranet files or post signed documents to a third party.
 * Checked before any network I/O; redirects are checked again by {@link DocumentTransfer}.
 */
public final class UrlPolicy {

    private final Set<String> allowed;

    public UrlPolicy(Collection<String> allowedOrigins) {
        this.allowed = WebOrigin.normaliseAll(allowedOrigins);
    }

    public Set<String> allowed() {
        return allowed;
    }

    /**
     * @param callerOrigin the page's origin from the session (empty for a local program, which only gets the
     *                     allow-list)
     * @return the parsed URL
     */
    public URI check(String url, Optional<String> callerOrigin) {
        URI uri = parse(url);
        String origin = originOf(uri);
        boolean ownOrigin = callerOrigin.flatMap(WebOrigin::normalise).map(origin::equals).orElse(false);
        if (!ownOrigin && !allowed.contains(origin)) {
            throw refused(url, "not on the calling page's origin (" + callerOrigin.orElse("none")
                    + ") nor on the allow-list");
        }
        return uri;
    }

    /** A redirect must stay on the origin the page named: a redirect is the server's choice, not the page's. */
    public static URI checkRedirect(URI from, String location) {
        URI target;
        try {
            target = from.resolve(new URI(location.trim()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw refused(location, "the redirect target is not a valid URL");
        }
        URI parsed = parse(target.toString());
        if (!originOf(parsed).equals(originOf(from))) {
            throw refused(target.toString(), "redirect from " + originOf(from) + " to another origin");
        }
        return parsed;
    }

    /** Only absolute http(s) URLs with a host and without user:password. */
    static URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw refused(String.valueOf(url), "empty");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw refused(url, "not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refused(url, "only http and https are allowed");
        }
        if (uri.getRawUserInfo() != null) {
            throw refused(url, "user names or passwords in URLs are not allowed");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw refused(url, "no host");
        }
        return uri;
    }

    static String originOf(URI uri) {
        return WebOrigin.normalise(uri.getScheme() + "://" + uri.getHost()
                        + (uri.getPort() == -1 ? "" : ":" + uri.getPort()))
                .orElseThrow(() -> refused(uri.toString(), "no origin"));
    }

    static String hostOf(String url) {
        try {
            URI uri = new URI(url.trim());
            return uri.getHost() == null ? "" : uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        } catch (URISyntaxException | RuntimeException e) {
            return "";
        }
    }

    private static KysoException refused(String url, String reason) {
        return new KysoException(VgcaError.URL_NOT_ALLOWED, Map.of("url", shorten(url)), null, shorten(url), reason);
    }

    /** URLs may carry tokens in their query: messages and logs keep scheme, host and path only. */
    static String shorten(String url) {
        try {
            URI uri = new URI(url.trim());
            if (uri.getHost() != null) {
                return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
                        + (uri.getRawPath() == null ? "" : uri.getRawPath());
            }
        } catch (URISyntaxException | RuntimeException ignored) {
            // not a URL: shown cut short below
        }
        return url.length() > 80 ? url.substring(0, 80) + "…" : url;
    }
}
