package vn.kyso.server.peer;

import java.net.InetAddress;
import java.util.Locale;

/**
 * Which operating-system user holds the other end of a loopback TCP connection, compared with the user the agent
 * runs as. The loopback port is reachable by every account on the machine (a Remote Desktop host, a shared Linux
 * workstation, a service account); the Origin header and the local secret are only words the caller sends, while the
 * owner of the peer socket is what the kernel knows. Each platform answers it its own way:
 * <ul>
 *   <li>Linux: the socket table in {@code /proc/net/tcp} and {@code tcp6} carries each socket's owner uid
 *       ({@link LinuxPeerIdentity});</li>
 *   <li>Windows: {@code GetExtendedTcpTable} names the owning process, whose token names the user's SID
 *       ({@link WindowsPeerIdentity});</li>
 *   <li>macOS and others: no supported way without native code or spawning {@code lsof} per request, so the peer
 *       is {@linkplain Verdict#NOT_CHECKED not checked} and the Origin allow-list and the local secret alone decide
 *       (SECURITY.md says so).</li>
 * </ul>
 */
public interface PeerIdentity {

    /** The answer for one connection. */
    enum Verdict {
        /** The peer socket belongs to the agent's own user. */
        SAME_USER,
        /** The peer socket belongs to another user. */
        OTHER_USER,
        /** The peer socket could not be found or its owner not read: refused, like another user. */
        UNKNOWN,
        /** This platform offers no way to tell (macOS): the other gates decide. */
        NOT_CHECKED;

        /** Whether the request may go on to the other checks. */
        public boolean admits() {
            return this == SAME_USER || this == NOT_CHECKED;
        }
    }

    /** Both ends of an accepted TCP connection, as the server's socket sees them. */
    record Connection(InetAddress peerAddress, int peerPort, InetAddress localAddress, int localPort) {
    }

    Verdict check(Connection connection);

    /** A short name of the mechanism, for the agent's log and {@code kyso doctor}. */
    String mechanism();

    /** The check this operating system supports. */
    static PeerIdentity forCurrentSystem() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("linux")) {
            return LinuxPeerIdentity.forThisProcess();
        }
        if (os.contains("win")) {
            return new WindowsPeerIdentity();
        }
        return NotChecked.INSTANCE;
    }

    /** Platforms without a way to read the peer's owner. */
    enum NotChecked implements PeerIdentity {
        INSTANCE;

        @Override
        public Verdict check(Connection connection) {
            return Verdict.NOT_CHECKED;
        }

        @Override
        public String mechanism() {
            return "none (not supported on this system)";
        }
    }
}
