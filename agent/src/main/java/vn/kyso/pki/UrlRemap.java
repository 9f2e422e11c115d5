package vn.kyso.pki;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Rewrites the host of a URL found in a certificate before it is fetched. The real VGCA PKI needs this: some
 * certificates carry {@code http://ocsp.ca.ptc}, a name that only resolves inside the government network.
 *
 * @param hosts lower-case host name → replacement {@code host} or {@code host:port} (without a port the
 *              original port is kept)
 */
public record UrlRemap(Map<String, String> hosts) {

    public UrlRemap {
        Map<String, String> normalised = new LinkedHashMap<>();
        hosts.forEach((from, to) -> normalised.put(from.toLowerCase(Locale.ROOT), to));
        hosts = Map.copyOf(normalised);
    }

    /** The mapping the real VGCA PKI needs. */
    public static UrlRemap defaults() {
        return new UrlRemap(Map.of("ocsp.ca.ptc", "ocsp.ca.gov.vn"));
    }

    public static UrlRemap none() {
        return new UrlRemap(Map.of());
    }

    /** A copy with one more entry (replacing an existing entry for the same host). */
    public UrlRemap with(String host, String replacement) {
        Map<String, String> more = new LinkedHashMap<>(hosts);
        more.put(host.toLowerCase(Locale.ROOT), replacement);
        return new UrlRemap(more);
    }

    public URI apply(URI url) {
        String host = url.getHost();
        String replacement = host == null ? null : hosts.get(host.toLowerCase(Locale.ROOT));
        if (replacement == null) {
            return url;
        }
        URI target = URI.create("//" + replacement);
        int port = target.getPort() >= 0 ? target.getPort() : url.getPort();
        try {
            return new URI(url.getScheme(), url.getUserInfo(), target.getHost(), port, url.getPath(),
                    url.getQuery(), url.getFragment());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot remap " + url + " to " + replacement, e);
        }
    }
}
