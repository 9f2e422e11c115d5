package vn.kyso.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.audit.AuditLog;
import vn.kyso.consent.ConsentPrompt;
import vn.kyso.consent.ConsentRequest;
import vn.kyso.errors.KysoException;
import vn.kyso.pdf.PadesLevel;
import vn.kyso.pdf.PadesOptions;
import vn.kyso.pdf.PadesSigner;
import vn.kyso.pdf.PadesTestSupport;
import vn.kyso.pki.CrlClient;
import vn.kyso.pki.HttpFetcher;
import vn.kyso.pki.OcspClient;
import vn.kyso.pki.TrustStore;
import vn.kyso.testpki.PkiServices.Service;
import vn.kyso.testpki.SoftHsmFixture;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;
import vn.kyso.token.TokenManager;
import vn.kyso.token.TokenManagerConfig;
import vn.kyso.verify.Indication;
import vn.kyso.verify.PdfSignatureVerifier;
import vn.kyso.verify.SignerCertificateCheck;

/** The signing use case with real keys, real services and the real verifier; consent and PIN scripted. */
class SignPdfTest {

    @TempDir
    static Path dir;
    private static TestEnvironment env;
    private static TokenManager tokens;
    private static AuditLog audit;
    private static byte[] blank;
    private static final List<ConsentRequest> CONSENTS = new CopyOnWriteArrayList<>();
    private static final AtomicInteger PINS = new AtomicInteger();

