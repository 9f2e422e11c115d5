package vn.kyso.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.consent.ConsentPrompt;
import vn.kyso.pki.HttpFetcher;
import vn.kyso.pki.TrustStore;
import vn.kyso.sign.TokenSignerPort;
import vn.kyso.testpki.SoftHsmFixture;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;
import vn.kyso.token.PinPrompt;
import vn.kyso.token.TokenManager;
import vn.kyso.token.TokenManagerConfig;
import vn.kyso.verify.Indication;
import vn.kyso.verify.SubIndication;

/**
 * The background pass that readies the first signature after a start: it really signs and verifies (its own offline
 * verifier passes every check but revocation), runs once per agent, touches neither the token, the person, the audit log
 * nor the file system, and a failure in it only ends it.
 */
class SigningWarmUpTest {

    @TempDir
    Path dir;

    @Test
    void onePassSignsAOnePagePdfAtBbAndItsSignatureVerifiesOffline() throws Exception {
        AtomicInteger fetchersAsked = new AtomicInteger();
        SigningWarmUp.Outcome outcome = new SigningWarmUp(() -> {
            fetchersAsked.incrementAndGet();
            return HttpFetcher.withDefaults();
        }, () -> false).run();

        // every check passed but revocation, which an offline verifier cannot know for certificates without URLs
        assertEquals(Indication.INDETERMINATE, outcome.indication());
        assertEquals(SubIndication.TRY_LATER, outcome.subIndication());
        assertTrue(outcome.signedBytes() > SigningWarmUp.onePage().length + 8000,
                "the signed document holds the reserved CMS: " + outcome.signedBytes());
        assertEquals(1, fetchersAsked.get(), "the agent's HTTP fetcher is built once, for the real verifier's sake");
        try (PDDocument page = Loader.loadPDF(SigningWarmUp.onePage())) {
            assertEquals(1, page.getNumberOfPages());
        }
    }

    @Test
    void aFailureIsLoggedAndEndsThePassWithoutThrowing() throws Exception {
        SigningWarmUp broken = new SigningWarmUp(HttpFetcher::withDefaults,
                () -> "not a PDF".getBytes(StandardCharsets.US_ASCII), () -> false);

        assertNull(broken.runLogged(), "a failed pass reports nothing and throws nothing");
        assertNull(broken.startInBackground().get(60, TimeUnit.SECONDS), "nor on its background thread");
    }

