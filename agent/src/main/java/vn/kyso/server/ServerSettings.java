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
 * @param budgets                  requests in flight, worker threads, and memory and disk for documents
 */
public record ServerSettings(int port, List<String> allowedOrigins, Path secretFile, int maxTextFrameBytes,
                             Duration idleTimeout, long maxDocumentBytes, int maxDocumentsPerConnection,
                             Limits limits, Budgets budgets) {

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

    /**
     * What all callers together can make the agent spend (docs/protocol.md, "Limits").
     *
     * @param maxRequestsPerConnection requests of one connection being worked on at once; more are answered
     *                                 TOO_MANY_REQUESTS at once, never queued
     * @param maxRequestsPerOrigin     requests of one origin (all its connections) being worked on at once
     * @param workerThreads            threads working on requests of all connections
     * @param documentMemoryBytes      document bytes all connections together keep in memory
     * @param documentDiskBytes        document bytes all connections together keep in private files
     * @param spillAboveBytes          a document larger than this goes to a private file even when memory has room
     * @param spillFolder              the user's own folder for those files; null: a private temporary folder
     */
    public record Budgets(int maxRequestsPerConnection, int maxRequestsPerOrigin, int workerThreads,
                          long documentMemoryBytes, long documentDiskBytes, long spillAboveBytes, Path spillFolder) {

        /** 8 requests per connection, 16 per origin, 32 workers; 128 MiB in memory, 2 GiB in files (above 4 MiB). */
        public static Budgets defaults() {
            return new Budgets(8, 16, 32, 128L << 20, 2L << 30, 4L << 20, null);
        }

        public Budgets withSpillFolder(Path folder) {
            return new Budgets(maxRequestsPerConnection, maxRequestsPerOrigin, workerThreads, documentMemoryBytes,
                    documentDiskBytes, spillAboveBytes, folder);
        }
    }

    public static final int DEFAULT_PORT = 18443;
    /**
     * Ports tried from the configured one when lower ones are held by other users' agents: 18443–18452 by default.
     * Clients look for their user's agent in the same range (docs/protocol.md).
     */
    public static final int PORT_RANGE = 10;

    public ServerSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
        if (limits == null) {
            limits = Limits.defaults();
        }
        if (budgets == null) {
            budgets = Budgets.defaults();
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
                maxDocumentsPerConnection, Limits.defaults(), Budgets.defaults());
    }

    public static ServerSettings defaults(List<String> allowedOrigins, Path secretFile) {
        return new ServerSettings(DEFAULT_PORT, allowedOrigins, secretFile, 1 << 20, Duration.ofMinutes(30));
    }

    public ServerSettings withPort(int newPort) {
        return new ServerSettings(newPort, allowedOrigins, secretFile, maxTextFrameBytes, idleTimeout,
                maxDocumentBytes, maxDocumentsPerConnection, limits, budgets);
    }

    public ServerSettings withLimits(Limits newLimits) {
        return new ServerSettings(port, allowedOrigins, secretFile, maxTextFrameBytes, idleTimeout,
                maxDocumentBytes, maxDocumentsPerConnection, newLimits, budgets);
    }

    public ServerSettings withBudgets(Budgets newBudgets) {
        return new ServerSettings(port, allowedOrigins, secretFile, maxTextFrameBytes, idleTimeout,
                maxDocumentBytes, maxDocumentsPerConnection, limits, newBudgets);
    }
}
