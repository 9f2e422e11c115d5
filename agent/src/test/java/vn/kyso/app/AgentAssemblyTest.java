package vn.kyso.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.consent.ConsentPrompt;
import vn.kyso.pki.TrustStore;
import vn.kyso.pki.UrlRemap;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.token.TokenManager;
import vn.kyso.token.TokenManagerConfig;

/** The composition root: settings checked when built, and every part built once and shared. */
class AgentAssemblyTest {

    @TempDir
    static Path dir;
    private static TokenManager tokens;
    private static TrustStore trust;

    @BeforeAll
    static void open() {
        TestEnvironment env = TestEnvironment.shared();
        tokens = TokenManager.open(TokenManagerConfig.of(List.of(env.softHsm().library())));
        trust = TrustStore.empty();
        trust.add(env.pki().root());
    }

    @AfterAll
    static void close() {
        tokens.close();
    }

    @Test
    void settingsHaveTheirDefaultsAndRefuseWhatIsMissingOrMalformed() {
        AgentAssembly.Settings settings = AgentAssembly.builder().trust(trust).build();
        assertEquals(List.of(), settings.extraCas());
        assertFalse(settings.signOffline(), "refusing to sign unchecked certificates is the default");
        assertTrue(settings.online());
        assertEquals(UrlRemap.defaults(), settings.pkiRemap());

        IllegalArgumentException noTrust = assertThrows(IllegalArgumentException.class,
                () -> AgentAssembly.builder().build());
        assertTrue(noTrust.getMessage().contains("trust"), noTrust.getMessage());
        IllegalArgumentException ftp = assertThrows(IllegalArgumentException.class,
                () -> AgentAssembly.builder().trust(trust).tsaUrl(URI.create("ftp://ca.gov.vn/tsa")).build());
        assertTrue(ftp.getMessage().contains("tsaUrl"), ftp.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> AgentAssembly.builder().trust(trust).tsaUrl(URI.create("tsa")).build(), "not absolute");
        IllegalArgumentException noVgca = assertThrows(IllegalArgumentException.class,
                () -> AgentAssembly.builder().trust(trust).vgca(null).build());
        assertTrue(noVgca.getMessage().contains("vgca"), noVgca.getMessage());
    }

    @Test
    void signingWithoutATsaOrAuditLogIsRefusedByNameVerifyingIsNot() {
        AgentAssembly verifyOnly = AgentAssembly.forTerminal(AgentAssembly.builder().trust(trust).build(),
                ConsentPrompt.NOBODY, request -> Optional.empty());
        assertSame(verifyOnly.verifier(), verifyOnly.verifier());
        IllegalStateException e = assertThrows(IllegalStateException.class, verifyOnly::documents);
        assertTrue(e.getMessage().contains("required to sign"), e.getMessage());
        IllegalStateException noTokens = assertThrows(IllegalStateException.class, verifyOnly::tokens);
        assertTrue(noTokens.getMessage().contains("tokenConfig"), noTokens.getMessage());
        assertThrows(IllegalStateException.class, verifyOnly::methods, "a terminal's prompts are not guarded");
    }

    @Test
    void eachPartIsBuiltOnceAndTheVerifierIsShared() {
        AgentAssembly parts = AgentAssembly.forProtocol(tokens, AgentAssembly.builder().trust(trust)
                .tsaUrl(URI.create(TestEnvironment.shared().services().urls().tsa()))
                .auditFile(dir.resolve("audit.jsonl")).build(), request -> ConsentPrompt.Decision.APPROVE,
                request -> Optional.empty());
        AgentMethods.DocumentServices documents = parts.documents();
        assertSame(documents, parts.documents());
        assertSame(parts.verifier(), documents.verifier());
        assertSame(parts.methods(), parts.methods());
        assertTrue(parts.methods().keySet().containsAll(List.of("sign.hash", "sign.pdf", "vgca.signMsg")));
        assertSame(tokens, parts.tokens());
        parts.close();
        assertFalse(tokens.tokens().isEmpty(), "a token manager handed in stays open: its owner closes it");
    }
}
