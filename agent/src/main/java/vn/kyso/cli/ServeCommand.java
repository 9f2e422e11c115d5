package vn.kyso.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.LoggerFactory;

import vn.kyso.app.AgentAssembly;
import vn.kyso.audit.AuditLog;
import vn.kyso.audit.AuditRecord;
import vn.kyso.config.AgentConfig;
import vn.kyso.config.ConfigLocations;
import vn.kyso.consent.ConsentPrompt;
import vn.kyso.consent.ConsentQueue;
import vn.kyso.desktop.AgentTray;
import vn.kyso.desktop.ConsentDialog;
import vn.kyso.desktop.DesktopSupport;
import vn.kyso.desktop.PairingDialog;
import vn.kyso.desktop.PinDialog;
import vn.kyso.errors.Language;
import vn.kyso.pairing.PairedOrigins;
import vn.kyso.pairing.Pairing;
import vn.kyso.pairing.PairingPrompt;
import vn.kyso.server.AgentServer;
import vn.kyso.server.MethodTable;
import vn.kyso.server.OriginPolicy;
import vn.kyso.server.ServerSettings;
import vn.kyso.token.PinPrompt;
import vn.kyso.token.TokenManager;

/**
 * {@code kyso serve}: the always-running agent. With a display: the agent's own consent, PIN and pairing windows and
 * the tray icon. Without one (servers, CI) or with {@code --no-gui}: the same protocol, but signing requests are
 * refused with CONSENT_UNAVAILABLE and only allow-listed or earlier-approved origins get in. No flag or variable
 * supplies a PIN or approves anything.
 */
final class ServeCommand implements Command {

