package vn.kyso.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.pairing.PairedOrigins;
import vn.kyso.testkit.SocketClient;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;

/** {@code kyso serve} without a display: the same protocol, nobody asked, nothing signed, earlier approvals honoured. */
class ServeCommandTest {

    private static final String IT_ALLOWED = "https://qlvb.ninhbinh.gov.vn";

    @TempDir
    Path home;

    /** How long a page waits for the agent's process. */
    static final Duration PATIENCE = Duration.ofSeconds(40);

    static String config(TestEnvironment env) {
        return "token.libraries=" + env.softHsm().library() + "\ntoken.discover=false\norigins.allowed=" + IT_ALLOWED
                + "\ntsa.url=" + env.services().urls().tsa() + "\n";
    }

    static String anCertificateId() {
        // the certificate id is the SHA-256 of the certificate: the same in every process
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(TestEnvironment.shared().pki().get(TestPki.PERSONAL_AN).certificate().getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void headlessAgentRefusesSigningAndAsksNobody() throws Exception {
        TestEnvironment env = TestEnvironment.shared();
        new PairedOrigins(home.resolve(".config/kyso/paired-origins.json")).add("https://paired-earlier.example");
        try (AgentProcess agent = AgentProcess.start(home, config(env), null)) {
            String out = agent.output();
            assertTrue(out.contains("headless: signing requests are refused"), out);
            assertTrue(out.contains("earlier approvals only"), out);

            SocketClient page = SocketClient.connect(agent.port, IT_ALLOWED);
            assertEquals("open", page.awaitOutcome(PATIENCE));
            JsonNode answer = page.callRaw("{\"id\":1,\"method\":\"sign.hash\",\"params\":{\"certificateId\":\""
                    + anCertificateId() + "\",\"hash\":\"" + "A".repeat(43) + "=\"}}");
            assertEquals("CONSENT_UNAVAILABLE", answer.path("error").path("code").asText(), answer.toString());

            long start = System.nanoTime();
            assertEquals(403, SocketClient.connect(agent.port, "https://new-site.example").awaitOutcome(PATIENCE));
            assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 5, "refused at once, no prompt");
            assertEquals("open", SocketClient.connect(agent.port, "https://paired-earlier.example")
                    .awaitOutcome(PATIENCE));
        }
    }

    @Test
    void tokensReadWhileTheServerStartedAreListedToTheFirstPage() throws Exception {
        TestEnvironment env = TestEnvironment.shared();
        try (AgentProcess agent = AgentProcess.start(home, config(env), null)) {
            SocketClient page = SocketClient.connect(agent.port, IT_ALLOWED);
            assertEquals("open", page.awaitOutcome(PATIENCE));
            JsonNode tokens = page.result("tokens.list", "{}");
            assertTrue(tokens.toString().contains(anCertificateId()), tokens.toString());
        }
    }
}
