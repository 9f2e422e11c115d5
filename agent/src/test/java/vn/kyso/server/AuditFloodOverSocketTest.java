package vn.kyso.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.audit.AuditLog;
import vn.kyso.consent.ConsentPrompt;
import vn.kyso.testkit.SocketClient;
import vn.kyso.testpki.TestPki;
import vn.kyso.token.TokenManager;

/**
 * Issue 13, attack 4, over a real socket against the assembled agent: a page names a document with 1,000,000
 * characters (each refusal used to write a 1 MB audit line) and then has 2,000 signing requests refused. The name is
 * refused before it is stored; the refusals fold into a handful of lines, every one of them counted.
 */
class AuditFloodOverSocketTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAGE = "https://qlvb.ninhbinh.gov.vn";

    @TempDir
    Path home;

    @Test
    void aPageFloodingRefusalsWritesAFewLinesNotOnePerRequest() throws Exception {
        Path audit = home.resolve("share").resolve("kyso").resolve("audit.jsonl");
        int flood = 2000;
        long started;
        long elapsed;
        AgentHarness.Person person = new AgentHarness.Person();
        person.consent().standing(ConsentPrompt.Decision.REFUSE);
        person.pin().standing(null);
        try (AgentHarness agent = AgentHarness.in(home).origins(PAGE).auditFile(audit)
                .secretFile(home.resolve("config/kyso/local-secret")).idleTimeout(Duration.ofMinutes(5))
                .person(person).start()) {
            TokenManager tokens = agent.tokens();
            SocketClient page = agent.open(PAGE);
            JsonNode named = page.call("document.upload", "{\"name\":\"" + "Q".repeat(1_000_000)
                    + "\",\"size\":10}");
            assertEquals("INVALID_PARAMS", named.path("error").path("code").asText(), named.toString()
                    .substring(0, Math.min(300, named.toString().length())));
            assertTrue(named.path("error").path("message_en").asText().contains("at most 255"));

            String anId = tokens.certificates().stream().filter(c -> c.label().equals(TestPki.PERSONAL_AN))
                    .findFirst().orElseThrow().id();
            String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest("Tờ trình".getBytes(StandardCharsets.UTF_8)));
            String params = "{\"certificateId\":\"" + anId + "\",\"hash\":\"" + hash + "\"}";
            started = System.nanoTime();
            for (int i = 0; i < flood; i++) {
                assertEquals("CONSENT_REFUSED", page.call("sign.hash", params).path("error").path("code")
                        .asText());
            }
            elapsed = System.nanoTime() - started;
            long linesNow = Files.readAllLines(audit).size();
            long windows = elapsed / AuditLog.WINDOW.toNanos() + 1;
            System.out.printf("%d refused requests in %.1f s: %d audit lines, %d bytes%n", flood, elapsed / 1e9,
                    linesNow, Files.size(audit));
            assertTrue(linesNow <= 1 + 2 * windows, linesNow + " lines for " + windows + " windows");
            // the background flush writes the last window's count once it has ended
            Thread.sleep(AuditLog.WINDOW.toMillis() + 2 * AuditLog.FLUSH_INTERVAL.toMillis());
            page.close();
        }
        List<String> lines = Files.readAllLines(audit, StandardCharsets.UTF_8);
        long counted = 0;
        for (String line : lines.subList(1, lines.size())) {
            JsonNode entry = JSON.readTree(line);
            assertEquals("CONSENT_REFUSED", entry.get("result").asText(), line);
            counted += entry.has("repeated") ? entry.get("repeated").asLong() : 1;
        }
        assertEquals(flood, counted, "every refusal is on record, written or counted");
        assertTrue(Files.size(audit) < 16 * 1024, Files.size(audit) + " bytes");
        assertTrue(new AuditLog(audit).verify().intact());
    }
}
