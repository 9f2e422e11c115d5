package vn.kyso.server;

import java.util.Locale;
import java.util.Set;

/**
 * DNS-rebinding defence: a browser that resolved an attacker's name to 127.0.0.1 still sends that name in Host,
 * so only the loopback names of our own port are accepted.
 */
final class HostCheck {

    private final Set<String> accepted;

    HostCheck(int port) {
        this.accepted = Set.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port);
    }

    boolean accepts(String hostHeader) {
        return hostHeader != null && accepted.contains(hostHeader.trim().toLowerCase(Locale.ROOT));
    }
}
