package vn.kyso.server.peer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.OptionalInt;

import com.sun.jna.Memory;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.IPHlpAPI;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;

/**
 * Windows: {@code GetExtendedTcpTable(TCP_TABLE_OWNER_PID_CONNECTIONS)} lists every TCP connection with the process
 * that owns it; the peer's row is the one whose local end is the peer's address and port and whose remote end is our
 * listening port. That process's token names its user (SID), compared with the agent's own token user. A process of
 * another user that the agent may not open (access denied) is unknown, and so refused. Written against the
 * documented Win32 structures; it compiles everywhere and runs only on Windows.
 */
public final class WindowsPeerIdentity implements PeerIdentity {

    private static final int TABLE_ATTEMPTS = 3;
    private volatile String ownSid;

    @Override
    public Verdict check(Connection connection) {
        try {
            OptionalInt pid = owningProcess(connection);
            if (pid.isEmpty()) {
                return Verdict.UNKNOWN;
            }
            String peerSid = userSidOf(pid.getAsInt());
            if (peerSid == null) {
                return Verdict.UNKNOWN;
            }
            return peerSid.equals(ownSid()) ? Verdict.SAME_USER : Verdict.OTHER_USER;
        } catch (java.net.UnknownHostException | RuntimeException | UnsatisfiedLinkError e) {
            // a peer whose owner cannot be read is refused, like another user's
            return Verdict.UNKNOWN;
        }
    }

    @Override
    public String mechanism() {
        return "GetExtendedTcpTable owning process token user";
    }

    private String ownSid() {
        String sid = ownSid;
        if (sid == null) {
            sid = userSidOf(Kernel32.INSTANCE.GetCurrentProcessId());
            ownSid = sid;
        }
        return sid;
    }

    private static OptionalInt owningProcess(Connection connection) throws UnknownHostException {
        boolean v4 = InetAddress.getByAddress(connection.peerAddress().getAddress()).getAddress().length == 4;
        Memory table = table(v4 ? IPHlpAPI.AF_INET : IPHlpAPI.AF_INET6);
        if (table == null) {
            return OptionalInt.empty();
        }
        byte[] peer = InetAddress.getByAddress(connection.peerAddress().getAddress()).getAddress();
        byte[] local = InetAddress.getByAddress(connection.localAddress().getAddress()).getAddress();
        if (v4) {
            IPHlpAPI.MIB_TCPTABLE_OWNER_PID rows = new IPHlpAPI.MIB_TCPTABLE_OWNER_PID(table);
            for (IPHlpAPI.MIB_TCPROW_OWNER_PID row : rows.table) {
                if (port(row.dwLocalPort) == connection.peerPort() && port(row.dwRemotePort) == connection.localPort()
                        && Arrays.equals(ipv4(row.dwLocalAddr), peer) && Arrays.equals(ipv4(row.dwRemoteAddr), local)) {
                    return OptionalInt.of(row.dwOwningPid);
                }
            }
        } else {
            IPHlpAPI.MIB_TCP6TABLE_OWNER_PID rows = new IPHlpAPI.MIB_TCP6TABLE_OWNER_PID(table);
            for (IPHlpAPI.MIB_TCP6ROW_OWNER_PID row : rows.table) {
                if (port(row.dwLocalPort) == connection.peerPort() && port(row.dwRemotePort) == connection.localPort()
                        && Arrays.equals(row.LocalAddr, peer) && Arrays.equals(row.RemoteAddr, local)) {
                    return OptionalInt.of(row.dwOwningPid);
                }
            }
        }
        return OptionalInt.empty();
    }

    /** The table of one address family; asked again when it grew between the size query and the read. */
    private static Memory table(int family) {
        IntByReference size = new IntByReference(0);
        for (int attempt = 0; attempt < TABLE_ATTEMPTS; attempt++) {
            int status = IPHlpAPI.INSTANCE.GetExtendedTcpTable(null, size, false, family,
                    IPHlpAPI.TCP_TABLE_CLASS.TCP_TABLE_OWNER_PID_CONNECTIONS, 0);
            if (status != WinError.ERROR_INSUFFICIENT_BUFFER && status != WinError.NO_ERROR || size.getValue() == 0) {
                return null;
            }
            Memory buffer = new Memory(size.getValue());
            status = IPHlpAPI.INSTANCE.GetExtendedTcpTable(buffer, size, false, family,
                    IPHlpAPI.TCP_TABLE_CLASS.TCP_TABLE_OWNER_PID_CONNECTIONS, 0);
            if (status == WinError.NO_ERROR) {
                return buffer;
            }
            if (status != WinError.ERROR_INSUFFICIENT_BUFFER) {
                return null;
            }
        }
        return null;
    }

    /** The port is kept in network byte order in the low 16 bits of the DWORD. */
    private static int port(int dword) {
        return ((dword & 0xff) << 8) | ((dword >> 8) & 0xff);
    }

    /** The IPv4 address DWORD holds the address bytes in network order in memory (little-endian machine). */
    private static byte[] ipv4(int dword) {
        return new byte[] {(byte) dword, (byte) (dword >> 8), (byte) (dword >> 16), (byte) (dword >> 24)};
    }

    /** The SID string of the user a process runs as, or null when the process cannot be opened. */
    private static String userSidOf(int pid) {
        WinNT.HANDLE process = Kernel32.INSTANCE.OpenProcess(WinNT.PROCESS_QUERY_LIMITED_INFORMATION, false, pid);
        if (process == null) {
            return null;
        }
        try {
            WinNT.HANDLEByReference token = new WinNT.HANDLEByReference();
            if (!Advapi32.INSTANCE.OpenProcessToken(process, WinNT.TOKEN_QUERY, token)) {
                return null;
            }
            try {
                return Advapi32Util.getTokenAccount(token.getValue()).sidString;
            } finally {
                Kernel32.INSTANCE.CloseHandle(token.getValue());
            }
        } finally {
            Kernel32.INSTANCE.CloseHandle(process);
        }
    }
}
