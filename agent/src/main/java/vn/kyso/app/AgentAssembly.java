package vn.kyso.app;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.kyso.audit.AuditLog;
import vn.kyso.cms.CadesSigner;
import vn.kyso.config.AgentConfig;
import vn.kyso.consent.ConsentPrompt;
import vn.kyso.json.JsonSigner;
import vn.kyso.pdf.PadesServices;
import vn.kyso.pdf.PadesSigner;
import vn.kyso.pdf.RemotePadesSigner;
import vn.kyso.pki.CrlClient;
import vn.kyso.pki.HttpFetcher;
import vn.kyso.pki.OcspClient;
import vn.kyso.pki.RevocationCollector;
import vn.kyso.pki.TimeStampClient;
import vn.kyso.pki.TrustStore;
import vn.kyso.pki.UrlRemap;
import vn.kyso.token.PinPrompt;
import vn.kyso.token.TokenManager;
import vn.kyso.token.TokenManagerConfig;
import vn.kyso.usecase.CertificateStatuses;
import vn.kyso.usecase.SignCms;
import vn.kyso.usecase.SignHash;
import vn.kyso.usecase.SignJson;
import vn.kyso.usecase.SignPdf;
import vn.kyso.usecase.SignPdfBatch;
import vn.kyso.usecase.SignXml;
import vn.kyso.usecase.SigningRules;
import vn.kyso.usecase.TwoStepPdf;
import vn.kyso.verify.PdfSignatureVerifier;
import vn.kyso.verify.SignerCertificateCheck;
import vn.kyso.vgca.StampImages;
import vn.kyso.vgca.VgcaSettings;
import vn.kyso.xml.XmlError;
import vn.kyso.xml.XmlLimits;
import vn.kyso.xml.XmlSigner;

/**
 * The composition root: the one place the agent's parts are built, by hand (no DI framework), for every command —
 * {@code kyso serve} and the demo (the protocol's methods), {@code kyso sign} and {@code kyso verify} (the use cases
 * and the verifier directly). From its {@link Settings} it builds the token manager, the trust store's HTTP, OCSP, CRL
 * and TSA clients, the verifier, and each use case once; the protocol methods and the VGCA methods are handed those
 * same objects.
 *
 * <p>Everything past the token layer is built on first use, so the agent answers its first request before the PDF
 * engine and the verifier are loaded (cold start), and {@code kyso verify} never opens a token.
 */
public final class AgentAssembly implements AutoCloseable {

    /**
     * What the parts are built from, through {@link #builder()} or {@link #from(AgentConfig)}.
     *
     * @param tokenConfig            which PKCS#11 libraries to load; null when the token manager is handed in
     * @param trust                  trusted roots (and known intermediates)
     * @param tsaUrl                 the RFC 3161 time-stamping authority; required to sign, not to verify
     * @param extraCas               further CA certificates that may complete a signer's chain
     * @param signOffline            sign with a warning when revocation cannot be checked, instead of refusing
     * @param online                 the verifier may fetch revocation data and certificates
     * @param auditFile              the signing log; required to sign, not to verify
     * @param vgca                   the VGCA compatibility settings
     * @param pkiRemap               URL rewrites for the PKI's services
     * @param profileFolder          the user's signature images; null: the current user's folder
     * @param networkTimeout         connect and read time-out of the PKI clients; null: their defaults
     */
    public record Settings(TokenManagerConfig tokenConfig, TrustStore trust, URI tsaUrl,
                           List<X509Certificate> extraCas, boolean signOffline,
                           boolean online, Path auditFile, VgcaSettings vgca, UrlRemap pkiRemap, Path profileFolder,
                           Duration networkTimeout) {

        public Settings {
            required(trust, "trust");
            if (tsaUrl != null && !(tsaUrl.isAbsolute()
                    && ("http".equals(tsaUrl.getScheme()) || "https".equals(tsaUrl.getScheme())))) {
                throw new IllegalArgumentException("AgentAssembly.Settings: tsaUrl must be an http(s) URL, was "
                        + tsaUrl);
            }
            extraCas = List.copyOf(required(extraCas, "extraCas"));
            required(vgca, "vgca");
            required(pkiRemap, "pkiRemap");
            if (networkTimeout != null && (networkTimeout.isNegative() || networkTimeout.isZero())) {
                throw new IllegalArgumentException("AgentAssembly.Settings: networkTimeout must be positive, was "
                        + networkTimeout);
            }
        }

        public Builder toBuilder() {
            return new Builder().tokenConfig(tokenConfig).trust(trust).tsaUrl(tsaUrl).extraCas(extraCas)
                    .signOffline(signOffline).online(online)
                    .auditFile(auditFile).vgca(vgca).pkiRemap(pkiRemap).profileFolder(profileFolder)
                    .networkTimeout(networkTimeout);
        }
    }

