package vn.kyso.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import java.util.concurrent.atomic.AtomicReference;

import vn.kyso.app.AgentAssembly;
import vn.kyso.app.Method;
import vn.kyso.app.TokenEvents;
import vn.kyso.audit.AuditLog;
import vn.kyso.audit.AuditRecord;
import vn.kyso.config.AgentConfig;
import vn.kyso.config.ConfigLocations;
import vn.kyso.consent.ConsentPrompt;
import vn.kyso.consent.ConsentQueue;
import vn.kyso.desktop.AgentTray;
import vn.kyso.desktop.ConsentDialog;
import vn.kyso.desktop.DesktopSupport;
import vn.kyso.desktop.Language;
import vn.kyso.desktop.PairingDialog;
import vn.kyso.desktop.PinDialog;
import vn.kyso.pairing.PairedOrigins;
import vn.kyso.pairing.Pairing;
import vn.kyso.pairing.PairingPrompt;
import vn.kyso.server.AgentServer;
import vn.kyso.server.OriginPolicy;
import vn.kyso.server.ServerSettings;
import vn.kyso.token.PinPrompt;
import vn.kyso.token.TokenManager;
import vn.kyso.vgca.StampImages;
import vn.kyso.vgca.VgcaSettings;

/**
 * {@code kyso serve}: the always-running agent. With a display: the agent's own consent, PIN and pairing windows and
 * the tray icon. Without one (servers, CI) or with {@code --no-gui}: the same protocol, but signing requests are
 * refused with CONSENT_UNAVAILABLE and only allow-listed or earlier-approved origins get in. No flag or variable
 * supplies a PIN or approves anything.
 */
final class ServeCommand implements Command {

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String summary() {
        return "Chạy Kyso Agent (cầu nối 127.0.0.1) / run the agent (loopback bridge) [--config FILE] [--port N] [--allow-origin O] [--no-gui]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Options options = Options.parse(args, Set.of("--no-gui"), Set.of("--config", "--port", "--allow-origin"));
        String file = options.get("--config", null);
        AgentConfig config = file != null ? AgentConfig.load(Path.of(file), null) : AgentConfig.load();
        int port = Integer.parseInt(options.get("--port", String.valueOf(config.serverPort())));
        List<String> origins = new java.util.ArrayList<>(config.allowedOrigins());
        origins.addAll(options.all("--allow-origin"));
        Path secret = ConfigLocations.forCurrentSystem().user().resolveSibling("local-secret");

        TokenManager tokens = TokenManager.open(config.tokenManagerConfig());
        Prompts prompts = Prompts.choose(!options.has("--no-gui") && DesktopSupport.available(), config);
        Pairing pairing = config.pairingAllowed()
                ? new Pairing(new PairedOrigins(PairedOrigins.defaultFile()), prompts.pairing()) : null;
        AuditLog audit = new AuditLog(AuditLog.defaultFile());
        Map<String, Method> methods = AgentAssembly.methods(tokens, new AgentAssembly.Settings(
                AgentAssembly.trustFrom(config.trustDirectory(), List.of()), java.net.URI.create(config.tsaUrl()),
                List.of(), config.signOffline(), audit.file(), VgcaSettings.of(
                config.vgcaAllowedUrls(), new StampImages(config.vgcaSignatureImage(),
                config.vgcaSealImage())), config.pkiRemap()), prompts.consent(), prompts.pins());
        // documents too large for the memory share go to owner-only files beside the audit log, in the user's folder
        ServerSettings settings = new ServerSettings(port, origins, secret, 1 << 20, java.time.Duration.ofMinutes(30))
                .withBudgets(ServerSettings.Budgets.defaults().withSpillFolder(audit.file().resolveSibling("documents")));
        AgentServer server = AgentServer.start(settings, new OriginPolicy(origins, pairing), methods,
                VersionCommand.version(), (origin, operation, result) -> audit.append(new AuditRecord(origin,
                        operation, "", "", "", "", result)));
        java.util.Optional<AgentTray> tray = prompts.gui() ? AgentTray.install(new AgentTray.Parts(server.port(),
                () -> tokens.tokens().size(), Set.copyOf(origins), pairing, audit, prompts.language(), origin -> {
                    if (pairing != null) {
                        pairing.revoke(origin);
                    }
                    server.disconnect(origin);
                }, () -> System.exit(0))) : java.util.Optional.empty();
        TokenEvents.forward(tokens, server::broadcast,
                () -> tray.ifPresent(t -> javax.swing.SwingUtilities.invokeLater(t::update)));
        out.println("Kyso Agent đang chạy / running: http://127.0.0.1:" + server.port() + "/v1/health");
        out.println("Trang web được phép / allowed origins: " + (origins.isEmpty() ? "(none)" : String.join(", ", origins)));
        out.println(prompts.gui()
                ? "Hộp thoại / dialogs: có / yes" + (tray.isPresent() ? "; biểu tượng khay / tray icon: có / yes"
                        : "; biểu tượng khay / tray icon: không có khay hệ thống / no system tray")
                : "Không có màn hình: yêu cầu ký bị từ chối (CONSENT_UNAVAILABLE) / headless: signing requests are refused");
        out.println("Ghép trang web / pairing: " + (pairing == null ? "tắt bởi CNTT / off (origins.pairing=false)"
                : prompts.gui() ? "hỏi người dùng / asks the person" : "chỉ trang đã cho phép trước / earlier approvals only"));
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            tray.ifPresent(AgentTray::close);
            server.close();
            tokens.close();
            stop.countDown();
        }));
        stop.await();
        return 0;
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
            return new Prompts(true, new ConsentQueue(new ConsentDialog(language::get, ConsentDialog.DEFAULT_TIMEOUT)), new PinDialog(language::get, PinDialog.DEFAULT_TIMEOUT),
                    new PairingDialog(language::get, PairingDialog.DEFAULT_TIMEOUT), language);
        }
    }
}
