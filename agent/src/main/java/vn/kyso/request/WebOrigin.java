package vn.kyso.request;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Web origins in their RFC 6454 serialisation: {@code scheme://host[:port]}, default port dropped, lower case. */
public final class WebOrigin {

    private WebOrigin() {
    }

    /** The serialised origin, or empty for anything that is not an http(s) origin (including "null"). */
    public static Optional<String> normalise(String origin) {
        if (origin == null || origin.isBlank() || origin.equals("null")) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(origin.trim());
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null
                    || uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                return Optional.empty();
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The serialised forms of {@code origins}, anything that is not an origin left out. */
    public static Set<String> normaliseAll(Collection<String> origins) {
        return origins.stream().map(WebOrigin::normalise).flatMap(Optional::stream)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** True for {@code http://localhost}, {@code http://127.0.0.1} and {@code http://[::1]}, any port. */
    public static boolean isLoopbackHttp(String normalised) {
        if (!normalised.startsWith("http://")) {
            return false;
        }
        String host = normalised.substring("http://".length()).replaceFirst(":\\d+$", "");
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    }
}
