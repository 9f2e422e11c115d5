package vn.kyso.server;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import vn.kyso.app.AgentAssembly;
import vn.kyso.app.Method;
import vn.kyso.app.TokenEvents;
import vn.kyso.audit.AuditLog;
import vn.kyso.consent.ConsentPrompt;
import vn.kyso.consent.ConsentRequest;
import vn.kyso.pairing.Pairing;
import vn.kyso.pairing.PairingPrompt;
import vn.kyso.pdf.appearance.WorkflowSamples;
import vn.kyso.pki.TrustStore;
import vn.kyso.testkit.ScriptedAnswers;
import vn.kyso.testkit.SocketClient;
import vn.kyso.testpki.SoftHsmFixture;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.token.PinPrompt;
import vn.kyso.token.PinRequest;
import vn.kyso.token.TokenManager;
import vn.kyso.token.TokenManagerConfig;
import vn.kyso.vgca.StampImages;
import vn.kyso.vgca.VgcaSettings;

/**
 * A running agent for the tests: the real server on a free port of 127.0.0.1, the real token layer on the shared
 * SoftHSM2 tokens, the test PKI's root trusted and its TSA, OCSP and CRLs used, and a {@link Person} whose answers to
 * the consent, PIN and pairing dialogs are scripted. By default the methods are assembled as {@code kyso serve}
 * assembles them ({@link AgentAssembly}); a test of one part of the protocol may give its own.
 *
 * <p>This is the one place in the tests that builds the server's and the assembly's settings and starts the server,
 * so a change of how the product composes the agent is made here once.
 */
public final class AgentHarness implements AutoCloseable {

    /**
     * What a test's own method set is built from. The audit log is the assembly's when the methods are assembled
     * ({@link #assemble}), else one of the harness's own on the same file: one log object per agent either way.
     */
    public static final class Parts {
        private final TokenLayer layer;
        private final Person person;
        private final Path dir;
        private final Path auditFile;
        private AgentAssembly assembly;
        private AuditLog audit;

        private Parts(TokenLayer layer, Person person, Path dir, Path auditFile) {
            this.layer = layer;
            this.person = person;
            this.dir = dir;
            this.auditFile = auditFile;
        }

        public TokenManager tokens() {
            return layer.get();
        }

        public Person person() {
            return person;
        }

        public Path dir() {
            return dir;
        }

        public synchronized AuditLog audit() {
            if (audit == null) {
                audit = new AuditLog(auditFile);
            }
            return audit;
        }

        /**
         * The composition root as {@code kyso serve} builds it, against the shared PKI (its root trusted, its
         * intermediate known as an installation knows the bundled ones, its TSA), asking {@code consent} and
         * {@code pins}; {@code custom} changes the settings.
         */
        public synchronized AgentAssembly assemble(Consumer<AgentAssembly.Builder> custom, ConsentPrompt consent,
                                                   PinPrompt pins) throws IOException {
            if (assembly != null || audit != null) {
                throw new IllegalStateException("one assembly and one audit log per agent");
            }
            TestEnvironment env = TestEnvironment.shared();
            TrustStore trust = TrustStore.empty();
            trust.add(env.pki().root());
            Path images = Files.createDirectories(dir.resolve("images"));
            Path signature = Files.write(images.resolve("chu-ky.png"), WorkflowSamples.signaturePng());
            Path seal = Files.write(images.resolve("con-dau.png"), WorkflowSamples.sealPng());
            AgentAssembly.Builder settings = AgentAssembly.builder().trust(trust)
                    .tsaUrl(URI.create(env.pki().urls().tsa())).extraCas(List.of(env.pki().intermediate()))
                    .auditFile(auditFile).vgca(VgcaSettings.of(List.of(), new StampImages(signature, seal)));
            custom.accept(settings);
            assembly = AgentAssembly.forProtocol(tokens(), settings.build(), consent, pins);
            audit = assembly.audit();
            return assembly;
        }
    }

    /**
     * The token layer, opened when first asked for. PKCS#11 initialisation is per process: closing a layer finalises
     * the library under every other layer of the test JVM, so an agent whose methods never touch a token opens none.
     */
    public static final class TokenLayer implements Supplier<TokenManager> {
        private final TokenManager borrowed;
        private final TokenManagerConfig config;
        private TokenManager opened;