    /**
     * Settings with the trust store still to give, and the TSA and audit file when anything is signed; no extra
     * CAs, refusing to sign offline, verifying online, no VGCA images or extra file servers, the built-in PKI URL
     * rewrites.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The settings of {@code config}: its token libraries (discovered drivers too when {@code token.discover} is on),
     * bundled roots plus its trust folder, its TSA, offline policy, VGCA settings and URL rewrites; the user's audit
     * log.
     */
    public static Builder from(AgentConfig config) throws IOException {
        return builder().tokenConfig(config.tokenManagerConfig())
                .trust(trustFrom(config.trustDirectory(), List.of())).tsaUrl(URI.create(config.tsaUrl()))
                .signOffline(config.signOffline()).auditFile(AuditLog.defaultFile())
                .vgca(VgcaSettings.of(config.vgcaAllowedUrls(), new StampImages(config.vgcaSignatureImage(),
                        config.vgcaSealImage())))
                .pkiRemap(config.pkiRemap());
    }

    /** Collects {@link Settings}; {@link #build()} refuses a missing or malformed one with its name. */
    public static final class Builder {
        private TokenManagerConfig tokenConfig;
        private TrustStore trust;
        private URI tsaUrl;
        private List<X509Certificate> extraCas = List.of();
        private boolean signOffline;
        private boolean online = true;
        private Path auditFile;
        private VgcaSettings vgca = VgcaSettings.of(List.of(), new StampImages(null, null));
        private UrlRemap pkiRemap = UrlRemap.defaults();
        private Path profileFolder;
        private Duration networkTimeout;

        private Builder() {
        }

        public Builder tokenConfig(TokenManagerConfig value) {
            tokenConfig = value;
            return this;
        }

        public Builder trust(TrustStore value) {
            trust = value;
            return this;
        }

        public Builder tsaUrl(URI value) {
            tsaUrl = value;
            return this;
        }

        public Builder extraCas(List<X509Certificate> value) {
            extraCas = value;
            return this;
        }

        public Builder signOffline(boolean value) {
            signOffline = value;
            return this;
        }

        public Builder online(boolean value) {
            online = value;
            return this;
        }

        public Builder auditFile(Path value) {
            auditFile = value;
            return this;
        }

        public Builder vgca(VgcaSettings value) {
            vgca = value;
            return this;
        }

        public Builder pkiRemap(UrlRemap value) {
            pkiRemap = value;
            return this;
        }

        public Builder profileFolder(Path value) {
            profileFolder = value;
            return this;
        }

        public Builder networkTimeout(Duration value) {
            networkTimeout = value;
            return this;
        }

        public Settings build() {
            return new Settings(tokenConfig, trust, tsaUrl, extraCas, signOffline, online,
                    auditFile, vgca, pkiRemap, profileFolder, networkTimeout);
        }
    }

