package vn.kyso.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.kyso.testpki.SoftHsmFixture;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;

class TokensCommandTest {

    private static TestEnvironment env;

    @BeforeAll
    static void tokens() {
        env = TestEnvironment.shared();
    }

    @Test
    void jsonListsTokensCertificatesAndFlags() throws Exception {
        CommandRun r = CommandRun.of("tokens", "--json", "--library", env.softHsm().library().toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertTrue(root.get("drivers").get(0).get("loaded").asBoolean());
        List<String> labels = new ArrayList<>();
        root.get("tokens").forEach(t -> labels.add(t.get("label").asText()));
        for (SoftHsmFixture.TokenSpec spec : SoftHsmFixture.STANDARD_TOKENS) {
            assertTrue(labels.contains(spec.label()), labels.toString());
        }
        JsonNode personal = null;
        for (JsonNode t : root.get("tokens")) {
            if (t.get("label").asText().equals(SoftHsmFixture.PERSONAL_TOKEN.label())) {
                personal = t;
            }
        }
        assertTrue(personal.get("flags").get("loginRequired").asBoolean());
        JsonNode cert = personal.get("certificates").get(0);
        assertEquals(TestPki.PERSONAL_AN, cert.get("label").asText());
        assertTrue(cert.get("subject").asText().contains("Nguyễn Văn An"));
        assertEquals(2048, cert.get("keyBits").asInt());
        assertEquals(64, cert.get("id").asText().length());
        // names a person reads: the e-mail address as text, no OID, no #hex
        assertTrue(cert.get("subject").asText().contains("E="), cert.toString());
        assertFalse(cert.get("subject").asText().matches(".*(#|\\d+\\.\\d+\\.\\d+\\.\\d+=).*"), cert.toString());
        assertEquals("personal", cert.get("usage").asText());
        assertFalse(cert.get("ca").asBoolean());
        assertEquals("valid", cert.get("status").asText());
        assertTrue(cert.get("signable").asBoolean());
        java.util.Map<String, String> statusByLabel = new java.util.HashMap<>();
        root.get("tokens").forEach(t -> t.get("certificates").forEach(c -> statusByLabel.put(c.get("label").asText(),
                c.get("status").asText())));
        assertEquals("expired", statusByLabel.get(TestPki.EXPIRED));
        assertEquals("notYetValid", statusByLabel.get(TestPki.NOT_YET_VALID));
    }

    @Test
    void tableIsReadableInVietnameseAndEnglish() {
        CommandRun vi = CommandRun.of("tokens", "--library", env.softHsm().library().toString());
        assertEquals(0, vi.exit(), vi.err());
        assertTrue(vi.out().contains("Token đang cắm"), vi.out());
        assertTrue(vi.out().contains("Nguyễn Văn An"));
        assertTrue(vi.out().contains("cần PIN"));
        assertTrue(vi.out().contains("[HẾT HẠN]"), vi.out());
        assertTrue(vi.out().contains("[CHƯA CÓ HIỆU LỰC]"), vi.out());
        assertTrue(vi.out().contains("e-mail:"), vi.out());
        assertFalse(vi.out().contains("1.2.840.113549"), vi.out());
        CommandRun en = CommandRun.of("tokens", "--lang", "en", "--library", env.softHsm().library().toString());
        assertTrue(en.out().contains("PIN required"), en.out());
    }

    @Test
    void aBrokenDriverIsReportedWithItsReason() {
        CommandRun r = CommandRun.of("tokens", "--library", "/nonexistent/libvendor.so");
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("/nonexistent/libvendor.so"), r.out());
        assertTrue(r.out().contains("[LỖI]"), r.out());
    }

    @Test
    void badUsageExitsWithTwo() {
        assertEquals(2, CommandRun.of("nonsense").exit());
        CommandRun r = CommandRun.of("tokens", "--frobnicate");
        assertEquals(2, r.exit());
        assertFalse(r.err().isBlank());
    }

    @Test
    void librariesComeFromTheAdministratorsConfigFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path config = dir.resolve("agent.properties");
        java.nio.file.Files.writeString(config, "token.libraries=" + env.softHsm().library()
                + ";/opt/vendor/libmissing.so\ntoken.discover=false\n");
        CommandRun r = CommandRun.of("tokens", "--json", "--config", config.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals(2, root.get("drivers").size(), r.out());
        assertEquals("/opt/vendor/libmissing.so", root.get("drivers").get(0).get("path").asText());
        assertFalse(root.get("drivers").get(0).get("loaded").asBoolean());
        assertTrue(root.get("drivers").get(1).get("loaded").asBoolean());
        assertTrue(root.get("tokens").size() >= 4);
    }
}
