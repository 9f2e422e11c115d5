package vn.kyso.server;

import java.io.IOException;
import java.net.BindException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.ContentType;
import io.javalin.websocket.WsContext;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.kyso.app.Caller;
import vn.kyso.app.DocumentBudget;
import vn.kyso.app.DocumentStore;
import vn.kyso.app.Method;
import vn.kyso.errors.KysoException;
import vn.kyso.server.peer.PeerIdentity;

/**
 * The loopback bridge's transport: Javalin/Jetty on 127.0.0.1 and ::1 with {@code GET /v1/health} (with CORS for
 * allowed origins, so a page can trigger the browser's Local Network Access prompt first) and the WebSocket
 * {@code /v1/ws} carrying protocol v1. Every request passes the {@link GateFilter} before any work; text frames go to
 * the {@link Dispatcher}, binary frames to {@link BinaryFraming}; the bridge's own methods come from
 * {@link DocumentMethods}, registered like the application's.
 */
public final class AgentServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentServer.class);
    static final int MIN_HTTP_THREADS = 2;
    static final int MAX_HTTP_THREADS = 250;
    static final Duration HTTP_THREAD_IDLE = Duration.ofSeconds(20);
    /** Jetty sizes its queues' padding by the reference width, which it otherwise asks the JVM's management beans
     * for: that loads and starts the whole JMX platform server (about 150 classes) for one number. */
    static final String JETTY_REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    private final Javalin app;
    private final String version;
    private final String health;
    private final LocalSecret secret;
    private final ServerSettings settings;
    private final Map<WsContext, WsSession> openSockets = new ConcurrentHashMap<>();
    private final ConnectionLimits limits;
    private final Dispatcher dispatcher;
    private final DocumentBudget budget;
    private final PeerRefusals refusals;
    private volatile RequestGate gate;
    private volatile IdleTrim idle;

    private AgentServer(ServerSettings settings, MethodTable methods, LocalSecret secret, String version,
                        DocumentBudget budget, PeerRefusals refusals) {
        this.settings = settings;
        this.secret = secret;
        this.version = version;
        this.health = healthBody(version);
        this.budget = budget;
        this.refusals = refusals;
        this.limits = new ConnectionLimits(settings.limits(), settings.budgets());
        this.dispatcher = new Dispatcher(methods.withBridgeMethods(settings, version), settings, limits);
        int requestedPort = settings.port();
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            // Javalin's pool keeps 8 threads at rest; the bridge's 4 listening threads (an acceptor and a selector per
            // loopback) and a spare are enough for an idle agent, and more are started as requests come
            config.jetty.threadPool = httpThreads();
            config.startup.startupWatcherEnabled = false;
            // a person at the workstation cannot act on "your Javalin version is N days old"; updates ship with ours
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = "127.0.0.1";
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
            ServletContextHandler[] context = new ServletContextHandler[1];
            config.jetty.modifyServletContextHandler(handler -> {
                context[0] = handler;
                handler.addFilter(new FilterHolder(new GateFilter(() -> gate, refusals)), "/*",
                        EnumSet.of(DispatcherType.REQUEST));
            });
            config.jetty.modifyWebSocketServletFactory(factory -> {
                // No per-message compression on loopback: it saves no time there, costs a deflate and an inflate per
                // frame (PDF uploads do not even compress) and about 300 KB of zlib state per connection.
                WebSocketServerComponents.getWebSocketComponents(context[0]).getExtensionRegistry()
                        .unregister("permessage-deflate");
                factory.setMaxTextMessageSize(settings.maxTextFrameBytes());
                factory.setMaxBinaryMessageSize(BinaryFraming.MAX_FRAME);
                factory.setIdleTimeout(settings.idleTimeout());
            });
            routes(config.routes);
        });
    }

    /** Starts the server; PORT_IN_USE when another program holds the port. */
    public static AgentServer start(ServerSettings settings, Map<String, Method> methods, String version)
            throws IOException {
        return start(settings, new OriginPolicy(settings.allowedOrigins()), methods, version);
    }

    /** Starts the server with an origin policy that may ask the person (pairing); refusals are not audited. */
    public static AgentServer start(ServerSettings settings, OriginPolicy origins, Map<String, Method> methods,
                                    String version) throws IOException {
        return start(settings, origins, methods, version, RefusalRecorder.NONE);
    }

    /**
     * Starts the server, checking every peer with this system's {@link PeerIdentity}; requests refused for another
     * OS user go to {@code refusals} (folded: the audit log, in {@code kyso serve}).
     */
    public static AgentServer start(ServerSettings settings, OriginPolicy origins, Map<String, Method> methods,
                                    String version, RefusalRecorder refusals) throws IOException {
        return start(settings, origins, MethodTable.of(methods), version, refusals);
    }

    /**
     * Starts the server while the application's methods may still be being built ({@code kyso serve} listens, and
     * answers {@code /v1/health}, while the token libraries load); a request waits for the table, within its time-out.
     */
    public static AgentServer start(ServerSettings settings, OriginPolicy origins, MethodTable methods,
                                    String version, RefusalRecorder refusals) throws IOException {
        preferJettyDefaultsWithoutManagement();
        LocalSecret secret = LocalSecret.loadOrCreate(settings.secretFile());
        ServerSettings.Budgets budgets = settings.budgets();
        DocumentBudget budget = DocumentBudget.open(budgets.documentMemoryBytes(), budgets.documentDiskBytes(),
                budgets.spillAboveBytes(), budgets.spillFolder());
        PeerRefusals folded = new PeerRefusals(refusals, Clock.systemUTC());
        AgentServer server;
        for (int port = settings.port(); ; port++) {
            server = new AgentServer(settings.withPort(port), methods, secret, version, budget, folded);
            try {
                server.app.start(port);
                break;
            } catch (RuntimeException e) {
                server.dispatcher.close();
                // Several users on one machine (Remote Desktop, Citrix, Linux sessions): the port of another user's
                // agent is skipped for the next of the range; anything else holding it is a real conflict.
                if (isBindFailure(e) && port != 0 && port + 1 < settings.port() + ServerSettings.PORT_RANGE
                        && PortOwner.isAnotherUsersAgent(port)) {
                    LOG.info("port {} is another user's Kyso Agent; trying {}", port, port + 1);
                    continue;
                }
                budget.close();
                if (isBindFailure(e)) {
                    throw new KysoException(ServerError.PORT_IN_USE, Map.of("port", port), e, String.valueOf(port));
                }
                throw e;
            }
        }
        PeerIdentity peers = PeerIdentity.forCurrentSystem();
        // the Host check needs the bound port (a free one in tests)
        server.gate = new RequestGate(new HostCheck(server.app.port()), origins, secret, peers);
        LOG.info("Kyso Agent listening on 127.0.0.1:{}; peer check: {}", server.app.port(), peers.mechanism());
        return server;
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
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

    ServerSettings.Budgets budgets() {
        return settings.budgets();
    }

    /** This run's folder of documents kept in files. */
    java.nio.file.Path documentFolder() {
        return budget.runFolder();
    }

    /**
     * Sets Jetty's padding width (16 references of 4 bytes in a 64-byte cache line: the agent's small heap always
     * uses compressed references) unless the person running the agent set it.
     */
    static void preferJettyDefaultsWithoutManagement() {
        if (System.getProperty(JETTY_REFERENCES_PER_CACHE_LINE) == null) {
            System.setProperty(JETTY_REFERENCES_PER_CACHE_LINE, "16");
        }
    }

    static QueuedThreadPool httpThreads() {
        QueuedThreadPool pool = new QueuedThreadPool(MAX_HTTP_THREADS, MIN_HTTP_THREADS,
                (int) HTTP_THREAD_IDLE.toMillis());
        pool.setName("kyso-http");
        return pool;
    }

    /** {@code {"status":"ok","version":…,"protocol":…}}. */
    static String healthBody(String version) {
        StringBuilder json = new StringBuilder("{\"status\":\"ok\",\"version\":\"");
        for (char c : version.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append("\",\"protocol\":").append(ProtocolCodec.VERSION).append('}').toString();
    }

    private void routes(RoutesConfig app) {
        // Chrome's Local/Private Network Access preflight: answer only for allowed origins (the gate ran first).
        app.options("/v1/health", ctx -> {
            ctx.header("Access-Control-Allow-Methods", "GET");
            ctx.header("Access-Control-Allow-Private-Network", "true");
            ctx.status(204);
        });
        // a fixed answer, written without the JSON mapper: the first health request of a cold start does not wait
        // for Jackson to load
        app.get("/v1/health", ctx -> {
            activity();
            ctx.contentType(ContentType.APPLICATION_JSON).result(health);
        });
        app.ws("/v1/ws", ws -> {
            ws.onConnect(ctx -> {
                activity();
                Caller caller = new Caller(OriginPolicy.normalise(ctx.header("Origin")));
                try {
                    limits.open(caller);
                } catch (KysoException e) {
                    // told in a frame first (the close reason is too short for both languages), then closed
                    WsSession refused = new WsSession(ctx, caller, null);
                    refused.send(ProtocolCodec.error(null, e));
                    refused.close(CloseCode.TRY_AGAIN_LATER, e.code());
                    return;
                }
                openSockets.put(ctx, new WsSession(ctx, caller, new DocumentStore(settings.maxDocumentBytes(),
                        settings.maxDocumentsPerConnection(), budget)));
                ctx.enableAutomaticPings();
            });
            ws.onClose(ctx -> {
                activity();
                WsSession session = openSockets.remove(ctx);
                if (session != null) {
                    session.documents().close();
                    limits.close(session.caller());
                }
            });
            ws.onMessage(ctx -> {
                activity();
                WsSession session = openSockets.get(ctx);
                if (session != null) {
                    dispatcher.dispatch(session, ctx.message());
                }
            });
            ws.onBinaryMessage(ctx -> {
                activity();
                WsSession session = openSockets.get(ctx);
                if (session != null) {
                    session.receive(ctx.data());
                }
            });
            ws.onError(ctx -> LOG.debug("websocket error: {}", String.valueOf(ctx.error())));
        });
    }

    /** Closes the open connections of an origin whose approval was withdrawn. */
    public void disconnect(String origin) {
        Optional<String> normal = OriginPolicy.normalise(origin);
        openSockets.forEach((ctx, session) -> {
            if (normal.isPresent() && session.caller().origin().equals(normal)) {
                session.close(CloseCode.POLICY_VIOLATION, "origin approval withdrawn");
            }
        });
    }

    /** Sends an event to every open socket (token inserted/removed). */
    public void broadcast(String event, Object data) {
        String text = ProtocolCodec.event(event, data);
        openSockets.values().forEach(session -> session.send(text));
    }

    /**
     * Runs {@code action} once the bridge has had no request for {@code quiet}, and again after each later request
     * and quiet period ({@link IdleTrim}); replaces an earlier one.
     */
    public void whenIdle(Duration quiet, Runnable action) {
        IdleTrim previous = idle;
        idle = new IdleTrim(quiet, action);
        if (previous != null) {
            previous.close();
        }
    }

    private void activity() {
        IdleTrim trim = idle;
        if (trim != null) {
            trim.activity();
        }
    }

    @Override
    public void close() {
        IdleTrim trim = idle;
        if (trim != null) {
            trim.close();
        }
        app.stop();
        dispatcher.close();
        openSockets.values().forEach(session -> session.documents().close());
        budget.close();
        refusals.flush();
    }
}
