package vn.kyso.server;

import java.net.URI;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web origins may talk to the agent: the administrator's allow-list (machine config) plus origins the person
 * approved. Origins are compared in their serialised form ({@code scheme://host[:port]}, default ports dropped,
 * lower case), exactly — no wildcards, no suffix matching, so {@code https://evil-qlvb.example} never passes for
 * {@code https://qlvb.example}.
 */
public final class OriginPolicy {

    private final Set<String> allowed;

    public OriginPolicy(Collection<String> allowedOrigins) {
        this.allowed = allowedOrigins.stream().map(OriginPolicy::normalise).flatMap(Optional::stream)
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean allows(String origin) {
        return origin != null && normalise(origin).map(allowed::contains).orElse(false);
    }

    public Set<String> allowed() {
        return allowed;
    }

    /** The RFC 6454 serialisation of an origin, or empty for anything that is not one (including "null"). */
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
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
