package vn.kyso.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.audit.AuditLog;
import vn.kyso.consent.ConsentPrompt;
import vn.kyso.errors.KysoException;
import vn.kyso.pki.CrlClient;
import vn.kyso.pki.HttpFetcher;
import vn.kyso.pki.OcspClient;
import vn.kyso.pki.TrustStore;
import vn.kyso.testkit.PkiServicesExtension;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.token.TokenManager;
import vn.kyso.token.TokenManagerConfig;
import vn.kyso.verify.CertifiedDocuments;
import vn.kyso.verify.PdfSignatureVerifier;
import vn.kyso.verify.SignerCertificateCheck;

/**
 * The signing rules are built only whole: a missing part is named when they are built, not when they first sign. A
 * signed output that would break an earlier signature of the document is refused.
 */
class SigningRulesTest {

    @RegisterExtension
    static final PkiServicesExtension PKI = PkiServicesExtension.fresh();

    @TempDir
    Path dir;

    @Test
    void anOutputThatBreaksAnEarlierSignatureIsRefused() throws Exception {
        TrustStore trust = TrustStore.empty();
        trust.add(PKI.pki().root());
        HttpFetcher http = HttpFetcher.withDefaults();
        byte[] certified = CertifiedDocuments.noChangesPermitted(PKI.pki());
        byte[] approved = CertifiedDocuments.withApprovalAdded(PKI.pki(), certified);
        try (TokenManager tokens = TokenManager.open(TokenManagerConfig.of(
                List.of(TestEnvironment.shared().softHsm().library())))) {
            SigningRules rules = SigningRules.builder().tokens(tokens).consent(ConsentPrompt.NOBODY)
                    .pins(request -> Optional.empty()).audit(new AuditLog(dir.resolve("audit.jsonl")))
                    .certificateCheck(new SignerCertificateCheck(trust, http, new OcspClient(http), new CrlClient(http),
                            Clock.systemUTC()))
                    .verifier(PdfSignatureVerifier.builder(trust).build()).build();

            KysoException refused = assertThrows(KysoException.class,
                    () -> rules.reverify(certified, approved, null, new ArrayList<>()));
            assertEquals("SIGNED_OUTPUT_INVALID", refused.code());
            assertTrue(refused.getMessage().contains("earlier signature"), refused.getMessage());
        }
    }

    @Test
    void everyMissingPartIsNamed() {
        TrustStore trust = TrustStore.empty();
        HttpFetcher http = HttpFetcher.withDefaults();
        try (TokenManager tokens = TokenManager.open(TokenManagerConfig.of(
                List.of(TestEnvironment.shared().softHsm().library())))) {
            AuditLog audit = new AuditLog(dir.resolve("audit.jsonl"));
            SignerCertificateCheck check = new SignerCertificateCheck(trust, http, new OcspClient(http),
                    new CrlClient(http), Clock.systemUTC());
            PdfSignatureVerifier verifier = PdfSignatureVerifier.builder(trust).build();
            // each part left out in turn from otherwise complete rules
            Map<String, UnaryOperator<SigningRules.Builder>> without = Map.of(
                    "tokens", b -> b.tokens(null), "knownCas", b -> b.knownCas(null), "consent", b -> b.consent(null),
                    "pins", b -> b.pins(null), "audit", b -> b.audit(null), "certificateCheck",
                    b -> b.certificateCheck(null), "verifier", b -> b.verifier(null), "offline", b -> b.offline(null));
            without.forEach((part, leaveOut) -> {
                SigningRules.Builder complete = SigningRules.builder().tokens(tokens).consent(ConsentPrompt.NOBODY)
                        .pins(request -> Optional.empty()).audit(audit).certificateCheck(check).verifier(verifier);
                complete.build(); // whole: built
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> leaveOut.apply(complete).build(), part);
                assertEquals("SigningRules: " + part + " is required", e.getMessage());
            });
        }
    }
}