    /** How long the bridge is without requests before the idle agent's heap is trimmed. */
    static final java.time.Duration IDLE_BEFORE_TRIM = java.time.Duration.ofSeconds(30);

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String summary() {
        return "Chạy Kyso Agent (cầu nối 127.0.0.1) / run the agent (loopback bridge) "
                + "[--config FILE] [--port N] [--allow-origin O] [--no-gui]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Options options = Options.parse(args, Set.of("--no-gui"), Set.of("--config", "--port", "--allow-origin"));
        String file = options.get("--config", null);
        AgentConfig config = file != null ? AgentConfig.load(Path.of(file), null) : AgentConfig.load();
        int port = Integer.parseInt(options.get("--port", String.valueOf(config.serverPort())));
        List<String> origins = new java.util.ArrayList<>(config.allowedOrigins());
        origins.addAll(options.all("--allow-origin"));
        Running agent = start(config, port, origins,
                Prompts.choose(!options.has("--no-gui") && DesktopSupport.available(), config));
        Prompts prompts = agent.prompts();
        Pairing pairing = agent.pairing();
        java.util.Optional<AgentTray> tray = agent.tray();
        out.println("Kyso Agent đang chạy / running: http://127.0.0.1:" + agent.server().port() + "/v1/health");
        out.println("Trang web được phép / allowed origins: " + (origins.isEmpty() ? "(none)" : String.join(", ", origins)));
        out.println(prompts.gui()
                ? "Hộp thoại / dialogs: có / yes" + (tray.isPresent() ? "; biểu tượng khay / tray icon: có / yes"
                        : "; biểu tượng khay / tray icon: không có khay hệ thống / no system tray")
                : "Không có màn hình: yêu cầu ký bị từ chối (CONSENT_UNAVAILABLE) / headless: signing requests are refused");
        out.println("Ghép trang web / pairing: " + (pairing == null ? "tắt bởi CNTT / off (origins.pairing=false)"
                : prompts.gui() ? "hỏi người dùng / asks the person" : "chỉ trang đã cho phép trước / earlier approvals only"));
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stop.countDown();
        }));
        stop.await();
        return 0;
    }

    /** The agent's parts while it runs; closing stops the tray, the server and the token layer, in that order. */
    record Running(Prompts prompts, Pairing pairing, AgentAssembly parts, AgentServer server,
                   java.util.Optional<AgentTray> tray) implements AutoCloseable {
        TokenManager tokens() {
            return parts.tokens();
        }

        @Override
        public void close() {
            tray.ifPresent(AgentTray::close);
            server.close();
            parts.close();
        }
    }

    /**
     * Starts the agent of {@code config} on {@code port} with {@code prompts} as the person-facing side: token layer,
     * use cases, server, and the tray when there are windows. Returns once the server answers and the token layer has
     * read the tokens present.
     *
     * <p>{@code /v1/health} needs none of the agent's parts, so the server starts listening first while another
     * thread reads the trusted roots and loads the token libraries and tokens (on two cores the two halves of the
     * start overlap); a page's first request waits for them. The audit log is opened when first written to.
     */
    static Running start(AgentConfig config, int port, List<String> origins, Prompts prompts) throws Exception {
        Path secret = ConfigLocations.forCurrentSystem().user().resolveSibling("local-secret");
        // logging is set up here, before two threads log: the second would otherwise find it half set up, and slf4j
        // would print a warning about replayed lines on the terminal
        LoggerFactory.getILoggerFactory();
        CompletableFuture<AgentAssembly> building = new CompletableFuture<>();
        Thread builder = new Thread(() -> {
            try {
                AgentAssembly built = AgentAssembly.forProtocol(AgentAssembly.from(config).build(), prompts.consent(),
                        prompts.pins());
                built.methods(); // opens the token libraries and reads the tokens present
                building.complete(built);
            } catch (Throwable e) {
                building.completeExceptionally(e);
            }
        }, "kyso-start");
        builder.setDaemon(true);
        builder.start();
        Pairing pairing = config.pairingAllowed()
                ? new Pairing(new PairedOrigins(PairedOrigins.defaultFile()), prompts.pairing()) : null;
        // documents too large for the memory share go to owner-only files beside the audit log, in the user's folder
        ServerSettings settings = ServerSettings.builder().port(port).allowedOrigins(origins).secretFile(secret)
                .budgets(ServerSettings.Budgets.builder()
                        .spillFolder(AuditLog.defaultFile().resolveSibling("documents")).build())
                .build();
        AgentServer server;
        try {
            server = AgentServer.start(settings, new OriginPolicy(origins, pairing),
                    MethodTable.building(building.thenApply(AgentAssembly::methods)), VersionCommand.version(),
                    (origin, operation, result) -> built(building).audit().append(new AuditRecord(origin, operation,
                            "", "", "", "", result)));
        } catch (Exception e) {
            building.thenAccept(AgentAssembly::close);
            throw e;
        }
        AgentAssembly parts;
        try {
            parts = built(building);
        } catch (RuntimeException | Error e) {
            server.close();
            if (e instanceof CompletionException wrapped && wrapped.getCause() instanceof Exception checked) {
                throw checked; // an unreadable trust folder, as when the start ran on one thread
            }
            throw e;
        }
        TokenManager tokens = parts.tokens();
        java.util.Optional<AgentTray> tray = prompts.gui() ? AgentTray.install(new AgentTray.Parts(server.port(),
                () -> tokens.tokens().size(), Set.copyOf(origins), pairing, parts.audit(), prompts.language(),
                origin -> {
                    if (pairing != null) {
                        pairing.revoke(origin);
                    }
                    server.disconnect(origin);
                }, () -> System.exit(0))) : java.util.Optional.empty();
        parts.forwardTokenEvents(server::broadcast,
                () -> tray.ifPresent(t -> javax.swing.SwingUtilities.invokeLater(t::update)));
        // Full collections once the pages have been quiet for a while: the serial heap grown by the start or by a
        // large document is handed back to the system (a few tens of milliseconds, at most once per quiet period).
        server.whenIdle(IDLE_BEFORE_TRIM, HeapTrim::run);
        return new Running(prompts, pairing, parts, server, tray);
    }

    /**
     * The parts built on the start thread, waiting for them; an unchecked failure is rethrown as it was thrown there,
     * a checked one inside a {@link CompletionException}.
     */
    private static AgentAssembly built(CompletableFuture<AgentAssembly> building) {
        try {
            return building.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * The person-facing prompts of this run: the agent's windows on a desktop; otherwise nobody is asked — consent
     * is unavailable, PINs are cancelled, pairing prompts are not shown.
     */
    record Prompts(boolean gui, ConsentPrompt consent, PinPrompt pins, PairingPrompt pairing,
                   AtomicReference<Language> language) {

        static Prompts choose(boolean gui, AgentConfig config) {
            AtomicReference<Language> language = new AtomicReference<>(Language.of(config.uiLanguage()));
            if (!gui) {
                return new Prompts(false, ConsentPrompt.NOBODY, request -> java.util.Optional.empty(), null, language);
            }
            return new Prompts(true, new ConsentQueue(new ConsentDialog(language::get, ConsentDialog.DEFAULT_TIMEOUT)),
                    new PinDialog(language::get, PinDialog.DEFAULT_TIMEOUT),
                    new PairingDialog(language::get, PairingDialog.DEFAULT_TIMEOUT), language);
        }
    }
}