    private final Settings settings;
    private final Supplier<TokenManager> tokens;
    private final boolean ownsTokens;
    private final boolean protocol;
    private final ConsentPrompt consent;
    private final PinPrompt pins;
    private final Supplier<AuditLog> audit;
    private final Supplier<Pki> pki;
    private final Supplier<PdfSignatureVerifier> verifier;
    private final Supplier<SignerCertificateCheck> certificateCheck;
    private final Supplier<SignHash> signHash;
    private final Supplier<AgentMethods.DocumentServices> documents;
    private final Supplier<CertificateStatuses> statuses;
    private final Supplier<Map<String, Method>> methods;
    private final AtomicBoolean warmUpStarted = new AtomicBoolean();
    /** Page requests being answered now: the signing warm-up waits until there are none. */
    private final AtomicInteger requestsBeingAnswered = new AtomicInteger();
    private volatile CompletableFuture<SigningWarmUp.Outcome> warmUp;
    /** A person has approved a signature since the start. */
    private final AtomicBoolean approved = new AtomicBoolean();

    private AgentAssembly(Settings settings, TokenManager given, ConsentPrompt consent, PinPrompt pins,
                          boolean protocol) {
        this.settings = required(settings, "settings");
        this.ownsTokens = given == null;
        this.tokens = given != null ? () -> given : memoised(() -> {
            if (settings.tokenConfig() == null) {
                throw new IllegalStateException("AgentAssembly: no token manager was given and Settings has no "
                        + "tokenConfig");
            }
            return TokenManager.open(settings.tokenConfig());
        });
        this.protocol = protocol;
        // On the protocol every use case asks through these, so a method that reaches them must be declared as
        // asking; at a terminal the person running the command is the one asked.
        this.consent = protocol ? PromptGuard.consent(approvalsNoticed(consent)) : consent;
        this.pins = protocol ? PromptGuard.pins(pins) : pins;
        this.audit = memoised(() -> new AuditLog(requiredToSign(settings.auditFile(), "auditFile")));
        this.pki = memoised(this::buildPki);
        this.verifier = memoised(() -> PdfSignatureVerifier.builder(settings.trust()).http(pki.get().http())
                .ocsp(pki.get().ocsp()).crl(pki.get().crl()).online(settings.online()).build());
        this.certificateCheck = memoised(() -> new SignerCertificateCheck(settings.trust(), pki.get().http(),
                pki.get().ocsp(), pki.get().crl(), Clock.systemUTC()));
        this.signHash = memoised(() -> new SignHash(tokens(), this.consent, this.pins, audit()));
        this.documents = memoised(this::buildDocuments);
        this.statuses = memoised(() -> {
            CertificateStatuses built = new CertificateStatuses(tokens(), certificateCheck, knownCertificates(),
                    Clock.systemUTC());
            // A token plugged in is checked at once. Those present at start are checked when a page first lists them,
            // not while the agent starts: the check loads the PKI clients and path validation, which cost the cold
            // start a second of CPU and the idle agent tens of megabytes before anyone asked.
            tokens().addListener(event -> built.refresh());
            return built;
        });
        this.methods = memoised(() -> {
            Map<String, Method> all = new LinkedHashMap<>(AgentMethods.standard(tokens(), signHash.get(),
                    documents, statuses.get()));
            all.putAll(VgcaMethods.of(tokens(), signHash.get(), audit(), documents, settings.vgca(),
                    statuses.get()));
            all.replaceAll((name, method) -> warmingUp(method));
            return Collections.unmodifiableMap(all);
        });
    }

    /** The agent behind the protocol, over the token libraries of {@code settings}; closing closes the tokens. */
    public static AgentAssembly forProtocol(Settings settings, ConsentPrompt consent, PinPrompt pins) {
        return new AgentAssembly(settings, null, consent, pins, true);
    }

    /** The agent behind the protocol, over a token manager its caller owns (the demo, tests). */
    public static AgentAssembly forProtocol(TokenManager tokens, Settings settings, ConsentPrompt consent,
                                            PinPrompt pins) {
        return new AgentAssembly(settings, required(tokens, "tokens"), consent, pins, true);
    }

    /** The use cases for a command run at a terminal, where the person running it is asked directly. */
    public static AgentAssembly forTerminal(Settings settings, ConsentPrompt consent, PinPrompt pins) {
        return new AgentAssembly(settings, null, consent, pins, false);
    }

