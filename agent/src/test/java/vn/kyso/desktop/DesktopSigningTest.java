package vn.kyso.desktop;

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
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.audit.AuditLog;
import vn.kyso.consent.ConsentQueue;
import vn.kyso.errors.Language;
import vn.kyso.pairing.PairedOrigins;
import vn.kyso.pairing.Pairing;
import vn.kyso.server.AgentHarness;
import vn.kyso.server.AgentServer;
import vn.kyso.testkit.SocketClient;
import vn.kyso.testpki.SoftHsmFixture;
import vn.kyso.testpki.TestPki;
import vn.kyso.token.TokenManager;

/**
 * A person at the desktop, end to end: a new web page connects (pairing window: "always allow"), asks for a hash
 * signature (consent window: sign), the person types the PIN of the SoftHSM2 token into the PIN window, and the page
 * gets a signature that verifies. Windows, clicks and keys are real (Xvfb, java.awt.Robot).
 */
@Tag("display")
class DesktopSigningTest {

    private static final String SITE = "https://dichvucong.ninhbinh.gov.vn";
    @TempDir
    static Path dir;
    private static Screen screen;
    private static TokenManager tokens;
    private static AgentHarness agent;
    private static AgentServer server;
    private static AuditLog audit;

    @BeforeAll
    static void start() throws Exception {
        screen = Screen.require();
        Duration patience = Duration.ofSeconds(30);
        Pairing pairing = new Pairing(new PairedOrigins(dir.resolve("paired-origins.json")),
                new PairingDialog(() -> Language.VI, patience));
        // the agent's own dialogs, not a scripted person
        agent = AgentHarness.in(dir).pairing(pairing).methods(parts -> parts.assemble(settings -> { },
                new ConsentQueue(new ConsentDialog(() -> Language.VI, patience)),
                new PinDialog(() -> Language.VI, patience)).methods()).start();
        server = agent.server();
        tokens = agent.tokens();
        audit = agent.audit();
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void aNewPageIsPairedThenSignsWithConsentAndThePinTypedIntoTheAgent() throws Exception {
        SocketClient page = SocketClient.connect(server.port(), SITE);

        var pairing = screen.prompt();
        assertEquals(SITE, Screen.find(pairing.getContentPane(), "origin", javax.swing.JLabel.class).getText());
        screen.click(Screen.find(pairing.getContentPane(), "always", javax.swing.JButton.class));
        assertEquals("open", page.pollOutcome(Duration.ofSeconds(20)));
        assertTrue(new PairedOrigins(dir.resolve("paired-origins.json")).contains(SITE));

        String anId = tokens.certificates().stream().filter(c -> c.label().equals(TestPki.PERSONAL_AN)).findFirst()
                .orElseThrow().id();
        String text = "Công văn số 45/SKHCN-VP";
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
        page.sendText("{\"id\":1,\"method\":\"sign.hash\",\"params\":{\"certificateId\":\"" + anId + "\",\"hash\":\""
                + hash + "\",\"pin\":\"000000\"}}");

        var consent = screen.prompt();
        assertEquals(SITE, ((javax.swing.text.JTextComponent) Screen.find(consent.getContentPane(), "origin",
                javax.swing.JComponent.class)).getText());
        assertTrue(Screen.has(consent.getContentPane(), "blind-warning", javax.swing.JComponent.class));
        screen.screenshot(consent, "end-to-end-consent");
        screen.click(Screen.find(consent.getContentPane(), "approve", javax.swing.JButton.class));

        var pin = screen.prompt();
        assertTrue(Screen.find(pin.getContentPane(), "prompt", javax.swing.JLabel.class).getText()
                .contains("VGCA Token An (TEST)"));
        screen.click(Screen.find(pin.getContentPane(), "pin", javax.swing.JPasswordField.class));
        screen.typeDigits(SoftHsmFixture.USER_PIN);
        screen.screenshot(pin, "end-to-end-pin");
        screen.click(Screen.find(pin.getContentPane(), "ok", javax.swing.JButton.class));

        JsonNode answer = page.pollAnswer(Duration.ofSeconds(30));
        JsonNode result = answer == null ? null : answer.get("result");
        assertTrue(result != null, String.valueOf(answer));
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Base64.getDecoder().decode(result.get("certificate").asText())));
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(cert);
        verifier.update(text.getBytes(StandardCharsets.UTF_8));
        assertTrue(verifier.verify(Base64.getDecoder().decode(result.get("signature").asText())));
        String log = Files.readString(audit.file());
        assertTrue(log.contains("\"origin\":\"" + SITE + "\"") && log.contains("\"result\":\"OK\""), log);
        assertFalse(log.contains(SoftHsmFixture.USER_PIN), "no PIN in the log");
        page.close();
    }
}
