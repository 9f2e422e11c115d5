package vn.kyso.server;

/**
 * The WebSocket close codes of the protocol (RFC 6455, section 7.4.1; docs/protocol.md). Jetty itself closes with
 * {@link #MESSAGE_TOO_BIG} when a frame exceeds its limit.
 */
enum CloseCode {
    /** The origin's approval was withdrawn while connected. */
    POLICY_VIOLATION(1008),
    /** A frame larger than the protocol allows. */
    MESSAGE_TOO_BIG(1009),
    /** The agent is full (connections); the client may retry later. */
    TRY_AGAIN_LATER(1013);

    private final int code;

    CloseCode(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }
}
