package vn.kyso.server.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import vn.kyso.server.OtherOsUser;

/**
 * The Linux lookup over real loopback sockets: this process's own connections over IPv4 and IPv6 are the same user;
 * a connection from a {@code useradd} account's process is another user; a port nobody holds is unknown.
 */
class LinuxPeerIdentityTest {

    private static PeerIdentity.Connection accepted(Socket server) {
        InetSocketAddress peer = (InetSocketAddress) server.getRemoteSocketAddress();
        InetSocketAddress local = (InetSocketAddress) server.getLocalSocketAddress();
        return new PeerIdentity.Connection(peer.getAddress(), peer.getPort(), local.getAddress(), local.getPort());
    }

    private static PeerIdentity.Verdict ownConnection(String loopback) throws IOException {
        InetAddress address = InetAddress.getByName(loopback);
        try (ServerSocket listener = new ServerSocket(0, 1, address);
             Socket client = new Socket(address, listener.getLocalPort());
             Socket server = listener.accept()) {
            return LinuxPeerIdentity.forThisProcess().check(accepted(server));
        }
    }

    @Test
    void ownConnectionsOverIpv4AndIpv6AreTheSameUser() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/net/tcp")), "Linux only");
        assertEquals(PeerIdentity.Verdict.SAME_USER, ownConnection("127.0.0.1"));
        boolean ipv6 = Files.isReadable(Path.of("/proc/self/net/tcp6"));
        if (ipv6) {
            assertEquals(PeerIdentity.Verdict.SAME_USER, ownConnection("::1"));
        }
    }

    @Test
    void aPortNobodyHoldsIsUnknownAndSoRefused() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/net/tcp")), "Linux only");
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        PeerIdentity.Verdict verdict = LinuxPeerIdentity.forThisProcess().check(
                new PeerIdentity.Connection(loopback, 1, loopback, 2));
        assertEquals(PeerIdentity.Verdict.UNKNOWN, verdict);
        assertEquals(false, verdict.admits());
    }

    @Test
    void aConnectionFromAnotherAccountIsAnotherUser() throws Exception {
        OtherOsUser.requireRootOrSkip();
        OtherOsUser.ensure();
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket listener = new ServerSocket(0, 1, loopback)) {
            Process client = new ProcessBuilder("runuser", "-u", OtherOsUser.NAME, "--",
                    "curl", "-s", "--max-time", "10", "http://127.0.0.1:" + listener.getLocalPort() + "/")
                    .redirectErrorStream(true).start();
            try (Socket server = listener.accept()) {
                assertEquals(PeerIdentity.Verdict.OTHER_USER, LinuxPeerIdentity.forThisProcess().check(
                        accepted(server)));
            } finally {
                client.destroy();
                client.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
