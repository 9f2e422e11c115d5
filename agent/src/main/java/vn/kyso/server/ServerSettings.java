package vn.kyso.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The bridge's settings, built through {@link #builder()}: every value has a default except the secret file, and a
 * value out of range is refused when the settings are built, not when the server first needs it.
 *
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

        public Limits {
            atLeast("maxConnections", maxConnections, 1);
            atLeast("maxConnectionsPerOrigin", maxConnectionsPerOrigin, 1);
            atLeast("maxPendingPerOrigin", maxPendingPerOrigin, 1);
            positive("requestTimeout", requestTimeout);
        }

        /** 32 connections, 8 per origin, 4 pending signing requests per origin, 10 minutes per request. */
        public static Limits defaults() {
            return new Limits(32, 8, 4, Duration.ofMinutes(10));
        }
    }

    /**
     * What all callers together can make the agent spend (docs/protocol.md, "Limits"). Built through
     * {@link #builder()}.
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

        public Budgets {
            atLeast("maxRequestsPerConnection", maxRequestsPerConnection, 1);
            atLeast("maxRequestsPerOrigin", maxRequestsPerOrigin, maxRequestsPerConnection);
            atLeast("workerThreads", workerThreads, 1);
            atLeast("documentMemoryBytes", documentMemoryBytes, 0);
            atLeast("documentDiskBytes", documentDiskBytes, 0);
            atLeast("spillAboveBytes", spillAboveBytes, 0);
        }

        /** 8 requests per connection, 16 per origin, 32 workers; 128 MiB in memory, 2 GiB in files (above 4 MiB). */
        public static Budgets defaults() {
            return builder().build();
        }

        public static Builder builder() {
            return new Builder();
        }

        public Budgets withSpillFolder(Path folder) {
            return new Budgets(maxRequestsPerConnection, maxRequestsPerOrigin, workerThreads, documentMemoryBytes,
                    documentDiskBytes, spillAboveBytes, folder);
        }

        /** The defaults of {@link Budgets#defaults()}, each changeable; checked by {@link #build()}. */
        public static final class Builder {
            private int maxRequestsPerConnection = 8;
            private int maxRequestsPerOrigin = 16;
            private int workerThreads = 32;
            private long documentMemoryBytes = 128L << 20;
            private long documentDiskBytes = 2L << 30;
            private long spillAboveBytes = 4L << 20;
            private Path spillFolder;

            private Builder() {
            }

            public Builder maxRequestsPerConnection(int value) {
                maxRequestsPerConnection = value;
                return this;
            }

            public Builder maxRequestsPerOrigin(int value) {
                maxRequestsPerOrigin = value;
                return this;
            }

            public Builder workerThreads(int value) {
                workerThreads = value;
                return this;
            }

            public Builder documentMemoryBytes(long value) {
                documentMemoryBytes = value;
                return this;
            }

            public Builder documentDiskBytes(long value) {
                documentDiskBytes = value;
                return this;
            }

            public Builder spillAboveBytes(long value) {
                spillAboveBytes = value;
                return this;
            }

            public Builder spillFolder(Path value) {
                spillFolder = value;
                return this;
            }

            public Budgets build() {
                return new Budgets(maxRequestsPerConnection, maxRequestsPerOrigin, workerThreads,
                        documentMemoryBytes, documentDiskBytes, spillAboveBytes, spillFolder);
            }
        }
    }

    public static final int DEFAULT_PORT = 18443;
    /**
     * Ports tried from the configured one when lower ones are held by other users' agents: 18443–18452 by default.
     * Clients look for their user's agent in the same range (docs/protocol.md).
     */
    public static final int PORT_RANGE = 10;

    public ServerSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("ServerSettings: port must be 0–65535 (0 picks a free one), was "
                    + port);
        }
        allowedOrigins = List.copyOf(Objects.requireNonNull(allowedOrigins, "ServerSettings: allowedOrigins"));
        Objects.requireNonNull(secretFile, "ServerSettings: secretFile is required");
        // a frame must at least hold a request naming a method and a document id
        atLeast("maxTextFrameBytes", maxTextFrameBytes, 1024);
        positive("idleTimeout", idleTimeout);
        atLeast("maxDocumentBytes", maxDocumentBytes, 1);
        atLeast("maxDocumentsPerConnection", maxDocumentsPerConnection, 1);
        Objects.requireNonNull(limits, "ServerSettings: limits");
        Objects.requireNonNull(budgets, "ServerSettings: budgets");
    }

    /** Settings with every default: 1 MiB frames, 30 minutes idle, 100 MB per document, ten per connection. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return builder().port(port).allowedOrigins(allowedOrigins).secretFile(secretFile)
                .maxTextFrameBytes(maxTextFrameBytes).idleTimeout(idleTimeout).maxDocumentBytes(maxDocumentBytes)
                .maxDocumentsPerConnection(maxDocumentsPerConnection).limits(limits).budgets(budgets);
    }

    public ServerSettings withPort(int newPort) {
        return toBuilder().port(newPort).build();
    }

    public ServerSettings withLimits(Limits newLimits) {
        return toBuilder().limits(newLimits).build();
    }

    public ServerSettings withBudgets(Budgets newBudgets) {
        return toBuilder().budgets(newBudgets).build();
    }

    /** Collects the settings; {@link #build()} checks them all at once. */
    public static final class Builder {
        private int port = DEFAULT_PORT;
        private List<String> allowedOrigins = List.of();
        private Path secretFile;
        private int maxTextFrameBytes = 1 << 20;
        private Duration idleTimeout = Duration.ofMinutes(30);
        private long maxDocumentBytes = 100L * 1024 * 1024;
        private int maxDocumentsPerConnection = 10;
        private Limits limits = Limits.defaults();
        private Budgets budgets = Budgets.defaults();

        private Builder() {
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder allowedOrigins(List<String> value) {
            allowedOrigins = value;
            return this;
        }

        public Builder secretFile(Path value) {
            secretFile = value;
            return this;
        }

        public Builder maxTextFrameBytes(int value) {
            maxTextFrameBytes = value;
            return this;
        }

        public Builder idleTimeout(Duration value) {
            idleTimeout = value;
            return this;
        }

        public Builder maxDocumentBytes(long value) {
            maxDocumentBytes = value;
            return this;
        }

        public Builder maxDocumentsPerConnection(int value) {
            maxDocumentsPerConnection = value;
            return this;
        }

        public Builder limits(Limits value) {
            limits = value;
            return this;
        }

        public Builder budgets(Budgets value) {
            budgets = value;
            return this;
        }

        public ServerSettings build() {
            return new ServerSettings(port, allowedOrigins, secretFile, maxTextFrameBytes, idleTimeout,
                    maxDocumentBytes, maxDocumentsPerConnection, limits, budgets);
        }
    }

    private static void atLeast(String name, long value, long least) {
        if (value < least) {
            throw new IllegalArgumentException("ServerSettings: " + name + " must be at least " + least + ", was "
                    + value);
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("ServerSettings: " + name + " must be a positive duration, was "
                    + value);
        }
    }
}
