package vn.kyso.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        Map<String, String> statusByLabel = new HashMap<>();
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
    void librariesComeFromTheAdministratorsConfigFile(@TempDir Path dir)
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

    /** A machine configuration trusting the test root, with OCSP/CRL reachable or sent to a closed port. */
    private static java.nio.file.Path config(java.nio.file.Path dir, boolean online) throws Exception {
        java.nio.file.Path trust = java.nio.file.Files.createDirectories(dir.resolve("trust"));
        java.nio.file.Files.write(trust.resolve("root.cer"), env.pki().root().getEncoded());
        String remap = "";
        if (!online) {
            int closed;
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                closed = socket.getLocalPort();
            }
            remap = "pki.remap=127.0.0.1=127.0.0.1:" + closed + "\n";
        }
        java.nio.file.Path file = dir.resolve("agent.properties");
        java.nio.file.Files.writeString(file, "token.libraries=" + env.softHsm().library() + "\ntoken.discover=false\n"
                + "trust.directory=" + trust + "\n" + remap);
        return file;
    }

    private static Map<String, JsonNode> byLabel(String json) throws Exception {
        Map<String, JsonNode> out = new HashMap<>();
        new ObjectMapper().readTree(json).get("tokens").forEach(t -> t.get("certificates")
                .forEach(c -> out.put(c.get("label").asText(), c)));
        return out;
    }

    @Test
    void revokedCertificatesAreMarkedBeforeThePersonPicks(@TempDir Path dir)
            throws Exception {
        String config = config(dir, true).toString();
        CommandRun r = CommandRun.of("tokens", "--json", "--config", config);
        assertEquals(0, r.exit(), r.err());
        Map<String, JsonNode> certs = byLabel(r.out());
        JsonNode revoked = certs.get(TestPki.REVOKED);
        assertEquals("revoked", revoked.get("status").asText(), revoked.toString());
        assertEquals("revoked", revoked.get("revocation").get("status").asText());
        assertFalse(revoked.get("signable").asBoolean());
        assertEquals("good", certs.get(TestPki.PERSONAL_AN).get("revocation").get("status").asText());
        assertTrue(certs.get(TestPki.PERSONAL_AN).get("signable").asBoolean());
        CommandRun table = CommandRun.of("tokens", "--config", config);
        String khoa = table.out().lines().filter(l -> l.contains("Đỗ Minh Khoa")).findFirst().orElseThrow();
        assertTrue(khoa.contains("[ĐÃ BỊ THU HỒI — không dùng để ký]"), table.out());
        String an = table.out().lines().filter(l -> l.contains("Nguyễn Văn An")).findFirst().orElseThrow();
        assertTrue(an.contains("[chưa bị thu hồi]"), table.out());
    }

    @Test
    void offlineTheRevocationStatusReadsUnknown(@TempDir Path dir)
            throws Exception {
        String config = config(dir, false).toString();
        long start = System.nanoTime();
        CommandRun r = CommandRun.of("tokens", "--json", "--config", config);
        assertEquals(0, r.exit(), r.err());
        Map<String, JsonNode> certs = byLabel(r.out());
        for (String label : List.of(TestPki.REVOKED, TestPki.PERSONAL_AN)) {
            assertEquals("unknown", certs.get(label).get("revocation").get("status").asText(),
                    certs.get(label).toString());
            assertEquals("valid", certs.get(label).get("status").asText());
        }
        CommandRun table = CommandRun.of("tokens", "--lang", "en", "--config", config);
        assertTrue(table.out().contains("[revocation status unknown]"), table.out());
        assertFalse(table.out().contains("not revoked"), table.out());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(12).toNanos(), "bounded by the wait");
    }

    @Test
    void theSubCaAndRootCaOnATokenAreMarkedNotOffered(@TempDir Path dir)
            throws Exception {
        CommandRun r = CommandRun.of("tokens", "--json", "--config", config(dir, true).toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode chain = null;
        for (JsonNode t : new ObjectMapper().readTree(r.out()).get("tokens")) {
            if (t.get("label").asText().equals(SoftHsmFixture.CA_CHAIN_TOKEN.label())) {
                chain = t;
            }
        }
        assertEquals(3, chain.get("certificates").size(), chain.toString());
        for (JsonNode c : chain.get("certificates")) {
            boolean signer = c.get("label").asText().equals(TestPki.PERSONAL_HA);
            assertEquals(!signer, c.get("ca").asBoolean(), c.toString());
            assertEquals(signer ? "personal" : "ca", c.get("usage").asText());
            assertEquals(signer, c.get("signable").asBoolean(), c.toString());
        }
        CommandRun table = CommandRun.of("tokens", "--config", config(dir, true).toString());
        for (String line : table.out().lines().filter(l -> l.startsWith("    • ")).toList()) {
            boolean ca = line.contains("RootCA chuyên dùng") || line.contains("CA phục vụ các cơ quan");
            assertEquals(ca, line.contains("[chứng thư CA — không dùng để ký]"), line);
        }
        assertEquals(2, table.out().lines().filter(l -> l.contains("[chứng thư CA — không dùng để ký]")).count(),
                table.out());
        assertTrue(table.out().contains("Lê Thu Hà"), table.out());
    }
}