    @BeforeAll
    static void setUp() throws Exception {
        env = TestEnvironment.shared();
        tokens = TokenManager.open(TokenManagerConfig.of(List.of(env.softHsm().library())));
        audit = new AuditLog(dir.resolve("audit.jsonl"));
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            document.addPage(new PDPage());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            blank = out.toByteArray();
        }
    }

    @AfterAll
    static void tearDown() {
        tokens.close();
    }

    private static SignPdf useCase(ConsentPrompt.Decision decision, SignPdf.OfflinePolicy offline) {
        return useCase(request -> decision, offline);
    }

    private static SignPdf useCase(ConsentPrompt prompt, SignPdf.OfflinePolicy offline) {
        TrustStore trust = TrustStore.empty();
        trust.add(env.pki().root());
        HttpFetcher http = HttpFetcher.withDefaults();
        OcspClient ocsp = new OcspClient(http, java.time.Clock.systemUTC(), java.time.Duration.ZERO,
                OcspClient.DEFAULT_CLOCK_SKEW);
        CrlClient crl = new CrlClient(http, java.time.Clock.systemUTC(), java.time.Duration.ZERO,
                java.time.Duration.ofMinutes(5));
        return new SignPdf(SigningRules.builder().tokens(tokens)
                .knownCas(List.of(env.pki().intermediate(), env.pki().root())).consent(request -> {
                    CONSENTS.add(request);
                    return prompt.ask(request);
                }).pins(request -> {
                    PINS.incrementAndGet();
                    return Optional.of(SoftHsmFixture.USER_PIN.toCharArray());
                }).audit(audit)
                .certificateCheck(new SignerCertificateCheck(trust, http, ocsp, crl, java.time.Clock.systemUTC()))
                .verifier(PdfSignatureVerifier.builder(trust).build()).offline(offline).build(),
                new PadesSigner(PadesTestSupport.services()));
    }

    private static String id(String alias) {
        return tokens.certificates().stream().filter(c -> c.label().equals(alias)).findFirst().orElseThrow().id();
    }

    private static SignPdf.Request request(String alias) {
        return new SignPdf.Request("https://qlvb.ninhbinh.gov.vn", "Quyết định 12.pdf", blank, id(alias),
                "Ký phê duyệt", "approve", PadesOptions.defaults());
    }

    private static SignPdf.Request incoming(byte[] pdf) {
        return new SignPdf.Request("https://qlvb.ninhbinh.gov.vn", "Công văn đến.pdf", pdf, id(TestPki.ORGANISATION),
                "Ký tiếp nhận văn bản đến", "incoming", PadesOptions.defaults(), true);
    }

    @Test
    void incomingDocumentsAreVerifiedFirstAndTheConsentShowsTheResult() throws Exception {
        byte[] signedByAn = useCase(ConsentPrompt.Decision.APPROVE, SignPdf.OfflinePolicy.REFUSE)
                .sign(request(TestPki.PERSONAL_AN)).document();
        for (byte[] pdf : List.of(signedByAn, blank)) {
            CONSENTS.clear();
            SignPdf.Result result = useCase(ConsentPrompt.Decision.APPROVE, SignPdf.OfflinePolicy.REFUSE)
                    .sign(incoming(pdf));
            assertEquals(Indication.TOTAL_PASSED, result.verification().indication());
            assertEquals(1, CONSENTS.size(), "a valid or unsigned document needs no second question");
            ConsentRequest.Verification shown = CONSENTS.get(0).verification();
            assertTrue(shown.valid());
            assertTrue(pdf == blank ? shown.resultVi().contains("không có chữ ký số")
                    : shown.resultVi().contains("1 chữ ký số hợp lệ (Nguyễn Văn An)"), shown.resultVi());
        }
    }

    @Test
    void anIncomingDocumentWithAFailedSignatureIsSignedOnlyAfterTheReasonIsConfirmed() throws Exception {
        // Signed by the engine directly with the revoked certificate: the rules would have refused it.
        byte[] revoked = new PadesSigner(PadesTestSupport.services()).sign(blank,
                PadesTestSupport.signer(TestPki.REVOKED), PadesOptions.defaults().withLevel(PadesLevel.B_B)).document();
        CONSENTS.clear();
        KysoException refused = assertThrows(KysoException.class, () -> useCase(
                request -> request.verification().confirmation() ? ConsentPrompt.Decision.REFUSE
                        : ConsentPrompt.Decision.APPROVE, SignPdf.OfflinePolicy.REFUSE).sign(incoming(revoked)));
        assertEquals("CONSENT_REFUSED", refused.code());
        assertEquals(2, CONSENTS.size());
        assertFalse(CONSENTS.get(0).verification().valid());
        assertTrue(CONSENTS.get(0).verification().resultVi().contains("KHÔNG hợp lệ"),
                CONSENTS.get(0).verification().resultVi());
        assertTrue(CONSENTS.get(1).verification().confirmation());

        CONSENTS.clear();
        SignPdf.Result signed = useCase(ConsentPrompt.Decision.APPROVE, SignPdf.OfflinePolicy.REFUSE)
                .sign(incoming(revoked));
        assertEquals(2, CONSENTS.size());
        assertTrue(signed.warnings().stream().anyMatch(w -> w.contains("NOT valid")), signed.warnings().toString());
        String log = Files.readString(audit.file());
        assertTrue(log.contains("sign.pdf/incoming-not-valid-confirmed"), log);
    }

    @Test
    void aGoodCertificateSignsAfterConsentAndTheResultIsVerified() throws Exception {
        CONSENTS.clear();
        SignPdf.Result result = useCase(ConsentPrompt.Decision.APPROVE, SignPdf.OfflinePolicy.REFUSE)
                .sign(request(TestPki.PERSONAL_AN));
        assertEquals(PadesLevel.B_LT, result.level());
        assertEquals(Indication.TOTAL_PASSED, result.verification().indication());
        ConsentRequest shown = CONSENTS.get(0);
        assertEquals(2, shown.pages());
        assertEquals("Quyết định 12.pdf", shown.documentName());
        assertFalse(shown.blind());
        assertEquals(64, shown.documentSha256().length());
        assertTrue(Files.readString(audit.file()).contains("\"operation\":\"sign.pdf/approve\""));
    }

    @Test
    void certificatesThatMustNotSignAreRefusedBeforeAnyoneIsAsked() {
        SignPdf useCase = useCase(ConsentPrompt.Decision.APPROVE, SignPdf.OfflinePolicy.REFUSE);
        CONSENTS.clear();
        int pinsBefore = PINS.get();
        for (String[] c : new String[][] {{TestPki.EXPIRED, "CERT_EXPIRED"}, {TestPki.NOT_YET_VALID, "CERT_NOT_YET_VALID"},
                {TestPki.REVOKED, "CERT_REVOKED"}, {TestPki.WRONG_KEY_USAGE, "CERT_KEY_USAGE"},
                {TestPki.UNKNOWN_ISSUER, "CERT_UNTRUSTED"}}) {
            KysoException e = assertThrows(KysoException.class, () -> useCase.sign(request(c[0])), c[0]);
            assertEquals(c[1], e.code(), c[0] + ": " + e.getMessage());
            assertFalse(e.messageVi().isBlank());
        }
        assertTrue(CONSENTS.isEmpty(), "nobody is asked to sign with a refused certificate");
        assertEquals(pinsBefore, PINS.get());
    }

    @Test
    void offlineIsRefusedByDefaultAndSignedWithAWarningWhenPolicyAllows() {
        env.services().setAvailable(Service.OCSP, false);
        env.services().setAvailable(Service.CRL, false);
        try {
            KysoException e = assertThrows(KysoException.class,
                    () -> useCase(ConsentPrompt.Decision.APPROVE, SignPdf.OfflinePolicy.REFUSE)
                            .sign(request(TestPki.PERSONAL_BINH)));
            assertEquals("CERT_STATUS_UNKNOWN", e.code());
            SignPdf.Result result = useCase(ConsentPrompt.Decision.APPROVE, SignPdf.OfflinePolicy.SIGN_WITH_WARNING)
                    .sign(request(TestPki.PERSONAL_BINH));
            assertFalse(result.warnings().isEmpty());
            assertEquals(PadesLevel.B_T, result.level(), "no revocation data: B-LT cannot be reached");
        } finally {
            env.services().setAvailable(Service.OCSP, true);
            env.services().setAvailable(Service.CRL, true);
        }
    }

    @Test
    void refusedConsentSignsNothingAndIsAudited() throws Exception {
        KysoException e = assertThrows(KysoException.class,
                () -> useCase(ConsentPrompt.Decision.REFUSE, SignPdf.OfflinePolicy.REFUSE).sign(request(TestPki.PERSONAL_AN)));
        assertEquals("CONSENT_REFUSED", e.code());
        assertTrue(Files.readString(audit.file()).contains("\"result\":\"CONSENT_REFUSED\""));
        assertTrue(audit.verify().intact());
    }
}
