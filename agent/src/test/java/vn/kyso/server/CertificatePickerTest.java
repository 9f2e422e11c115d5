package vn.kyso.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.app.AgentAssembly;
import vn.kyso.pki.UrlRemap;
import vn.kyso.testkit.SocketClient;
import vn.kyso.testpki.SoftHsmFixture;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;
import vn.kyso.token.TokenManager;
import vn.kyso.token.TokenManagerConfig;

/**
 * The certificate picker over the protocol, with the agent wired as it runs ({@link AgentAssembly}): certificates
 * found revoked by the test PKI's OCSP responder are marked and not offered; with OCSP and CRL unreachable their
 * status reads unknown, never good; the Sub CA and Root CA stored on a token are marked and never offered, and the
 * VGCA certInfo returns only the signer.
 */
class CertificatePickerTest {

    private static final String APP = "https://qlvb.ninhbinh.gov.vn";
    @TempDir
    static Path dir;
    private static TestEnvironment env;
    private static TokenManager tokens;
    private static AgentHarness online;
    private static AgentHarness offline;

    @BeforeAll
    static void start() throws Exception {
        env = TestEnvironment.shared();
        tokens = TokenManager.open(TokenManagerConfig.of(List.of(env.softHsm().library())));
        online = agent("online", UrlRemap.none());
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        // every OCSP, CRL and CA-issuer URL in the test PKI points at 127.0.0.1: sent to a port nobody listens on
        offline = agent("offline", UrlRemap.none().with("127.0.0.1", "127.0.0.1:" + closed));
    }

    private static AgentHarness agent(String name, UrlRemap remap) throws Exception {
        return AgentHarness.in(Files.createDirectories(dir.resolve(name))).origins(APP).tokens(tokens)
                .methods(AgentHarness.assembled(settings -> settings.pkiRemap(remap))).start();
    }

    @AfterAll
    static void stop() {
        online.close();
        offline.close();
        tokens.close();
    }

