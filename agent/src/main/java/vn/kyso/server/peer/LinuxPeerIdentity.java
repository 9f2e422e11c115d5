package vn.kyso.server.peer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Linux: the kernel's socket tables {@code /proc/net/tcp} and {@code /proc/net/tcp6} list every TCP socket of this
 * network namespace with its owner's uid. The peer's socket is the row whose local end is the peer's address and
 * port and whose remote end is our listening address and port. The agent's own accepted socket appears too, with
 * the ends swapped, so it never matches. A peer in another namespace (a container) has no row here: unknown, refused.
 * Addresses are compared after unmapping {@code ::ffff:a.b.c.d}: Java's dual-stack server socket lists IPv4
 * connections in {@code tcp6}, while an IPv4 client's socket is in {@code tcp}.
 */
public final class LinuxPeerIdentity implements PeerIdentity {

    private static final List<String> TABLES = List.of("tcp", "tcp6");
    private final Path procNet;
    private final long ownUid;

    LinuxPeerIdentity(Path procNet, long ownUid) {
        this.procNet = procNet;
        this.ownUid = ownUid;
    }

    /** The tables of this process's network namespace; the uid this process runs as. */
    static LinuxPeerIdentity forThisProcess() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return new LinuxPeerIdentity(Path.of("/proc/self/net"), ((Number) uid).longValue());
        } catch (IOException | UnsupportedOperationException e) {
            // without /proc nothing can be matched: every peer is unknown and refused, never let through
            return new LinuxPeerIdentity(Path.of("/proc/self/net"), -1);
        }
    }

    @Override
    public Verdict check(Connection connection) {
        Set<Long> owners = new HashSet<>();
        for (String table : TABLES) {
            try {
                for (String line : Files.readAllLines(procNet.resolve(table), StandardCharsets.US_ASCII)) {
                    Long owner = ownerIfPeer(line, connection);
                    if (owner != null) {
                        owners.add(owner);
                    }
                }
            } catch (IOException e) {
                // tcp6 is missing on kernels without IPv6; the other table may still hold the row
            }
        }
        if (owners.isEmpty() || ownUid < 0) {
            return Verdict.UNKNOWN;
        }
        return owners.equals(Set.of(ownUid)) ? Verdict.SAME_USER : Verdict.OTHER_USER;
    }

    @Override
    public String mechanism() {
        return "/proc/net/tcp owner uid (agent uid " + ownUid + ")";
    }

    /**
     * One row: {@code sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...}, addresses as
     * {@code HEX_ADDRESS:HEX_PORT}. Returns the row's uid when it is the peer's socket, else null.
     */
    private static Long ownerIfPeer(String line, Connection connection) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length < 8 || !fields[0].endsWith(":")) {
            return null; // the header line
        }
        try {
            if (!sameEnd(fields[1], connection.peerAddress(), connection.peerPort())
                    || !sameEnd(fields[2], connection.localAddress(), connection.localPort())) {
                return null;
            }
            return Long.parseLong(fields[7]);
        } catch (IllegalArgumentException | UnknownHostException e) {
            return null;
        }
    }

    private static boolean sameEnd(String end, InetAddress address, int port) throws UnknownHostException {
        int colon = end.indexOf(':');
        if (colon < 0 || Integer.parseInt(end.substring(colon + 1), 16) != port) {
            return false;
        }
        return InetAddress.getByAddress(addressBytes(end.substring(0, colon))).equals(unmapped(address));
    }

    /** The kernel prints each 32-bit word of the address in the machine's byte order. */
    static byte[] addressBytes(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
            for (int word = 0; word + 4 <= bytes.length; word += 4) {
                byte b0 = bytes[word];
                byte b1 = bytes[word + 1];
                bytes[word] = bytes[word + 3];
                bytes[word + 1] = bytes[word + 2];
                bytes[word + 2] = b1;
                bytes[word + 3] = b0;
            }
        }
        return bytes;
    }

    /** {@code ::ffff:127.0.0.1} is 127.0.0.1 ({@link InetAddress#getByAddress} unmaps on its own). */
    private static InetAddress unmapped(InetAddress address) throws UnknownHostException {
        return InetAddress.getByAddress(address.getAddress());
    }
}
