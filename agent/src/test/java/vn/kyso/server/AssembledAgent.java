package vn.kyso.server;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import vn.kyso.app.AgentAssembly;
import vn.kyso.consent.ConsentPrompt;
import vn.kyso.pdf.appearance.WorkflowSamples;
import vn.kyso.pki.TrustStore;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.token.PinPrompt;
import vn.kyso.token.TokenManager;
import vn.kyso.vgca.StampImages;
import vn.kyso.vgca.VgcaSettings;

/**
 * The agent as {@code kyso serve} assembles it ({@link AgentAssembly}, the real server, the test PKI's root trusted),
 * with only the person replaced by the given consent and PIN prompts.
 */
final class AssembledAgent {

    private AssembledAgent() {
    }

    static AgentServer start(TokenManager tokens, String origin, Path audit, Path secretFile, ConsentPrompt consent,
                             PinPrompt pins) throws Exception {
        TestEnvironment env = TestEnvironment.shared();
        TrustStore trust = TrustStore.empty();
        trust.add(env.pki().root());
        Path images = Files.createDirectories(audit.getParent().resolveSibling("images"));
        Path signature = Files.write(images.resolve("chu-ky.png"), WorkflowSamples.signaturePng());
        Path seal = Files.write(images.resolve("con-dau.png"), WorkflowSamples.sealPng());
        AgentAssembly parts = AgentAssembly.forProtocol(tokens, AgentAssembly.builder().trust(trust)
                .tsaUrl(URI.create(env.pki().urls().tsa())).auditFile(audit).vgca(VgcaSettings.of(List.of(),
                        new StampImages(signature, seal))).build(), consent, pins);
        return AgentServer.start(ServerSettings.builder().port(0).allowedOrigins(List.of(origin))
                .secretFile(secretFile).idleTimeout(java.time.Duration.ofMinutes(5)).build(), parts.methods(), "test");
    }
}
