package vn.kyso.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.audit.AuditLog;
import vn.kyso.consent.ConsentPrompt;
import vn.kyso.consent.ConsentRequest;
import vn.kyso.testkit.SocketClient;
import vn.kyso.testpki.SoftHsmFixture;
import vn.kyso.testpki.TestPki;

/** sign.hash end to end: WebSocket → use case → consent → token layer (SoftHSM2) → audit log. */
class SignHashOverSocketTest {

    private static final String APP = "https://qlvb.ninhbinh.gov.vn";
    /** Five document systems of one province, two tabs each: ten clients within the default per-origin limits. */
    private static final List<String> APPS = List.of(APP, "https://egov.ninhbinh.gov.vn",
            "https://motcua.ninhbinh.gov.vn", "https://hscv.ninhbinh.gov.vn", "https://vbdh.ninhbinh.gov.vn");
    @TempDir
    static Path dir;
    private static AgentHarness agent;
    private static AuditLog audit;
    private static String anId;

    @BeforeAll
    static void start() throws Exception {
        agent = AgentHarness.in(dir).origins(APPS).methods(AgentHarness.standard()).start();
        audit = agent.audit();
        anId = agent.tokens().certificates().stream().filter(c -> c.label().equals(TestPki.PERSONAL_AN)).findFirst()
                .orElseThrow().id();
    }

    @AfterAll
    static void stop() {
        agent.close();
    }

    @BeforeEach
    void reset() {
        agent.tokens().tokens().forEach(t -> agent.tokens().logout(t.id()));
        agent.person().reset();
    }

    private static SocketClient client() throws Exception {
        return agent.open(APP);
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
        SocketClient c = client();
        String text = "Công văn số 45/SKHCN-VP";
        JsonNode answer = c.callRaw(request(1, anId, hash(text), ""));
        JsonNode result = answer.get("result");
        assertTrue(result != null, answer.toString());
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Base64.getDecoder().decode(result.get("certificate").asText())));
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(cert);
        verifier.update(text.getBytes(StandardCharsets.UTF_8));
        assertTrue(verifier.verify(Base64.getDecoder().decode(result.get("signature").asText())));
        ConsentRequest consent = agent.person().consent().asked().get(0);
        assertEquals(APP, consent.origin());
        assertTrue(consent.blind(), "hash signing must be shown as blind");
        assertEquals("Ký giá trị băm", consent.operationVi());
        assertTrue(consent.signer().contains("Nguyễn Văn An"));
        String log = Files.readString(audit.file());
        assertTrue(log.contains("\"operation\":\"sign.hash\"") && log.contains("\"result\":\"OK\""), log);
        assertTrue(audit.verify().intact());
        c.socket().close(1000, "");
    }

    @Test
    void refusedConsentSignsNothingAndAsksNoPin() throws Exception {
        agent.person().consent().standing(ConsentPrompt.Decision.REFUSE);
        SocketClient c = client();
        JsonNode answer = c.callRaw(request(2, anId, hash("x"), ""));
        assertEquals("CONSENT_REFUSED", answer.get("error").get("code").asText());
        assertEquals(0, agent.person().pin().count());
        assertTrue(Files.readString(audit.file()).contains("\"result\":\"CONSENT_REFUSED\""));
        c.socket().close(1000, "");
    }

    @Test
    void aPinInTheRequestIsIgnoredAndAWrongPinIsNeverRetried() throws Exception {
        agent.person().pin().standing("000000");
        SocketClient c = client();
        JsonNode answer = c.callRaw(request(3, anId, hash("x"), ",\"pin\":\"" + SoftHsmFixture.USER_PIN + "\""));
        assertEquals("PIN_INCORRECT", answer.get("error").get("code").asText(), answer.toString());
        assertEquals(1, agent.person().pin().count(), "one prompt, no retry, and the page's 'pin' was not used");
        c.socket().close(1000, "");
    }

    @Test
    void badParametersGetStableCodes() throws Exception {
        SocketClient c = client();
        assertEquals("INVALID_PARAMS", c.callRaw("{\"id\":4,\"method\":\"sign.hash\",\"params\":{\"hash\":\"AA==\"}}")
                .get("error").get("code").asText());
        assertEquals("INVALID_PARAMS", c.callRaw(request(5, anId, "not base64!", "")).get("error").get("code")
                .asText());
        assertEquals("INVALID_PARAMS", c.callRaw(request(6, anId, "AAAA", "")).get("error").get("code").asText());
        assertEquals("CERTIFICATE_NOT_FOUND", c.callRaw(request(7, "00".repeat(32), hash("x"), ""))
                .get("error").get("code").asText());
        JsonNode sha1 = c.callRaw("{\"id\":8,\"method\":\"sign.hash\",\"params\":{\"certificateId\":\"" + anId
                + "\",\"hash\":\"" + Base64.getEncoder().encodeToString(new byte[20]) + "\",\"hashAlgorithm\":\"SHA-1\"}}");
        assertEquals("ALGORITHM_NOT_ALLOWED", sha1.get("error").get("code").asText());
        assertTrue(agent.person().consent().asked().isEmpty(), "nobody is asked to consent to an unsound request");
        c.socket().close(1000, "");
    }

    @Test
    void tenClientsSigningOnOneTokenAreAllAnswered() throws Exception {
        List<SocketClient> clients = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            clients.add(agent.open(APPS.get(i % APPS.size())));
        }
        for (int i = 0; i < 10; i++) {
            clients.get(i).sendText(request(100 + i, anId, hash("doc " + i), ""));
        }
        for (int i = 0; i < 10; i++) {
            JsonNode answer = clients.get(i).pollAnswer(Duration.ofSeconds(30));
            assertTrue(answer != null, "client " + i + " got no answer");
            assertEquals(100 + i, answer.get("id").asInt());
            assertTrue(answer.has("result"), answer.toString());
            clients.get(i).socket().close(1000, "");
        }
        assertEquals(1, agent.person().pin().count(), "requests queue on the token; the first login serves them all");
        assertEquals(10, agent.person().consent().count(), "but each signature has its own consent");
        assertTrue(audit.verify().intact());
    }
}
