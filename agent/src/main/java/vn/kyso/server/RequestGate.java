package vn.kyso.server;

import java.util.Map;
import java.util.Optional;

import vn.kyso.app.Caller;
import vn.kyso.errors.KysoException;

/**
 * Decides, before any work, whether an HTTP request or WebSocket upgrade may proceed: the Host must be our loopback
 * address (DNS rebinding); a request with an Origin must come from an allowed or person-approved origin; a request
 * without one (a local program, never a browser) must carry the user's local secret.
 */
final class RequestGate {

    private final HostCheck hosts;
    private final OriginPolicy origins;
    private final LocalSecret secret;

    RequestGate(HostCheck hosts, OriginPolicy origins, LocalSecret secret) {
        this.hosts = hosts;
        this.origins = origins;
        this.secret = secret;
    }

    Caller admit(String host, String origin, String authorization) {
        return admit(host, origin, authorization, false);
    }

    /**
     * @param mayAskPerson true for a WebSocket upgrade: a new origin's request then waits while the person is asked
     *                     (pairing); every other request is decided without asking
     */
    Caller admit(String host, String origin, String authorization, boolean mayAskPerson) {
        if (!hosts.accepts(host)) {
            throw new KysoException(ServerError.HOST_NOT_ALLOWED, Map.of(), null, String.valueOf(host));
        }
        if (origin != null) {
            if (!origins.admits(origin, mayAskPerson)) {
                throw new KysoException(ServerError.ORIGIN_NOT_ALLOWED, Map.of("origin", origin), null, origin);
            }
            return new Caller(OriginPolicy.normalise(origin));
        }
        if (secret == null || !secret.matches(authorization)) {
            throw new KysoException(ServerError.LOCAL_SECRET_REQUIRED);
        }
        return new Caller(Optional.empty());
    }

    /** Health probes from local programs: only the Host check applies. */
    Caller admitLocalHealth(String host) {
        if (!hosts.accepts(host)) {
            throw new KysoException(ServerError.HOST_NOT_ALLOWED, Map.of(), null, String.valueOf(host));
        }
        return new Caller(Optional.empty());
    }
}
