package vn.kyso.vgca;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import vn.kyso.errors.KysoException;

/**
 * Bounds the agent's outgoing VGCA transfers: at most {@code total} at once, and at most {@code perServer} to one
 * document server (scheme, host and port), so a page that points many jobs at a server that never answers holds a
 * few transfers, never all of them, and never a thread per job. A transfer waits a short while for a slot, then is
 * refused with TRANSFERS_BUSY.
 */
final class TransferSlots {

    private final int total;
    private final int perServer;
    private final Duration wait;
    private final Map<String, Integer> byServer = new HashMap<>();
    private int inUse;

    TransferSlots(int total, int perServer, Duration wait) {
        this.total = total;
        this.perServer = perServer;
        this.wait = wait;
    }

    /** A held slot; closing gives it back. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    Slot acquire(URI url) {
        String server = serverOf(url);
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (this) {
            while (inUse >= total || byServer.getOrDefault(server, 0) >= perServer) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new KysoException(VgcaError.TRANSFERS_BUSY, Map.of("host", UrlPolicy.hostOf(url.toString()),
                            "limit", perServer), null, UrlPolicy.hostOf(url.toString()), String.valueOf(perServer));
                }
                try {
                    wait(Math.max(1, left / 1_000_000), (int) (left % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new KysoException(VgcaError.TRANSFERS_BUSY, Map.of("host",
                            UrlPolicy.hostOf(url.toString())), e, UrlPolicy.hostOf(url.toString()),
                            String.valueOf(perServer));
                }
            }
            inUse++;
            byServer.merge(server, 1, Integer::sum);
        }
        return () -> release(server);
    }

    private synchronized void release(String server) {
        inUse--;
        byServer.computeIfPresent(server, (k, n) -> n > 1 ? n - 1 : null);
        notifyAll();
    }

    synchronized int inUse() {
        return inUse;
    }

    private static String serverOf(URI url) {
        return (url.getScheme() + "://" + url.getHost() + ":" + url.getPort()).toLowerCase(Locale.ROOT);
    }
}