    /** Certificates by label, once {@code settled} holds for each of {@code labels} (checked in the background). */
    private static Map<String, JsonNode> listing(SocketClient c, Predicate<JsonNode> settled, String... labels)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Map<String, JsonNode> byLabel = new HashMap<>();
            c.result("tokens.list", "{}").get("tokens").forEach(t -> t.get("certificates")
                    .forEach(cert -> byLabel.put(cert.get("label").asText(), cert)));
            if (List.of(labels).stream().allMatch(l -> byLabel.containsKey(l) && settled.test(byLabel.get(l)))
                    || System.nanoTime() > deadline) {
                return byLabel;
            }
            Thread.sleep(100);
        }
    }

    private static boolean answered(JsonNode certificate) {
        return !certificate.get("revocation").get("checkedAt").isNull();
    }

    @Test
    void aRevokedCertificateIsMarkedAndNotOfferedAndSigningWithItIsRefused() throws Exception {
        try (SocketClient c = online.open(APP)) {
            Map<String, JsonNode> certs = listing(c, CertificatePickerTest::answered, TestPki.REVOKED,
                    TestPki.PERSONAL_AN, TestPki.PERSONAL_HA);
            JsonNode revoked = certs.get(TestPki.REVOKED);
            assertEquals("revoked", revoked.get("revocation").get("status").asText(), revoked.toString());
            assertEquals("revoked", revoked.get("status").asText());
            assertFalse(revoked.get("signable").asBoolean());
            JsonNode an = certs.get(TestPki.PERSONAL_AN);
            assertEquals("good", an.get("revocation").get("status").asText(), an.toString());
            assertEquals("ONLINE_OCSP", an.get("revocation").get("source").asText());
            assertEquals("valid", an.get("status").asText());
            assertTrue(an.get("signable").asBoolean());

            String doc = c.upload("to-trinh.pdf", ProtocolMethodsTest.pdf("To trinh"));
            String revokedId = revoked.get("id").asText();
            assertEquals("CERT_REVOKED", c.errorCode("sign.pdf", "{\"documentId\":\"" + doc
                    + "\",\"certificateId\":\"" + revokedId + "\"}"));
            JsonNode certInfo = c.result("vgca.certInfo", "{\"job\":{\"CertificateId\":\"" + revokedId + "\"}}");
            assertEquals("CERT_REVOKED", certInfo.get("ErrorCode").asText(), certInfo.toString());
        }
    }

    @Test
    void offlineTheStatusIsUnknownNeverGood() throws Exception {
        try (SocketClient c = offline.open(APP)) {
            Map<String, JsonNode> certs = listing(c, CertificatePickerTest::answered, TestPki.REVOKED,
                    TestPki.PERSONAL_AN);
            for (String label : List.of(TestPki.REVOKED, TestPki.PERSONAL_AN)) {
                JsonNode cert = certs.get(label);
                assertEquals("unknown", cert.get("revocation").get("status").asText(), cert.toString());
                assertEquals("valid", cert.get("status").asText(), cert.toString());
                assertNotNull(cert.get("revocation").get("reason").asText());
            }
        }
    }

    @Test
    void theSubCaAndRootCaOnATokenAreMarkedAndNeverOffered() throws Exception {
        try (SocketClient c = online.open(APP)) {
            JsonNode tokenList = c.result("tokens.list", "{}");
            JsonNode chainToken = null;
            for (JsonNode t : tokenList.get("tokens")) {
                if (t.get("label").asText().equals(SoftHsmFixture.CA_CHAIN_TOKEN.label())) {
                    chainToken = t;
                }
            }
            assertNotNull(chainToken, tokenList.toString());
            Map<String, JsonNode> byLabel = new HashMap<>();
            chainToken.get("certificates").forEach(cert -> byLabel.put(cert.get("label").asText(), cert));
            assertEquals(3, byLabel.size(), chainToken.toString());
            for (String ca : List.of(TestPki.INTERMEDIATE, TestPki.ROOT)) {
                JsonNode cert = byLabel.get(ca);
                assertTrue(cert.get("ca").asBoolean(), cert.toString());
                assertEquals("ca", cert.get("usage").asText());
                assertFalse(cert.get("signable").asBoolean());
            }
            JsonNode ha = byLabel.get(TestPki.PERSONAL_HA);
            assertFalse(ha.get("ca").asBoolean());
            assertEquals("personal", ha.get("usage").asText());
            assertTrue(ha.get("signable").asBoolean());

            // the page naming the Sub CA gets the signing rules' refusal; naming the signer gets the signer only
            String subCa = byLabel.get(TestPki.INTERMEDIATE).get("id").asText();
            JsonNode refused = c.result("vgca.certInfo", "{\"job\":{\"CertificateId\":\"" + subCa + "\"}}");
            assertEquals("CERT_KEY_USAGE", refused.get("ErrorCode").asText(), refused.toString());
            String doc = c.upload("cong-van.pdf", ProtocolMethodsTest.pdf("Cong van"));
            assertEquals("CERT_KEY_USAGE", c.errorCode("sign.pdf", "{\"documentId\":\"" + doc
                    + "\",\"certificateId\":\"" + subCa + "\"}"));
            JsonNode info = c.result("vgca.certInfo", "{\"job\":{\"CertificateId\":\"" + ha.get("id").asText()
                    + "\"}}");
            assertEquals(0, info.get("Status").asInt(), info.toString());
            assertEquals("Lê Thu Hà", info.get("CertInfo").get("SubjectCN").asText());
            // without a choice, the candidates the page is offered hold no CA, nor a certificate outside its validity
            JsonNode any = c.result("vgca.certInfo", "{\"job\":{}}");
            assertEquals("CERTIFICATE_CHOICE_REQUIRED", any.get("ErrorCode").asText(), any.toString());
            List<String> offered = new ArrayList<>();
            c.result("tokens.list", "{}").get("tokens").forEach(t -> t.get("certificates").forEach(cert -> {
                if (!cert.get("signable").asBoolean() && any.toString().contains(cert.get("id").asText())) {
                    offered.add(cert.get("label").asText());
                }
            }));
            assertEquals(List.of(), offered, any.toString());
            assertTrue(any.toString().contains(ha.get("id").asText()), any.toString());
        }
    }
}
