package vn.kyso.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.app.AgentAssembly;
import vn.kyso.audit.AuditLog;
import vn.kyso.consent.ConsentPrompt;
import vn.kyso.consent.ConsentRequest;
import vn.kyso.pki.TrustStore;
import vn.kyso.testpki.SoftHsmFixture;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;
import vn.kyso.token.TokenManager;
import vn.kyso.token.TokenManagerConfig;

/** sign.hash end to end: WebSocket → use case → consent → token layer (SoftHSM2) → audit log. */
class SignHashOverSocketTest {

    private static final String APP = "https://qlvb.ninhbinh.gov.vn";
    /** Five document systems of one province, two tabs each: ten clients within the default per-origin limits. */
    private static final List<String> APPS = List.of(APP, "https://egov.ninhbinh.gov.vn",
            "https://motcua.ninhbinh.gov.vn", "https://hscv.ninhbinh.gov.vn", "https://vbdh.ninhbinh.gov.vn");
    @TempDir
    static Path dir;
    private static AgentServer server;
    private static TokenManager tokens;
    private static AuditLog audit;
    private static String anId;
    private static final AtomicReference<ConsentPrompt.Decision> NEXT_DECISION = new AtomicReference<>();
    private static final List<ConsentRequest> CONSENTS = new CopyOnWriteArrayList<>();
    private static final AtomicReference<String> PIN = new AtomicReference<>();
    private static final AtomicInteger PIN_PROMPTS = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        TestEnvironment env = TestEnvironment.shared();
        tokens = TokenManager.open(TokenManagerConfig.of(List.of(env.softHsm().library())));
        ConsentPrompt consent = request -> {
            CONSENTS.add(request);
            return NEXT_DECISION.get();
        };
        // only the token layer is used: nothing needs a trusted root or a TSA
        AgentAssembly parts = AgentAssembly.forProtocol(tokens, AgentAssembly.builder().trust(TrustStore.empty())
                .auditFile(dir.resolve("audit.jsonl")).build(), consent, request -> {
                    PIN_PROMPTS.incrementAndGet();
                    return Optional.of(PIN.get().toCharArray());
                });
        audit = parts.audit();
        server = AgentServer.start(ServerSettings.builder().port(0).allowedOrigins(APPS)
                .secretFile(dir.resolve("secret")).idleTimeout(Duration.ofMinutes(1)).build(), parts.methods(), "test");
        anId = tokens.certificates().stream().filter(c -> c.label().equals(TestPki.PERSONAL_AN)).findFirst()
                .orElseThrow().id();
    }

    @AfterAll
    static void stop() {
        server.close();
        tokens.close();
    }

    @BeforeEach
    void reset() {
        tokens.tokens().forEach(t -> tokens.logout(t.id()));
        NEXT_DECISION.set(ConsentPrompt.Decision.APPROVE);
        PIN.set(SoftHsmFixture.USER_PIN);
        PIN_PROMPTS.set(0);
        CONSENTS.clear();
    }

    private static AgentServerTest.Client client() throws Exception {
        AgentServerTest.Client c = openClient();
        assertEquals("open", c.awaitOutcome());
        return c;
    }

    private static AgentServerTest.Client openClient() throws Exception {
        return openClient(APP);
    }

    private static AgentServerTest.Client openClient(String origin) throws Exception {
        AgentServerTest.Client c = new AgentServerTest.Client();
        c.socket = new okhttp3.OkHttpClient().newWebSocket(new okhttp3.Request.Builder()
                .url("ws://127.0.0.1:" + server.port() + "/v1/ws").header("Origin", origin).build(), c);
        return c;
    }

    private static String hash(String text) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String request(int id, String certificateId, String hashBase64, String extra) {
        return "{\"id\":" + id + ",\"method\":\"sign.hash\",\"params\":{\"certificateId\":\"" + certificateId
                + "\",\"hash\":\"" + hashBase64 + "\",\"hashAlgorithm\":\"SHA-256\"" + extra + "}}";
    }

    @Test
    void approvedHashIsSignedVerifiablyAndAudited() throws Exception {
        AgentServerTest.Client c = client();
        String text = "Công văn số 45/SKHCN-VP";
        JsonNode answer = c.call(request(1, anId, hash(text), ""));
        JsonNode result = answer.get("result");
        assertTrue(result != null, answer.toString());
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Base64.getDecoder().decode(result.get("certificate").asText())));
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(cert);
        verifier.update(text.getBytes(StandardCharsets.UTF_8));
        assertTrue(verifier.verify(Base64.getDecoder().decode(result.get("signature").asText())));
        ConsentRequest consent = CONSENTS.get(0);
        assertEquals(APP, consent.origin());
        assertTrue(consent.blind(), "hash signing must be shown as blind");
        assertEquals("Ký giá trị băm", consent.operationVi());
        assertTrue(consent.signer().contains("Nguyễn Văn An"));
        String log = Files.readString(audit.file());
        assertTrue(log.contains("\"operation\":\"sign.hash\"") && log.contains("\"result\":\"OK\""), log);
        assertTrue(audit.verify().intact());
        c.socket.close(1000, "");
    }

    @Test
    void refusedConsentSignsNothingAndAsksNoPin() throws Exception {
        NEXT_DECISION.set(ConsentPrompt.Decision.REFUSE);
        AgentServerTest.Client c = client();
        JsonNode answer = c.call(request(2, anId, hash("x"), ""));
        assertEquals("CONSENT_REFUSED", answer.get("error").get("code").asText());
        assertEquals(0, PIN_PROMPTS.get());
        assertTrue(Files.readString(audit.file()).contains("\"result\":\"CONSENT_REFUSED\""));
        c.socket.close(1000, "");
    }

    @Test
    void aPinInTheRequestIsIgnoredAndAWrongPinIsNeverRetried() throws Exception {
        PIN.set("000000");
        AgentServerTest.Client c = client();
        JsonNode answer = c.call(request(3, anId, hash("x"), ",\"pin\":\"" + SoftHsmFixture.USER_PIN + "\""));
        assertEquals("PIN_INCORRECT", answer.get("error").get("code").asText(), answer.toString());
        assertEquals(1, PIN_PROMPTS.get(), "one prompt, no retry, and the page's 'pin' was not used");
        c.socket.close(1000, "");
    }

    @Test
    void badParametersGetStableCodes() throws Exception {
        AgentServerTest.Client c = client();
        assertEquals("INVALID_PARAMS", c.call("{\"id\":4,\"method\":\"sign.hash\",\"params\":{\"hash\":\"AA==\"}}")
                .get("error").get("code").asText());
        assertEquals("INVALID_PARAMS", c.call(request(5, anId, "not base64!", "")).get("error").get("code").asText());
        assertEquals("INVALID_PARAMS", c.call(request(6, anId, "AAAA", "")).get("error").get("code").asText());
        assertEquals("CERTIFICATE_NOT_FOUND", c.call(request(7, "00".repeat(32), hash("x"), ""))
                .get("error").get("code").asText());
        JsonNode sha1 = c.call("{\"id\":8,\"method\":\"sign.hash\",\"params\":{\"certificateId\":\"" + anId
                + "\",\"hash\":\"" + Base64.getEncoder().encodeToString(new byte[20]) + "\",\"hashAlgorithm\":\"SHA-1\"}}");
        assertEquals("ALGORITHM_NOT_ALLOWED", sha1.get("error").get("code").asText());
        assertTrue(CONSENTS.isEmpty(), "nobody is asked to consent to an unsound request");
        c.socket.close(1000, "");
    }

    @Test
    void tenClientsSigningOnOneTokenAreAllAnswered() throws Exception {
        List<AgentServerTest.Client> clients = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            AgentServerTest.Client c = openClient(APPS.get(i % APPS.size()));
            assertEquals("open", c.awaitOutcome());
            clients.add(c);
        }
        for (int i = 0; i < 10; i++) {
            clients.get(i).socket.send(request(100 + i, anId, hash("doc " + i), ""));
        }
        for (int i = 0; i < 10; i++) {
            String text = clients.get(i).messages.poll(30, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(text != null, "client " + i + " got no answer");
            JsonNode answer = new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
            assertEquals(100 + i, answer.get("id").asInt());
            assertTrue(answer.has("result"), answer.toString());
            clients.get(i).socket.close(1000, "");
        }
        assertEquals(1, PIN_PROMPTS.get(), "requests queue on the token; the first login serves them all");
        assertEquals(10, CONSENTS.size(), "but each signature has its own consent");
        assertTrue(audit.verify().intact());
    }
}
