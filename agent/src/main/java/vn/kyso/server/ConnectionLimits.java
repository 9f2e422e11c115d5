package vn.kyso.server;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import vn.kyso.app.Caller;
import vn.kyso.app.ProtocolError;
import vn.kyso.errors.KysoException;

/**
 * Counts what each origin holds open — connections, and signing requests waiting for the person or the token — so
 * that one page (or a runaway script) cannot exhaust the agent or pile dialogs on the user. Local programs share one
 * count.
 */
final class ConnectionLimits {

    private final ServerSettings.Limits limits;
    private final int maxRequestsPerOrigin;
    private final Map<String, Integer> connections = new HashMap<>();
    private final Map<String, Integer> pending = new HashMap<>();
    private final Map<String, Integer> working = new HashMap<>();
    private int total;

    ConnectionLimits(ServerSettings.Limits limits, ServerSettings.Budgets budgets) {
        this.limits = limits;
        this.maxRequestsPerOrigin = budgets.maxRequestsPerOrigin();
    }

    /**
     * Counts a request of this origin in, unless as many as allowed are already being worked on: one origin's flood
     * cannot take every worker thread from the others.
     */
    synchronized boolean beginRequest(Caller caller) {
        String key = key(caller);
        int now = working.getOrDefault(key, 0);
        if (now >= maxRequestsPerOrigin) {
            return false;
        }
        working.put(key, now + 1);
        return true;
    }

    synchronized void endRequest(Caller caller) {
        working.computeIfPresent(key(caller), (k, n) -> n > 1 ? n - 1 : null);
    }

    /** TOO_MANY_CONNECTIONS when the agent or this origin is full; otherwise the connection is counted. */
    synchronized void open(Caller caller) {
        String key = key(caller);
        int ofOrigin = connections.getOrDefault(key, 0);
        if (total >= limits.maxConnections()) {
            throw new KysoException(ServerError.TOO_MANY_CONNECTIONS, Map.of("limit", limits.maxConnections()), null,
                    String.valueOf(limits.maxConnections()));
        }
        if (ofOrigin >= limits.maxConnectionsPerOrigin()) {
            throw new KysoException(ServerError.TOO_MANY_CONNECTIONS, Map.of("limit",
                    limits.maxConnectionsPerOrigin(), "origin", caller.describe()), null,
                    String.valueOf(limits.maxConnectionsPerOrigin()));
        }
        connections.put(key, ofOrigin + 1);
        total++;
    }

    synchronized void close(Caller caller) {
        String key = key(caller);
        connections.computeIfPresent(key, (k, n) -> n > 1 ? n - 1 : null);
        total = Math.max(0, total - 1);
    }

    /** TOO_MANY_PENDING_PROMPTS when this origin already waits on as many signing requests as allowed. */
    synchronized void beginPending(Caller caller) {
        String key = key(caller);
        int waiting = pending.getOrDefault(key, 0);
        if (waiting >= limits.maxPendingPerOrigin()) {
            throw new KysoException(ProtocolError.TOO_MANY_PENDING_PROMPTS, Map.of("limit",
                    limits.maxPendingPerOrigin()), null, caller.describe());
        }
        pending.put(key, waiting + 1);
    }

    synchronized void endPending(Caller caller) {
        pending.computeIfPresent(key(caller), (k, n) -> n > 1 ? n - 1 : null);
    }

    synchronized int connections() {
        return total;
    }

    private static String key(Caller caller) {
        Optional<String> origin = caller.origin();
        return origin.orElse("");
    }
}