        private TokenLayer(TokenManager borrowed, TokenManagerConfig config) {
            this.borrowed = borrowed;
            this.config = config;
        }

        @Override
        public synchronized TokenManager get() {
            if (borrowed != null) {
                return borrowed;
            }
            if (opened == null) {
                opened = TokenManager.open(config);
            }
            return opened;
        }

        /** Closes the layer if the agent opened it; a borrowed one stays open. */
        synchronized void close() {
            if (opened != null) {
                opened.close();
                opened = null;
            }
        }
    }

    @FunctionalInterface
    public interface Methods {
        Map<String, Method> of(Parts parts) throws Exception;
    }

    /**
     * The person at the desk. Consent approves, the PIN is SoftHSM2's user PIN and pairing waits 15 seconds for a
     * scripted answer unless the test scripts otherwise; what each dialog was asked is kept.
     */
    public static final class Person implements ConsentPrompt, PinPrompt, PairingPrompt {

        private final ScriptedAnswers<ConsentRequest, Decision> consent =
                ScriptedAnswers.<ConsentRequest, Decision>always(Decision.APPROVE).unanswered(Decision.REFUSE);
        /** A null answer is the person cancelling the PIN dialog. */
        private final ScriptedAnswers<PinRequest, String> pin =
                ScriptedAnswers.<PinRequest, String>always(SoftHsmFixture.USER_PIN).unanswered(null);
        private final ScriptedAnswers<String, PairingPrompt.Answer> pairing =
                ScriptedAnswers.waiting(Duration.ofSeconds(15), PairingPrompt.Answer.NO_ANSWER);

        public ScriptedAnswers<ConsentRequest, Decision> consent() {
            return consent;
        }

        public ScriptedAnswers<PinRequest, String> pin() {
            return pin;
        }

        public ScriptedAnswers<String, PairingPrompt.Answer> pairing() {
            return pairing;
        }

        /** Back to approving with the right PIN, nothing asked yet: between tests. */
        public void reset() {
            consent.reset(Decision.APPROVE);
            pin.reset(SoftHsmFixture.USER_PIN);
        }

        @Override
        public Decision ask(ConsentRequest request) {
            return consent.answer(request);
        }

        @Override
        public Optional<char[]> requestPin(PinRequest request) {
            return Optional.ofNullable(pin.answer(request)).map(String::toCharArray);
        }

        @Override
        public PairingPrompt.Answer ask(String origin) {
            return pairing.answer(origin);
        }
    }

    private final AgentServer server;
    private final TokenLayer tokens;
    private final Person person;
    private final AuditLog audit;

    private AgentHarness(AgentServer server, TokenLayer tokens, Person person, AuditLog audit) {
        this.server = server;
        this.tokens = tokens;
        this.person = person;
        this.audit = audit;
    }

    /** An agent whose secret, audit log and images live in {@code dir}. */
    public static Builder in(Path dir) {
        return new Builder(dir);
    }

    public AgentServer server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    public TokenManager tokens() {
        return tokens.get();
    }

    public Person person() {
        return person;
    }

    public AuditLog audit() {
        return audit;
    }

    /** A page of {@code origin}, connected. */
    public SocketClient open(String origin) throws InterruptedException {
        return SocketClient.open(port(), origin);
    }

    @Override
    public void close() {
        server.close();
        audit.close();
        tokens.close();
    }

    /** The methods as {@code kyso serve} assembles them, asking the scripted person. */
    public static Methods standard() {
        return assembled(settings -> { });
    }

    /** Assembled as {@code kyso serve} assembles them, with the settings {@code custom} changes. */
    public static Methods assembled(Consumer<AgentAssembly.Builder> custom) {
        return parts -> parts.assemble(custom, parts.person(), parts.person()).methods();
    }

    /** Assembled, the person's images in {@code profile} (null: the user's own folder). */
    public static Methods withDocuments(Path profile) {
        return assembled(settings -> settings.profileFolder(profile));
    }

    /** Assembled, with the VGCA plug-in's methods of these settings. */
    public static Methods withVgca(Path profile, VgcaSettings vgca) {
        return assembled(settings -> settings.profileFolder(profile).vgca(vgca));
    }

