package vn.kyso.server;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.javalin.websocket.WsContext;
import org.eclipse.jetty.websocket.api.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.kyso.app.Caller;
import vn.kyso.app.DocumentStore;
import vn.kyso.app.Session;

/**
 * One open connection: the methods' {@link Session}, the receiving end of its upload frames, and the count of its
 * requests being worked on.
 */
final class WsSession implements Session {

    private static final Logger LOG = LoggerFactory.getLogger(WsSession.class);

    private final WsContext ctx;
    private final Caller caller;
    private final DocumentStore documents;
    private final Map<Class<?>, Object> state = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    WsSession(WsContext ctx, Caller caller, DocumentStore documents) {
        this.ctx = ctx;
        this.caller = caller;
        this.documents = documents;
    }

    @Override
    public Caller caller() {
        return caller;
    }

    @Override
    public DocumentStore documents() {
        return documents;
    }

    @Override
    public <T> T state(Class<T> type, Supplier<T> create) {
        return type.cast(state.computeIfAbsent(type, k -> create.get()));
    }

    @Override
    public void event(String name, Object data) {
        send(ProtocolCodec.event(name, data));
    }

    @Override
    public void sendDocument(DocumentStore.Document document) {
        synchronized (ctx.session) {
            BinaryFraming.send(document,
                    frame -> await(Callback.Completable.with(c -> ctx.session.sendBinary(frame, c))));
        }
    }

    /** An upload frame. */
    void receive(ByteBuffer frame) {
        BinaryFraming.receive(documents, frame, this::event);
    }

    /** Counts a request in, unless {@code max} of this connection's are already being worked on. */
    boolean beginRequest(int max) {
        while (true) {
            int now = inFlight.get();
            if (now >= max) {
                return false;
            }
            if (inFlight.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void endRequest() {
        inFlight.decrementAndGet();
    }

    /** Frames of one socket go out one by one, each written before the next is queued (see {@link #await}). */
    void send(String text) {
        synchronized (ctx.session) {
            if (ctx.session.isOpen()) {
                try {
                    await(Callback.Completable.with(c -> ctx.session.sendText(text, c)));
                } catch (RuntimeException e) {
                    // the peer went away between the check and the write: nobody is left to answer
                    LOG.debug("answer not delivered: {}", String.valueOf(e));
                }
            }
        }
    }

    /**
     * Waits until Jetty has written the frame: its sends are asynchronous, and a download reuses one buffer for all
     * its frames; waiting also keeps a slow reader from piling a whole document up in Jetty's outgoing queue. A peer
     * that stops reading fails the write at the idle time-out.
     */
    private static void await(Callback.Completable sent) {
        try {
            sent.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("frame not written", e.getCause());
        }
    }

    void close(CloseCode code, String reason) {
        ctx.closeSession(code.code(), reason);
    }
}
