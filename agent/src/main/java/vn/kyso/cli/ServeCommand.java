package vn.kyso.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import vn.kyso.app.AgentAssembly;
import vn.kyso.audit.AuditLog;
import vn.kyso.consent.ConsentPrompt;
import vn.kyso.config.AgentConfig;
import vn.kyso.server.AgentServer;
import vn.kyso.server.Method;
import vn.kyso.server.ServerSettings;
import vn.kyso.token.TokenManager;
import vn.kyso.token.TokenManagerConfig;

/** {@code kyso serve}: the always-running agent (headless today; tray and dialogs come with the agent work). */
final class ServeCommand implements Command {

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String summary() {
        return "Chạy Kyso Agent (cầu nối 127.0.0.1) / run the agent (loopback bridge) [--config FILE] [--port N] [--allow-origin O]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Options options = Options.parse(args, Set.of(), Set.of("--config", "--port", "--allow-origin"));
        String file = options.get("--config", null);
        AgentConfig config = file != null ? AgentConfig.load(Path.of(file), null) : AgentConfig.load();
        int port = Integer.parseInt(options.get("--port", String.valueOf(config.serverPort())));
        List<String> origins = new java.util.ArrayList<>(config.allowedOrigins());
        origins.addAll(options.all("--allow-origin"));
        Path secret = vn.kyso.config.ConfigLocations.forCurrentSystem().user().resolveSibling("local-secret");

        TokenManager tokens = TokenManager.open((config.discoverDrivers()
                ? TokenManagerConfig.discovering(config.tokenLibraries())
                : TokenManagerConfig.of(config.tokenLibraries())).withLoginPolicy(config.loginPolicy()));
        // No dialogs yet in this build: signing requests are refused with CONSENT_UNAVAILABLE rather than approved.
        Map<String, Method> methods = AgentAssembly.methods(tokens, new AgentAssembly.Settings(
                AgentAssembly.trustFrom(config.trustDirectory(), List.of()), java.net.URI.create(config.tsaUrl()),
                List.of(), config.signOffline(), AuditLog.defaultFile(), vn.kyso.vgca.VgcaSettings.of(
                config.vgcaAllowedUrls(), new vn.kyso.vgca.StampImages(config.vgcaSignatureImage(),
                config.vgcaSealImage())), config.pkiRemap()), ConsentPrompt.NOBODY,
                request -> java.util.Optional.empty());
        AgentServer server = AgentServer.start(new ServerSettings(port, origins, secret, 1 << 20,
                java.time.Duration.ofMinutes(30)), methods, VersionCommand.version());
        tokens.addListener(event -> server.broadcast(
                event.type() == vn.kyso.token.TokenEvent.Type.INSERTED ? "token.inserted" : "token.removed",
                Map.of("id", event.token().id(), "label", event.token().label())));
        out.println("Kyso Agent đang chạy / running: http://127.0.0.1:" + server.port() + "/v1/health");
        out.println("Trang web được phép / allowed origins: " + (origins.isEmpty() ? "(none)" : String.join(", ", origins)));
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            tokens.close();
            stop.countDown();
        }));
        stop.await();
        return 0;
    }
}
