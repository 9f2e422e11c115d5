package vn.kyso.server;

import java.util.Map;
import java.util.Optional;

import vn.kyso.app.Caller;
import vn.kyso.errors.KysoException;
import vn.kyso.server.peer.PeerIdentity;

/**
 * Decides, before any work, whether an HTTP request or WebSocket upgrade may proceed: the TCP peer must belong to
 * the OS user the agent runs as (another account on the machine can forge an Origin, not the owner of its socket);
 * the Host must be our loopback address (DNS rebinding); a request with an Origin must come from an allowed or
 * person-approved origin; a request without one (a local program, never a browser) must carry the user's local
 * secret. A browser never holds the secret, so an Origin stands in for it — safe only because the peer check has
 * already limited callers to the user's own programs (SECURITY.md, T3).
 */
final class RequestGate {

    private final HostCheck hosts;
    private final OriginPolicy origins;
    private final LocalSecret secret;
    private final PeerIdentity peers;

    RequestGate(HostCheck hosts, OriginPolicy origins, LocalSecret secret, PeerIdentity peers) {
        this.hosts = hosts;
        this.origins = origins;
        this.secret = secret;
        this.peers = peers;
    }

    /** PEER_USER_MISMATCH unless the connection's peer socket is owned by the agent's user (where checkable). */
    PeerIdentity.Verdict admitPeer(PeerIdentity.Connection connection) {
        PeerIdentity.Verdict verdict = peers.check(connection);
        if (!verdict.admits()) {
            throw new KysoException(ServerError.PEER_USER_MISMATCH, Map.of("peer", verdict.name()), null);
        }
        return verdict;
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
