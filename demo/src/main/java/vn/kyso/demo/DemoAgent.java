package vn.kyso.demo;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

import vn.kyso.app.AgentAssembly;
import vn.kyso.server.AgentServer;
import vn.kyso.server.ServerSettings;
import vn.kyso.token.TokenManager;
import vn.kyso.vgca.StampImages;
import vn.kyso.vgca.VgcaSettings;

/**
 * The real agent as the demo and the browser tests run it: the standard assembly over a test PKI, the given prompts,
 * and token hot-plug events broadcast to every open page.
 */
public final class DemoAgent {

    private DemoAgent() {
    }

    /**
     * @param root        the test PKI's root, trusted in addition to the bundled roots
     * @param extraCas    intermediates the agent may need to build chains
     * @param home        where the demo's local secret and audit log live
     */
    public static AgentServer start(int port, List<String> allowedOrigins, TokenManager tokens, X509Certificate root,
                                    List<X509Certificate> extraCas, URI tsa, DemoPrompts prompts, Path home)
            throws IOException {
        return start(port, allowedOrigins, tokens, root, extraCas, tsa, prompts, home,
                VgcaSettings.of(List.of(), new StampImages(null, null)));
    }

    /** @param vgca the VGCA compatibility settings: the workstation's signature and seal images, extra file servers */
    public static AgentServer start(int port, List<String> allowedOrigins, TokenManager tokens, X509Certificate root,
                                    List<X509Certificate> extraCas, URI tsa, DemoPrompts prompts, Path home,
                                    VgcaSettings vgca) throws IOException {
        AgentAssembly parts = AgentAssembly.forProtocol(tokens, AgentAssembly.builder()
                .trust(AgentAssembly.trustFrom(null, List.of(root))).tsaUrl(tsa).extraCas(extraCas)
                .auditFile(home.resolve("audit.jsonl")).vgca(vgca).build(), prompts.consent(), prompts.pins());
        AgentServer agent = AgentServer.start(ServerSettings.builder().port(port).allowedOrigins(allowedOrigins)
                .secretFile(home.resolve("local-secret")).build(), parts.methods(), "demo");
        parts.forwardTokenEvents(agent::broadcast, () -> { });
        return agent;
    }
}