    /** The same over a token manager its caller owns (a command that picks the certificate before it signs). */
    public static AgentAssembly forTerminal(TokenManager tokens, Settings settings, ConsentPrompt consent,
                                            PinPrompt pins) {
        return new AgentAssembly(settings, required(tokens, "tokens"), consent, pins, false);
    }

    public static TrustStore trustFrom(Path directory, List<X509Certificate> extraRoots) throws IOException {
        TrustStore trust = TrustStore.withBundledRoots();
        if (directory != null) {
            trust.addDirectory(directory);
        }
        extraRoots.forEach(trust::add);
        return trust;
    }

    public Settings settings() {
        return settings;
    }

    /** The token manager, opened on first use. */
    public TokenManager tokens() {
        return tokens.get();
    }

    public AuditLog audit() {
        return audit.get();
    }

    public PdfSignatureVerifier verifier() {
        return verifier.get();
    }

    /** The check of a signer's certificate before signing (validity, key usage, trusted path, revocation). */
    public SignerCertificateCheck certificateCheck() {
        return certificateCheck.get();
    }

    /** The document use cases and verifiers, each built once. */
    public AgentMethods.DocumentServices documents() {
        return documents.get();
    }

    /** The protocol's methods with the VGCA compatibility methods, over the use cases above. */
    public Map<String, Method> methods() {
        if (!protocol) {
            throw new IllegalStateException("AgentAssembly: methods are for the protocol; this assembly asks a "
                    + "person at a terminal");
        }
        return methods.get();
    }

    /**
     * Starts the signing warm-up ({@link SigningWarmUp}) on a background thread, once per agent; every protocol method
     * calls this first, so it runs when a page first calls the agent, its pass once no page request is being answered.
     * Completes with what the pass did (null: it failed, and said so in the log); empty when it was started before.
     */
    public Optional<CompletableFuture<SigningWarmUp.Outcome>> warmUpSigning() {
        if (!warmUpStarted.compareAndSet(false, true)) {
            return Optional.empty();
        }
        warmUp = new SigningWarmUp(() -> pki.get().http(), approved::get)
                .startInBackground(() -> requestsBeingAnswered.get() > 0);
        return Optional.of(warmUp);
    }

    /** The signing warm-up's pass once started (tests and diagnostics). */
    Optional<CompletableFuture<SigningWarmUp.Outcome>> startedWarmUp() {
        return Optional.ofNullable(warmUp);
    }

    /** {@code prompt}, noting the first approval: the signing warm-up then gives way to that signature. */
    private ConsentPrompt approvalsNoticed(ConsentPrompt prompt) {
        return request -> {
            ConsentPrompt.Decision decision = prompt.ask(request);
            if (decision == ConsentPrompt.Decision.APPROVE) {
                approved.set(true);
            }
            return decision;
        };
    }

    /**
     * {@code method}, starting the signing warm-up first: a page that calls the agent is about to sign, and the
     * warm-up loads what a signature needs (about 20 MiB resident for good), which an agent no page has called yet —
     * at login, all day on a PC where nobody signs — is spared.
     */
    private Method warmingUp(Method method) {
        return new Method() {
            @Override
            public Object call(Session session, ObjectNode params) {
                requestsBeingAnswered.incrementAndGet();
                try {
                    warmUpSigning();
                    return method.call(session, params);
                } finally {
                    requestsBeingAnswered.decrementAndGet();
                }
            }

            @Override
            public boolean asksThePerson() {
                return method.asksThePerson();
            }
        };
    }

    /** What pages hear on token hot-plug, sent through {@code broadcast}; {@code after} runs after each. */
    public void forwardTokenEvents(BiConsumer<String, Object> broadcast, Runnable after) {
        TokenEvents.forward(tokens(), broadcast, after);
    }

    @Override
    public void close() {
        if (statuses instanceof Memoised<CertificateStatuses> checking && checking.built()) {
            checking.get().close();
        }
        if (audit instanceof Memoised<AuditLog> log && log.built()) {
            log.get().close();
        }
        if (ownsTokens && tokens instanceof Memoised<TokenManager> opened && opened.built()) {
            opened.get().close();
        }
    }

