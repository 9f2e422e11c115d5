package vn.kyso.server;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

import vn.kyso.pairing.Pairing;
import vn.kyso.request.WebOrigin;

/**
 * Which web origins may talk to the agent: the administrator's allow-list (machine config) plus origins the person
 * approved ({@link Pairing}). Origins are compared in their serialised form ({@code scheme://host[:port]}, default
 * ports dropped, lower case), exactly — no wildcards, no suffix matching, so {@code https://evil-qlvb.example} never
 * passes for {@code https://qlvb.example}.
 */
public final class OriginPolicy {

    private final Set<String> allowed;
    private final Pairing pairing;

    /** The allow-list alone: nobody is asked. */
    public OriginPolicy(Collection<String> allowedOrigins) {
        this(allowedOrigins, null);
    }

    /** The allow-list, then the person's approvals; {@code pairing} may be null. */
    public OriginPolicy(Collection<String> allowedOrigins, Pairing pairing) {
        this.allowed = WebOrigin.normaliseAll(allowedOrigins);
        this.pairing = pairing;
    }

    /** Allowed without asking anyone (allow-list, or already approved). */
    public boolean allows(String origin) {
        return admits(origin, false);
    }

    /**
     * Allowed, asking the person when {@code mayAsk} and the origin is new. The call then blocks until the person
     * answers or the dialog times out.
     */
    boolean admits(String origin, boolean mayAsk) {
        Optional<String> normal = normalise(origin);
        if (normal.isEmpty()) {
            return false;
        }
        if (allowed.contains(normal.get())) {
            return true;
        }
        return pairing != null && pairing.admit(normal.get(), mayAsk).allowed();
    }

    public Set<String> allowed() {
        return allowed;
    }

    /** The RFC 6454 serialisation of an origin, or empty for anything that is not one (including "null"). */
    public static Optional<String> normalise(String origin) {
        return WebOrigin.normalise(origin);
    }
}
