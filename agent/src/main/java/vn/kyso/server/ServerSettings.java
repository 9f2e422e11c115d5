package vn.kyso.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * @param port              loopback port; 18443 by default (docs/protocol.md); 0 picks a free one (tests)
 * @param allowedOrigins    origins provisioned by IT (machine configuration)
 * @param secretFile        the per-user secret for local programs
 * @param maxTextFrameBytes largest JSON request accepted
 * @param idleTimeout       a silent connection is closed after this long
 */
public record ServerSettings(int port, List<String> allowedOrigins, Path secretFile, int maxTextFrameBytes,
                             Duration idleTimeout, long maxDocumentBytes, int maxDocumentsPerConnection) {

    /** 100 MB per document (the default), ten documents per connection. */
    public ServerSettings(int port, List<String> allowedOrigins, Path secretFile, int maxTextFrameBytes,
                          Duration idleTimeout) {
        this(port, allowedOrigins, secretFile, maxTextFrameBytes, idleTimeout, 100L * 1024 * 1024, 10);
    }

    public static final int DEFAULT_PORT = 18443;

    public ServerSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    public static ServerSettings defaults(List<String> allowedOrigins, Path secretFile) {
        return new ServerSettings(DEFAULT_PORT, allowedOrigins, secretFile, 1 << 20, Duration.ofMinutes(30));
    }

    public ServerSettings withPort(int newPort) {
        return new ServerSettings(newPort, allowedOrigins, secretFile, maxTextFrameBytes, idleTimeout,
                maxDocumentBytes, maxDocumentsPerConnection);
    }
}
