package vn.kyso.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * @param port                     loopback port; 18443 by default (docs/protocol.md); 0 picks a free one (tests)
 * @param allowedOrigins           origins provisioned by IT (machine configuration)
 * @param secretFile               the per-user secret for local programs
 * @param maxTextFrameBytes        largest JSON request accepted
 * @param idleTimeout              a silent connection is closed after this long
 * @param maxDocumentBytes         largest document a connection may upload
 * @param maxDocumentsPerConnection documents (uploads, results, prepared signatures) one connection may hold
 * @param limits                   connections, pending signing requests and request time
 */
public record ServerSettings(int port, List<String> allowedOrigins, Path secretFile, int maxTextFrameBytes,
                             Duration idleTimeout, long maxDocumentBytes, int maxDocumentsPerConnection,
                             Limits limits) {

    /**
     * @param maxConnections           open WebSockets in all
     * @param maxConnectionsPerOrigin  open WebSockets of one origin (local programs count as one origin)
     * @param maxPendingPerOrigin      signing requests of one origin waiting for the person or the token at once
     * @param requestTimeout           a request not answered by then is answered REQUEST_TIMEOUT
     */
    public record Limits(int maxConnections, int maxConnectionsPerOrigin, int maxPendingPerOrigin,
                         Duration requestTimeout) {

        /** 32 connections, 8 per origin, 4 pending signing requests per origin, 10 minutes per request. */
        public static Limits defaults() {
            return new Limits(32, 8, 4, Duration.ofMinutes(10));
        }
    }

    public static final int DEFAULT_PORT = 18443;

    public ServerSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
        if (limits == null) {
            limits = Limits.defaults();
        }
    }

    /** 100 MB per document (the default), ten documents per connection. */
    public ServerSettings(int port, List<String> allowedOrigins, Path secretFile, int maxTextFrameBytes,
                          Duration idleTimeout) {
        this(port, allowedOrigins, secretFile, maxTextFrameBytes, idleTimeout, 100L * 1024 * 1024, 10);
    }

    public ServerSettings(int port, List<String> allowedOrigins, Path secretFile, int maxTextFrameBytes,
                          Duration idleTimeout, long maxDocumentBytes, int maxDocumentsPerConnection) {
        this(port, allowedOrigins, secretFile, maxTextFrameBytes, idleTimeout, maxDocumentBytes,
                maxDocumentsPerConnection, Limits.defaults());
    }

    public static ServerSettings defaults(List<String> allowedOrigins, Path secretFile) {
        return new ServerSettings(DEFAULT_PORT, allowedOrigins, secretFile, 1 << 20, Duration.ofMinutes(30));
    }

    public ServerSettings withPort(int newPort) {
        return new ServerSettings(newPort, allowedOrigins, secretFile, maxTextFrameBytes, idleTimeout,
                maxDocumentBytes, maxDocumentsPerConnection, limits);
    }

    public ServerSettings withLimits(Limits newLimits) {
        return new ServerSettings(port, allowedOrigins, secretFile, maxTextFrameBytes, idleTimeout,
                maxDocumentBytes, maxDocumentsPerConnection, newLimits);
    }
}