    /** The PKI clients, shared by every use case and the verifier. */
    private record Pki(HttpFetcher http, OcspClient ocsp, CrlClient crl) {
    }

    private Pki buildPki() {
        Duration timeout = settings.networkTimeout();
        HttpFetcher http = timeout == null ? HttpFetcher.withRemap(settings.pkiRemap())
                : new HttpFetcher(timeout, timeout, HttpFetcher.DEFAULT_MAX_RESPONSE_BYTES, settings.pkiRemap());
        return new Pki(http, new OcspClient(http), new CrlClient(http));
    }

    /** The engines' services: the TSA, the PKI clients and the CA certificates that complete a signer's chain. */
    private PadesServices engineServices(Pki parts) {
        return new PadesServices(new TimeStampClient(parts.http(), requiredToSign(settings.tsaUrl(), "tsaUrl")),
                parts.ocsp(), parts.crl(), knownCertificates());
    }

    /** The CA certificates that complete a signer's chain: trusted, bundled and configured ones. */
    private List<X509Certificate> knownCertificates() {
        List<X509Certificate> known = new ArrayList<>(settings.trust().anchors());
        known.addAll(settings.trust().knownIntermediates());
        known.addAll(settings.extraCas());
        return known;
    }

    private AgentMethods.DocumentServices buildDocuments() {
        Pki parts = pki.get();
        PdfSignatureVerifier pdfVerifier = verifier();
        PadesServices services = engineServices(parts);
        SigningRules rules = SigningRules.builder().tokens(tokens()).knownCas(services.knownCertificates())
                .consent(consent).pins(pins).audit(audit()).certificateCheck(certificateCheck()).verifier(pdfVerifier)
                .offline(settings.signOffline() ? SignPdf.OfflinePolicy.SIGN_WITH_WARNING
                        : SignPdf.OfflinePolicy.REFUSE)
                .build();
        // the XML engine on the same TSA, OCSP/CRL clients and known CAs as PAdES
        XmlSigner xmlSigner = new XmlSigner(services.timeStamps(), new RevocationCollector(services.ocsp(),
                services.crl(), XmlError.XML_REVOCATION_UNAVAILABLE), services.knownCertificates(),
                XmlLimits.defaults());
        return new AgentMethods.DocumentServices(new SignPdf(rules, new PadesSigner(services)), pdfVerifier,
                new SignPdfBatch(rules, new RemotePadesSigner(services)),
                new TwoStepPdf(rules, new RemotePadesSigner(services)),
                new SignCms(rules, new CadesSigner(services.timeStamps())), pdfVerifier.cmsVerifier(),
                new SignXml(rules, xmlSigner), pdfVerifier.xmlVerifier(), new SignJson(rules, new JsonSigner(services)),
                pdfVerifier.jwsVerifier(), settings.profileFolder() == null ? ProfileImages.forCurrentUser()
                        : new ProfileImages(settings.profileFolder()));
    }

    static <T> Supplier<T> memoised(Supplier<T> build) {
        return new Memoised<>(build);
    }

    /** Built on the first {@link #get()}, once, whichever thread asks first. */
    private static final class Memoised<T> implements Supplier<T> {
        private final Supplier<T> build;
        private T value;

        Memoised(Supplier<T> build) {
            this.build = build;
        }

        @Override
        public synchronized T get() {
            if (value == null) {
                value = build.get();
            }
            return value;
        }

        synchronized boolean built() {
            return value != null;
        }
    }

    /** Verifying needs neither; a command that signs without one is a programming error, named here. */
    private static <T> T requiredToSign(T value, String name) {
        if (value == null) {
            throw new IllegalStateException("AgentAssembly: Settings." + name + " is required to sign");
        }
        return value;
    }

    private static <T> T required(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("AgentAssembly: " + name + " is required");
        }
        return value;
    }
}
