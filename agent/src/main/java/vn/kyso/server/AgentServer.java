package vn.kyso.server;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import vn.kyso.app.Caller;
import vn.kyso.app.DocumentStore;
import vn.kyso.app.Method;
import vn.kyso.app.Session;
import vn.kyso.errors.KysoException;
import vn.kyso.request.CallerText;
import vn.kyso.request.RequestError;

/**
 * The loopback bridge: {@code GET /v1/health} (with CORS for allowed origins, so a page can trigger the browser's
 * Local Network Access prompt first) and the WebSocket {@code /v1/ws} carrying protocol v1. Every request passes the
 * {@link RequestGate} before any work; methods run off the socket's thread so one long signature never blocks others.
 */
public final class AgentServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentServer.class);
    /** WebSocket close status 1013: the server is overloaded, the client may retry later. */
    private static final int TRY_AGAIN_LATER = 1013;

    private final Javalin app;
    private final Map<String, Method> methods;
    private final LocalSecret secret;
    private final String version;
    private final java.util.Map<WsContext, WsSession> openSockets = new java.util.concurrent.ConcurrentHashMap<>();
    private final ServerSettings settings;
    private volatile RequestGate gate;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "kyso-request");
        t.setDaemon(true);
        return t;
    });
    private final java.util.concurrent.ScheduledExecutorService timers =
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "kyso-request-timeout");
                t.setDaemon(true);
                return t;
            });
    private final ConnectionLimits limits;

    private AgentServer(ServerSettings settings, Map<String, Method> methods, LocalSecret secret, String version) {
        this.secret = secret;
        this.version = version;
        this.methods = new LinkedHashMap<>(methods);
        this.methods.putIfAbsent("info", (session, params) -> Map.of("product", "Kyso Agent", "version", version,
                "protocol", ProtocolCodec.VERSION, "methods", List.copyOf(this.methods.keySet()),
                "caller", session.caller().describe(), "maxDocumentBytes", settings.maxDocumentBytes(),
                "limits", Map.of("maxConnectionsPerOrigin", settings.limits().maxConnectionsPerOrigin(),
                        "maxPendingPerOrigin", settings.limits().maxPendingPerOrigin(),
                        "requestTimeoutSeconds", settings.limits().requestTimeout().toSeconds(),
                        "maxDocumentsPerConnection", settings.maxDocumentsPerConnection())));
        this.methods.putIfAbsent("document.upload", (session, params) -> Map.of("documentId", session.documents()
                .begin(CallerText.name("name", text(params, "name")), params.path("size").asLong(-1))));
        this.methods.putIfAbsent("document.download", (session, params) -> {
            DocumentStore.Document document = session.documents().get(text(params, "documentId"));
            session.sendDocument(document);
            return Map.of("documentId", document.id(), "size", document.bytes().length, "sha256", document.sha256());
        });
        this.methods.putIfAbsent("document.remove", (session, params) -> {
            session.documents().remove(text(params, "documentId"));
            return Map.of();
        });
        this.settings = settings;
        this.limits = new ConnectionLimits(settings.limits());
        int requestedPort = settings.port();
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.jetty.defaultHost = "127.0.0.1";
            if (requestedPort != 0) {
                // Both loopbacks on the same port. Javalin adds its default connector only when none is configured,
                // so IPv4 must be added explicitly too.
                for (String host : List.of("127.0.0.1", "::1")) {
                    config.jetty.addConnector((server, http) -> {
                        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                        connector.setHost(host);
                        connector.setPort(requestedPort);
                        return connector;
                    });
                }
            }
            // The gate runs as a servlet filter: before Javalin, and before any WebSocket upgrade.
            config.jetty.modifyServletContextHandler(handler -> handler.addFilter(
                    new org.eclipse.jetty.servlet.FilterHolder(new GateFilter(() -> gate)), "/*",
                    java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST)));
            config.jetty.modifyWebSocketServletFactory(factory -> {
                factory.setMaxTextMessageSize(settings.maxTextFrameBytes());
                factory.setMaxBinaryMessageSize(1 << 20); // documents come in chunks of up to 1 MiB
                factory.setIdleTimeout(settings.idleTimeout());
            });
        });
    }

    /** Starts the server; PORT_IN_USE when another program holds the port. */
    public static AgentServer start(ServerSettings settings, Map<String, Method> methods, String version)
            throws IOException {
        return start(settings, new OriginPolicy(settings.allowedOrigins()), methods, version);
    }

    /** Starts the server with an origin policy that may ask the person (pairing). */
    public static AgentServer start(ServerSettings settings, OriginPolicy origins, Map<String, Method> methods,
                                    String version) throws IOException {
        LocalSecret secret = LocalSecret.loadOrCreate(settings.secretFile());
        AgentServer server = new AgentServer(settings, methods, secret, version);
        server.routes();
        try {
            server.app.start(settings.port());
        } catch (RuntimeException e) {
            server.workers.shutdownNow();
            if (isBindFailure(e)) {
                throw new KysoException(ServerError.PORT_IN_USE, Map.of("port", settings.port()), e,
                        String.valueOf(settings.port()));
            }
            throw e;
        }
        // the Host check needs the bound port (a free one in tests)
        server.gate = new RequestGate(new HostCheck(server.app.port()), origins, secret);
        LOG.info("Kyso Agent listening on 127.0.0.1:{}", server.app.port());
        return server;
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException) {
                return true;
            }
        }
        return false;
    }

    public int port() {
        return app.port();
    }

    public LocalSecret secret() {
        return secret;
    }

    private void routes() {
        // Chrome's Local/Private Network Access preflight: answer only for allowed origins (the gate ran first).
        app.options("/v1/health", ctx -> {
            ctx.header("Access-Control-Allow-Methods", "GET");
            ctx.header("Access-Control-Allow-Private-Network", "true");
            ctx.status(204);
        });
        app.get("/v1/health", ctx -> ctx.json(Map.of("status", "ok", "version", version, "protocol",
                ProtocolCodec.VERSION)));
        app.ws("/v1/ws", ws -> {
            ws.onConnect(ctx -> {
                Caller caller = callerOf(ctx);
                try {
                    limits.open(caller);
                } catch (KysoException e) {
                    // told in a frame first (the close reason is too short for both languages), then closed
                    send(ctx, ProtocolCodec.error(null, e));
                    ctx.closeSession(TRY_AGAIN_LATER, e.code());
                    return;
                }
                openSockets.put(ctx, new WsSession(ctx, caller, new DocumentStore(settings.maxDocumentBytes(),
                        settings.maxDocumentsPerConnection())));
                ctx.enableAutomaticPings();
            });
            ws.onClose(ctx -> {
                WsSession session = openSockets.remove(ctx);
                if (session != null) {
                    limits.close(session.caller());
                }
            });
            ws.onMessage(ctx -> {
                String text = ctx.message();
                workers.execute(() -> handle(ctx, text));
            });
            ws.onBinaryMessage(ctx -> {
                WsSession session = openSockets.get(ctx);
                byte[] frame = ctx.data();
                int offset = ctx.offset();
                int length = ctx.length();
                if (session != null) {
                    session.receive(frame, offset, length);
                }
            });
            ws.onError(ctx -> LOG.debug("websocket error: {}", String.valueOf(ctx.error())));
        });
    }

    private void handle(WsContext ctx, String text) {
        ProtocolCodec.Request request;
        try {
            request = ProtocolCodec.decode(text);
        } catch (ProtocolCodec.MalformedRequest e) {
            send(ctx, ProtocolCodec.error(e.id(), new KysoException(ServerError.MALFORMED_REQUEST, e.getMessage())));
            return;
        }
        WsSession session = openSockets.get(ctx);
        if (session == null) {
            return; // closed meanwhile
        }
        Answer answer = new Answer(ctx, request.id());
        Method method = methods.get(request.method());
        if (method == null) {
            answer.error(new KysoException(ServerError.UNKNOWN_METHOD, Map.of(), null, request.method()));
            return;
        }
        Thread worker = Thread.currentThread();
        java.time.Duration timeout = settings.limits().requestTimeout();
        java.util.concurrent.ScheduledFuture<?> timer = timers.schedule(() -> {
            if (answer.error(new KysoException(ServerError.REQUEST_TIMEOUT, Map.of(), null, request.method(),
                    String.valueOf(timeout.toSeconds())))) {
                worker.interrupt(); // a waiting prompt or token lock gives up; the late result is dropped
            }
        }, timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        boolean pending = false;
        try {
            if (method.asksThePerson()) {
                limits.beginPending(session.caller());
                pending = true;
            }
            answer.result(method.call(session, request.params()));
        } catch (KysoException e) {
            answer.error(e);
        } catch (RuntimeException e) {
            LOG.error("request failed", e);
            answer.error(new KysoException(ServerError.INTERNAL_ERROR));
        } finally {
            timer.cancel(false);
            if (pending) {
                limits.endPending(session.caller());
            }
            Thread.interrupted(); // a timeout's interrupt must not reach the next request on this thread
        }
    }

    /** The one answer a request gets: its result, its error, or REQUEST_TIMEOUT — whichever comes first. */
    private static final class Answer {
        private final WsContext ctx;
        private final JsonNode id;
        private final java.util.concurrent.atomic.AtomicBoolean sent = new java.util.concurrent.atomic.AtomicBoolean();

        Answer(WsContext ctx, JsonNode id) {
            this.ctx = ctx;
            this.id = id;
        }

        void result(Object value) {
            if (sent.compareAndSet(false, true)) {
                send(ctx, ProtocolCodec.result(id, value));
            }
        }

        boolean error(KysoException e) {
            if (sent.compareAndSet(false, true)) {
                send(ctx, ProtocolCodec.error(id, e));
                return true;
            }
            return false;
        }
    }

    private static Caller callerOf(WsContext ctx) {
        String origin = ctx.header("Origin");
        return new Caller(OriginPolicy.normalise(origin));
    }

    /** Jetty's blocking send is not safe from two threads at once; answers of one socket go out one by one. */
    private static void send(WsContext ctx, String text) {
        synchronized (ctx.session) {
            if (ctx.session.isOpen()) {
                try {
                    ctx.send(text);
                } catch (RuntimeException e) {
                    // the peer went away between the check and the write: nobody is left to answer
                    LOG.debug("answer not delivered: {}", String.valueOf(e));
                }
            }
        }
    }

    /** Closes the open connections of an origin whose approval was withdrawn (1008: policy violation). */
    public void disconnect(String origin) {
        java.util.Optional<String> normal = OriginPolicy.normalise(origin);
        openSockets.forEach((ctx, session) -> {
            if (normal.isPresent() && session.caller().origin().equals(normal)) {
                ctx.closeSession(1008, "origin approval withdrawn");
            }
        });
    }

    /** Sends an event to every open socket (token inserted/removed). */
    public void broadcast(String event, Object data) {
        String text = ProtocolCodec.event(event, data);
        openSockets.keySet().forEach(ctx -> send(ctx, text));
    }

    private static String text(com.fasterxml.jackson.databind.node.ObjectNode params, String name) {
        com.fasterxml.jackson.databind.JsonNode value = params.get(name);
        if (value == null || !value.isTextual()) {
            throw new KysoException(RequestError.INVALID_PARAMS, Map.of("param", name), null,
                    name + " is required (string)");
        }
        return value.asText();
    }

    /** A connection: the methods' {@link Session}, and the receiving end of binary upload frames. */
    private static final class WsSession implements Session {
        private static final int ID_BYTES = 16;
        private static final int CHUNK = 256 * 1024;
        private static final long PROGRESS_STEP = 1 << 20;

        private final WsContext ctx;
        private final Caller caller;
        private final DocumentStore documents;
        private final Map<Class<?>, Object> state = new java.util.concurrent.ConcurrentHashMap<>();

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
        public <T> T state(Class<T> type, java.util.function.Supplier<T> create) {
            return type.cast(state.computeIfAbsent(type, k -> create.get()));
        }

        @Override
        public void event(String name, Object data) {
            send(ctx, ProtocolCodec.event(name, data));
        }

        /** A binary frame: 16 bytes of document id, then content appended to that upload in order. */
        void receive(byte[] frame, int offset, int length) {
            if (length < ID_BYTES) {
                event("document.error", Map.of("code", ServerError.MALFORMED_REQUEST.code()));
                return;
            }
            java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(frame, offset, ID_BYTES);
            String id = new java.util.UUID(header.getLong(), header.getLong()).toString();
            try {
                long before = received.getOrDefault(id, 0L);
                long now = documents.append(id, frame, offset + ID_BYTES, length - ID_BYTES);
                received.put(id, now);
                boolean done = isComplete(id);
                if (done || now / PROGRESS_STEP != before / PROGRESS_STEP) {
                    event("document.progress", Map.of("documentId", id, "received", now));
                }
                if (done) {
                    received.remove(id);
                    DocumentStore.Document document = documents.get(id);
                    event("document.received", Map.of("documentId", id, "size", document.bytes().length,
                            "sha256", document.sha256()));
                }
            } catch (KysoException e) {
                event("document.error", Map.of("documentId", id, "code", e.code(), "message_vi", e.messageVi(),
                        "message_en", e.messageEn()));
            }
        }

        private final Map<String, Long> received = new java.util.concurrent.ConcurrentHashMap<>();

        private boolean isComplete(String id) {
            try {
                documents.get(id);
                return true;
            } catch (KysoException e) {
                return false;
            }
        }

        @Override
        public void sendDocument(DocumentStore.Document document) {
            java.util.UUID uuid = java.util.UUID.fromString(document.id());
            byte[] bytes = document.bytes();
            synchronized (ctx.session) {
                for (int start = 0; start < bytes.length || start == 0; start += CHUNK) {
                    int size = Math.min(CHUNK, bytes.length - start);
                    java.nio.ByteBuffer frame = java.nio.ByteBuffer.allocate(ID_BYTES + size);
                    frame.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
                    frame.put(bytes, start, size).flip();
                    ctx.send(frame);
                    if (bytes.length == 0) {
                        break;
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        app.stop();
        workers.shutdownNow();
        timers.shutdownNow();
    }
}
