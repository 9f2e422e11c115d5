package vn.kyso.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server on 127.0.0.1 that accepts every connection and never answers: the origin of an attacking page whose own
 * server leaves the agent's downloads hanging. Closing it drops the listening socket and every connection it held.
 */
public final class SilentServer implements AutoCloseable {

    private final ServerSocket listening;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    private SilentServer(ServerSocket listening) {
        this.listening = listening;
    }

    /** Listens on a free port with room for {@code backlog} connections not yet accepted. */
    public static SilentServer start(int backlog) throws IOException {
        SilentServer server = new SilentServer(new ServerSocket(0, backlog, InetAddress.getLoopbackAddress()));
        Thread acceptor = new Thread(server::accept, "never-answering-server");
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    private void accept() {
        while (!listening.isClosed()) {
            try {
                held.add(listening.accept());
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Its origin, {@code http://127.0.0.1:<port>}. */
    public String origin() {
        return "http://127.0.0.1:" + listening.getLocalPort();
    }

    /** Connections accepted so far. */
    public int connections() {
        return held.size();
    }

    @Override
    public void close() throws IOException {
        listening.close();
        for (Socket s : held) {
            s.close();
        }
    }
}
