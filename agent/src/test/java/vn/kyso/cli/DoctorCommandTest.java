package vn.kyso.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.audit.AuditLog;
import vn.kyso.audit.AuditRecord;
import vn.kyso.pairing.PairedOrigins;
import vn.kyso.server.AgentHarness;
import vn.kyso.testpki.TestEnvironment;

/** {@code kyso doctor} against the test environment: SoftHSM2 tokens, the test PKI's services, a running agent. */
class DoctorCommandTest {

    @TempDir
    Path dir;
    private TestEnvironment env;
    private Path machine;
    private Path user;
    private Path audit;
    private Path trust;

    private CommandRun doctor(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("doctor", "--config", machine.toString(),
                "--user-config", user.toString(), "--audit-file", audit.toString(), "--timeout", "2",
                "--browser-policy", dir.resolve("chrome/kyso-agent.json").toString(),
                "--browser-policy", dir.resolve("edge/kyso-agent.json").toString()));
        args.addAll(List.of(extra));
        return CommandRun.of(args.toArray(String[]::new));
    }

    @BeforeEach
    void install() throws Exception {
        env = TestEnvironment.shared();
        machine = dir.resolve("etc/kyso/agent.properties");
        user = dir.resolve("home/.config/kyso/agent.properties");
        audit = dir.resolve("home/.local/share/kyso/audit.jsonl");
        trust = dir.resolve("etc/kyso/trust");
        Files.createDirectories(trust);
        Files.write(trust.resolve("test-root.crt"), env.pki().root().getEncoded());
        Files.createDirectories(user.getParent());
        AuditLog log = new AuditLog(audit);
        log.append(new AuditRecord("https://qlvb.ninhbinh.gov.vn", "sign.pdf/approve", "QĐ 1.pdf", "ab".repeat(32),
                "cd".repeat(32), "Nguyễn Văn An", "OK"));
        log.flush();
    }

    private void machineConfig(int port, String tsa) throws Exception {
        Files.createDirectories(machine.getParent());
        Files.writeString(machine, String.join("\n",
                "token.libraries=" + env.softHsm().library(),
                "token.discover=false",
                "origins.allowed=https://qlvb.ninhbinh.gov.vn",
                "server.port=" + port,
                "tsa.url=" + tsa,
                "trust.directory=" + trust), StandardCharsets.UTF_8);
    }

    private AgentHarness agent() throws Exception {
        return AgentHarness.in(Files.createDirectories(dir.resolve("agent"))).origins("https://qlvb.ninhbinh.gov.vn")
                .secretFile(user.resolveSibling("local-secret")).maxTextFrameBytes(1 << 16).version("doctor-test")
                .methods(parts -> Map.of()).start();
    }

    @Test
    void aHealthyInstallHasNoFailureAndNamesWhatItFound() throws Exception {
        try (AgentHarness server = agent()) {
            machineConfig(server.port(), env.services().urls().tsa());
            new PairedOrigins(user.resolveSibling(PairedOrigins.FILE_NAME)).add("https://dichvucong.ninhbinh.gov.vn");
            CommandRun r = doctor("--json");
            assertEquals(0, r.exit(), r.out() + r.err());
            Map<String, JsonNode> checks = r.checks();
            Files.createDirectories(dir.resolve("chrome"));
            Files.writeString(dir.resolve("chrome/kyso-agent.json"),
                    "{\"LocalNetworkAccessAllowedForUrls\": [\"https://qlvb.ninhbinh.gov.vn\"]}");
            checks = doctor("--json").checks();
            assertEquals(List.of("java", "desktop", "config.machine", "config.user", "origins", "browser", "drivers", "tokens",
                    "trust", "tsa", "certificates", "secret", "audit", "agent"), List.copyOf(checks.keySet()));
            for (String ok : List.of("java", "config.machine", "config.user", "origins", "browser", "drivers", "trust", "tsa",
                    "secret", "audit", "agent")) {
                assertEquals("OK", checks.get(ok).get("status").asText(), ok + ": " + checks.get(ok));
            }
            assertTrue(checks.get("origins").get("message_en").asText().contains("https://qlvb.ninhbinh.gov.vn")
                    && checks.get("origins").get("message_en").asText().contains("1 more approved by the user"));
            assertTrue(checks.get("drivers").get("message_en").asText().contains("libsofthsm2.so"));
            assertTrue(checks.get("trust").get("message_en").asText().contains("1 more from"));
            // the Negative Cases token: every unusable certificate is named with the reason, the good ones too
            JsonNode certificates = checks.get("certificates");
            assertEquals("WARN", certificates.get("status").asText(), certificates.toString());
            String said = certificates.get("message_en").asText();
            assertTrue(said.contains("Cannot be used to sign: ") && said.contains("REVOKED")
                    && said.contains("OUT_OF_BOUNDS") && said.contains("NO_CERTIFICATE_CHAIN_FOUND"), said);
            assertTrue(said.contains("can sign: ") && said.contains("VGCA Token An (TEST)"), said);
            assertTrue(checks.get("audit").get("message_en").asText().contains("(1 entries)"));
            assertTrue(checks.get("agent").get("message_vi").asText().contains("doctor-test đang chạy"));
            // the Negative Cases token holds an expired certificate: worth a look, not a failure
            assertEquals("WARN", checks.get("tokens").get("status").asText());
            assertTrue(checks.get("tokens").get("message_en").asText().contains("expired"));
            assertTrue(checks.get("tokens").get("message_vi").asText().contains("VGCA Token An (TEST)"));
            // surefire runs this JVM headless: said, not fatal
            assertEquals("WARN", checks.get("desktop").get("status").asText());
            assertTrue(checks.get("browser").get("message_en").asText().contains("in 1 browser(s)"));
            JsonNode summary = new ObjectMapper().readTree(r.out()).get("summary");
            assertEquals(0, summary.get("fail").asInt());

            CommandRun text = doctor();
            assertEquals(0, text.exit());
            assertTrue(text.out().contains("— kiểm tra cài đặt"), text.out());
            assertTrue(text.out().contains("[OK  ] Nhật ký ký số nguyên vẹn"), text.out());
            assertTrue(text.out().lines().anyMatch(l -> l.startsWith("Kết quả: ") && l.endsWith(" 0 FAIL")), text.out());
            assertTrue(doctor("--lang", "en").out().contains("[OK  ] Signing log intact"));

            // a policy that lists something else than IT's origins is worth a look
            Files.createDirectories(dir.resolve("edge"));
            Files.writeString(dir.resolve("edge/kyso-agent.json"),
                    "{\"LocalNetworkAccessAllowedForUrls\": [\"https://old-qlvb.example\"]}");
            JsonNode browser = doctor("--json").checks().get("browser");
            assertEquals("WARN", browser.get("status").asText());
            assertTrue(browser.get("message_en").asText().contains("differs") && browser.get("message_en").asText()
                    .contains("https://old-qlvb.example"), browser.toString());
        }
    }

    @Test
    void brokenPartsFailAndOfflineServicesOnlyWarn() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            machineConfig(squatter.getLocalPort(), "http://127.0.0.1:" + deadPort + "/tsa");
            Path secret = user.resolveSibling("local-secret");
            Files.writeString(secret, "a".repeat(64));
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
            String text = Files.readString(audit);
            Files.writeString(audit, text.replace("QĐ 1.pdf", "QĐ 2.pdf"));
            Files.writeString(user.resolveSibling(PairedOrigins.FILE_NAME), "{broken");

            CommandRun r = doctor("--json");
            assertEquals(1, r.exit(), r.out());
            Map<String, JsonNode> checks = r.checks();
            assertEquals("WARN", checks.get("tsa").get("status").asText(), "offline is a warning");
            assertEquals("WARN", checks.get("browser").get("status").asText(), "no policy: browsers will ask");
            assertTrue(checks.get("browser").get("message_en").asText().contains("will ask each user"));
            assertTrue(checks.get("tsa").get("message_en").asText().contains("unreachable"));
            assertEquals("FAIL", checks.get("secret").get("status").asText());
            assertTrue(checks.get("secret").get("message_en").asText().contains("rw-r--r--"));
            assertEquals("FAIL", checks.get("audit").get("status").asText());
            // line 1 records the log's creation, the edited entry is line 2
            assertTrue(checks.get("audit").get("message_en").asText().contains("line 2"));
            assertEquals("FAIL", checks.get("origins").get("status").asText());
            assertEquals("FAIL", checks.get("agent").get("status").asText(), "port held by a non-agent program");
            assertTrue(checks.get("agent").get("message_en").asText().contains("held by another program"));
        }
        // the port is free again and nobody answers: the agent is simply not running
        CommandRun stopped = doctor("--json");
        assertEquals("WARN", stopped.checks().get("agent").get("status").asText());
    }

    @Test
    void anInvalidMachineConfigurationFailsWithTheKeyNamed() throws Exception {
        Files.createDirectories(machine.getParent());
        Files.writeString(machine, "server.port=abc\n");
        CommandRun r = doctor("--json");
        assertEquals(1, r.exit());
        JsonNode config = r.checks().get("config.machine");
        assertEquals("FAIL", config.get("status").asText());
        assertTrue(config.get("message_en").asText().contains("server.port"), config.toString());
        // no driver configured and discovery off: the token check fails too, naming why
        Files.writeString(machine, "token.discover=false\n");
        assertEquals("FAIL", doctor("--json").checks().get("drivers").get("status").asText());
    }
}