    @Test
    void runsOnceInTheBackgroundWithoutTokenAuditOrFiles() throws Exception {
        // No token configuration: the assembly would fail the moment anything asked for the token manager.
        Path audit = dir.resolve("audit/audit.log");
        TrustStore trust = TrustStore.empty();
        AgentAssembly parts = AgentAssembly.forProtocol(AgentAssembly.builder().trust(trust)
                .tsaUrl(URI.create("http://127.0.0.1:9/tsa")).auditFile(audit).profileFolder(dir.resolve("profile"))
                .build(), request -> {
                    throw new AssertionError("the warm-up asked for consent");
                }, request -> {
                    throw new AssertionError("the warm-up asked for a PIN");
                });

        SigningWarmUp.Outcome outcome = parts.warmUpSigning().orElseThrow().get(120, TimeUnit.SECONDS);
        assertEquals(SubIndication.TRY_LATER, outcome.subIndication(), "it ran to the end without the token");
        assertTrue(parts.warmUpSigning().isEmpty(), "a second call starts nothing");
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "no audit log, document or profile file was written");
        }
        assertTrue(trust.anchors().isEmpty(), "the throwaway root stays in the warm-up's own trust store");
        parts.close();
    }

    @Test
    void aPagesFirstCallStartsItAndAnAgentNoPageCalledHasNotRunIt() throws Exception {
        TestEnvironment env = TestEnvironment.shared();
        try (TokenManager tokens = TokenManager.open(TokenManagerConfig.of(List.of(env.softHsm().library())));
             AgentAssembly parts = AgentAssembly.forProtocol(tokens, AgentAssembly.builder().trust(TrustStore.empty())
                     .auditFile(dir.resolve("audit.log")).build(), request -> {
                         throw new AssertionError("consent asked");
                     }, request -> {
                         throw new AssertionError("PIN asked");
                     })) {
            Method list = parts.methods().get("tokens.list");
            assertFalse(list.asksThePerson(), "the wrapper keeps what the method declares");
            assertTrue(parts.methods().get("sign.pdf").asksThePerson());

            list.call(null, null);

            assertTrue(parts.warmUpSigning().isEmpty(), "the page's first call started it");
        }
    }

    @Test
    void givesWayToAnApprovedSignatureAtItsNextStep() throws Exception {
        SigningWarmUp.Outcome before = new SigningWarmUp(HttpFetcher::withDefaults, () -> true).run();
        assertFalse(before.completed(), "approved before the pass began: it does nothing");
        assertEquals(0, before.signedBytes());

        AtomicInteger asked = new AtomicInteger();
        SigningWarmUp.Outcome midway = new SigningWarmUp(HttpFetcher::withDefaults,
                () -> asked.incrementAndGet() > 1).run();
        assertFalse(midway.completed(), "approved while it made its key: it stops before signing");
        assertEquals(2, asked.get());
    }

    @Test
    void beginsOnlyOnceThePageHasGoneQuiet() throws Exception {
        AtomicBoolean busy = new AtomicBoolean(true);
        AtomicInteger fetchersAsked = new AtomicInteger();
        CompletableFuture<SigningWarmUp.Outcome> pass = new SigningWarmUp(() -> {
            fetchersAsked.incrementAndGet();
            return HttpFetcher.withDefaults();
        }, () -> false).startInBackground(busy::get);

        Thread.sleep(SigningWarmUp.QUIET.toMillis() * 3);
        assertFalse(pass.isDone(), "a page request is being answered: no pass yet");
        assertEquals(0, fetchersAsked.get(), "nothing of the pass has begun");

        busy.set(false);
        SigningWarmUp.Outcome outcome = pass.get(120, TimeUnit.SECONDS);
        assertTrue(outcome.completed(), "once the agent was quiet the pass ran to its end");
        assertEquals(1, fetchersAsked.get());
    }

    @Test
    void anApprovalWhileThePageIsBusyMeansNoPassAtAll() throws Exception {
        AtomicBoolean approved = new AtomicBoolean();
        AtomicInteger fetchersAsked = new AtomicInteger();
        CompletableFuture<SigningWarmUp.Outcome> pass = new SigningWarmUp(() -> {
            fetchersAsked.incrementAndGet();
            return HttpFetcher.withDefaults();
        }, approved::get).startInBackground(() -> true);

        approved.set(true);
        SigningWarmUp.Outcome outcome = pass.get(10, TimeUnit.SECONDS);
        assertFalse(outcome.completed());
        assertEquals(0, outcome.signedBytes());
        assertEquals(0, fetchersAsked.get(), "it never started its pass");
    }

    @Test
    void aPersonsApprovalThroughTheAssemblyMakesTheWarmUpGiveWay() throws Exception {
        TestEnvironment env = TestEnvironment.shared();
        try (TokenManager tokens = TokenManager.open(TokenManagerConfig.of(List.of(env.softHsm().library())));
             AgentAssembly parts = AgentAssembly.forProtocol(tokens, AgentAssembly.builder().trust(TrustStore.empty())
                     .auditFile(dir.resolve("audit.log")).build(), request -> ConsentPrompt.Decision.APPROVE,
                     request -> Optional.of(SoftHsmFixture.USER_PIN.toCharArray()))) {
            String certificate = tokens.certificates().stream().filter(c -> c.label().equals(TestPki.PERSONAL_AN))
                    .findFirst().orElseThrow().id();
            ObjectNode params = new ObjectMapper().createObjectNode().put("certificateId", certificate)
                    .put("hash", Base64.getEncoder().encodeToString(new byte[32]));
            // the page's first call is a signature the person approves at once: the warm-up it starts gives way
            parts.methods().get("sign.hash").call(new PageSession(), params);

            SigningWarmUp.Outcome outcome = parts.startedWarmUp().orElseThrow().get(120, TimeUnit.SECONDS);
            assertFalse(outcome.completed(), "it gave way to the approved signature");
        }
    }

    /** A page's connection as far as a sign.hash call needs one. */
    private static final class PageSession implements Session {
        private final Map<Class<?>, Object> state = new ConcurrentHashMap<>();

        @Override
        public Caller caller() {
            return new Caller(Optional.of("https://qlvb.ninhbinh.gov.vn"));
        }

        @Override
        public DocumentStore documents() {
            throw new AssertionError("sign.hash keeps no document");
        }

        @Override
        public <T> T state(Class<T> type, Supplier<T> create) {
            return type.cast(state.computeIfAbsent(type, k -> create.get()));
        }

        @Override
        public void event(String name, Object data) {
        }

        @Override
        public void sendDocument(DocumentStore.Document document) {
            throw new AssertionError("sign.hash sends no document");
        }
    }

    /** By construction: the warm-up's code cannot reach the token, the PIN or consent prompts, the audit log or files. */
    @Test
    void itsCodeReachesNoTokenNoPersonNoAuditAndNoFile() {
        JavaClasses warmUp = new ClassFileImporter().importClasses(Stream.concat(Stream.of(SigningWarmUp.class),
                Stream.of(SigningWarmUp.class.getDeclaredClasses())).toArray(Class<?>[]::new));
        // vn.kyso.token only for the names of signature algorithms, which the signer port speaks
        noClasses().should().dependOnClassesThat().resideInAnyPackage("vn.kyso.consent..", "vn.kyso.audit..",
                        "vn.kyso.files..", "vn.kyso.usecase..", "vn.kyso.server..", "java.nio.file..")
                .orShould().dependOnClassesThat().belongToAnyOf(TokenManager.class, PinPrompt.class,
                        TokenSignerPort.class, AgentAssembly.class)
                .because("the warm-up signs with a throwaway key in memory and keeps nothing")
                .check(warmUp);
    }
}
