package vn.kyso.server;

import java.util.Map;
import java.util.Optional;

import vn.kyso.errors.KysoException;

/**
 * Decides, before any work, whether an HTTP request or WebSocket upgrade may proceed: the Host must be our loopback
 * address (DNS rebinding); a request with an Origin must come from an allowed origin; a request without one (a
 * local program, never a browser) must carry the user's local secret.
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
        if (!hosts.accepts(host)) {
            throw new KysoException(ServerError.HOST_NOT_ALLOWED, Map.of(), null, String.valueOf(host));
        }
        if (origin != null) {
            if (!origins.allows(origin)) {
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
