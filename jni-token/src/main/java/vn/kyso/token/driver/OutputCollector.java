package vn.kyso.token.driver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains one of the child's output streams on its own thread so a chatty vendor library can never block the child
 * on a full pipe. Only the tail is kept: the probe line is printed last, and so is a dying process's last word.
 */
final class OutputCollector {

    private static final int LIMIT = 64 * 1024;

    private ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final Thread thread;

    private OutputCollector(InputStream in, String name) {
        thread = new Thread(() -> drain(in), name);
        thread.setDaemon(true);
        thread.start();
    }

    static OutputCollector start(InputStream in, String name) {
        return new OutputCollector(in, name);
    }

    private void drain(InputStream in) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (this) {
                    kept.write(buffer, 0, n);
                    if (kept.size() > 2 * LIMIT) {
                        byte[] all = kept.toByteArray();
                        kept = new ByteArrayOutputStream();
                        kept.write(all, all.length - LIMIT, LIMIT);
                    }
                }
            }
        } catch (IOException e) {
            // The pipe closed under us (child killed): what was read so far is all there is.
        }
    }

    /**
     * What was read, waiting briefly for the end of the stream. A helper process the library spawned may hold the
     * pipe open forever, so the wait is bounded.
     */
    String text() {
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }
}