    public static final class Builder {
        private final Path dir;
        private int port;
        private List<String> origins = List.of();
        private Path secretFile;
        private Path auditFile;
        private int maxTextFrameBytes = 1 << 20;
        private Duration idleTimeout = Duration.ofMinutes(1);
        private long maxDocumentBytes = 100L * 1024 * 1024;
        private int maxDocumentsPerConnection = 10;
        private ServerSettings.Limits limits = ServerSettings.Limits.defaults();
        private ServerSettings.Budgets budgets = ServerSettings.Budgets.defaults();
        private TokenManager tokens;
        private TokenManagerConfig tokenConfig;
        private Person person = new Person();
        private Methods methods;
        private Pairing pairing;
        private RefusalRecorder refusals = RefusalRecorder.NONE;
        private boolean tokenEvents;
        private String version = "test";

        private Builder(Path dir) {
            this.dir = dir;
        }

        public Builder origins(String... allowed) {
            return origins(List.of(allowed));
        }

        public Builder origins(List<String> allowed) {
            this.origins = List.copyOf(allowed);
            return this;
        }

        /** The first port tried (the range of {@link ServerSettings#PORT_RANGE}); 0, a free one, by default. */
        public Builder port(int first) {
            this.port = first;
            return this;
        }

        public Builder secretFile(Path file) {
            this.secretFile = file;
            return this;
        }

        public Builder auditFile(Path file) {
            this.auditFile = file;
            return this;
        }

        public Builder maxTextFrameBytes(int bytes) {
            this.maxTextFrameBytes = bytes;
            return this;
        }

        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = timeout;
            return this;
        }

        public Builder documents(long maxBytes, int perConnection) {
            this.maxDocumentBytes = maxBytes;
            this.maxDocumentsPerConnection = perConnection;
            return this;
        }

        public Builder limits(ServerSettings.Limits newLimits) {
            this.limits = newLimits;
            return this;
        }

        public Builder budgets(ServerSettings.Budgets newBudgets) {
            this.budgets = newBudgets;
            return this;
        }

        /** The test's own token layer, left open when the agent closes. */
        public Builder tokens(TokenManager borrowed) {
            this.tokens = borrowed;
            return this;
        }

        /** A token layer of this configuration, opened for the agent and closed with it. */
        public Builder tokens(TokenManagerConfig config) {
            this.tokenConfig = config;
            return this;
        }

        public Builder person(Person scripted) {
            this.person = scripted;
            return this;
        }

        /** The test's own method set instead of the assembled one. */
        public Builder methods(Methods own) {
            this.methods = own;
            return this;
        }

        /** Origins IT did not allow may be paired by the person. */
        public Builder pairing(Pairing asking) {
            this.pairing = asking;
            return this;
        }

        public Builder refusals(RefusalRecorder recorder) {
            this.refusals = recorder;
            return this;
        }

        /** The version the agent reports (info, health, doctor). */
        public Builder version(String reported) {
            this.version = reported;
            return this;
        }

        /** Token insertions and removals reach the pages as events, as in {@code kyso serve}. */
        public Builder tokenEvents() {
            this.tokenEvents = true;
            return this;
        }

        public AgentHarness start() throws Exception {
            TestEnvironment env = TestEnvironment.shared();
            TokenLayer layer = new TokenLayer(tokens, tokenConfig != null ? tokenConfig
                    : TokenManagerConfig.of(List.of(env.softHsm().library())));
            try {
                Parts parts = new Parts(layer, person, dir, auditFile != null ? auditFile : dir.resolve("audit.jsonl"));
                Map<String, Method> all = (methods != null ? methods : standard()).of(parts);
                AuditLog audit = parts.audit();
                ServerSettings settings = ServerSettings.builder().port(port).allowedOrigins(origins)
                        .secretFile(secretFile != null ? secretFile : dir.resolve("secret"))
                        .maxTextFrameBytes(maxTextFrameBytes).idleTimeout(idleTimeout)
                        .maxDocumentBytes(maxDocumentBytes).maxDocumentsPerConnection(maxDocumentsPerConnection)
                        .limits(limits).budgets(budgets).build();
                AgentServer server = AgentServer.start(settings, new OriginPolicy(origins, pairing), all, version,
                        refusals);
                if (tokenEvents) {
                    TokenEvents.forward(layer.get(), server::broadcast, () -> { });
                }
                return new AgentHarness(server, layer, person, audit);
            } catch (Exception | Error e) {
                layer.close();
                throw e;
            }
        }
    }
}
