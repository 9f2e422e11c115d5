package vn.kyso.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.pdf.appearance.WorkflowSamples;
import vn.kyso.testkit.SocketClient;
import vn.kyso.testpki.SoftHsmFixture;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;
import vn.kyso.token.TokenManager;
import vn.kyso.token.TokenManagerConfig;

/**
 * Issue 13, input hygiene: the agent, assembled as {@code kyso serve} assembles it (only the person replaced by a
 * scripted consent and PIN prompt), is given secrets every way a caller can give them — wrong and right local secrets,
 * PINs in requests and typed into the prompt (wrong and right), JWTs forwarded to a document system and JWTs with
 * U+2028, CR/LF or NUL, secrets inside malformed frames and method names. Then everything the agent wrote is read:
 * its log and everything else on stdout/stderr while it ran (slf4j-simple writes to System.err, read at each write),
 * the audit log and every other file in its folders. None of those values may appear.
 */
class SecretsStayOutOfLogsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(60, TimeUnit.SECONDS).build();

    private static final String WRONG_SECRET_1 = "f00dfeed".repeat(8);
    private static final String WRONG_SECRET_2 = "WrongBearer-Zq7Lm2Xv9";
    private static final String PIN_IN_PARAMS = "90817263";
    private static final String WRONG_PIN = "730461925";
    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjYW5ib0BuaW5oYmluaCIsImxlYWsiOjF9.R3vQm8Lk2sXw";
    private static final String JWT_BROKEN = "eyJhbGciOiJub25lIn0.eyJ1MjAyOCI6dHJ1ZX0.Pq9Wd3Ts";
    private static final String SESSION = "ASPNET-sess-4QmZt81Vr";

    @TempDir
    Path home;

    @Test
    void noSecretPinOrTokenReachesAnyLog() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream tee = new PrintStream(new TeeStream(captured, err), true, StandardCharsets.UTF_8);
        System.setOut(new PrintStream(new TeeStream(captured, out), true, StandardCharsets.UTF_8));
        System.setErr(tee);
        Path audit = home.resolve("share").resolve("kyso").resolve("audit.jsonl");
        Path secretFile = home.resolve("config").resolve("kyso").resolve("local-secret");
        DocumentSystem documents = new DocumentSystem();
        String secret;
        try (TokenManager tokens = TokenManager.open(TokenManagerConfig.of(
                List.of(TestEnvironment.shared().softHsm().library())))) {
            try (AgentHarness agent = start(tokens, documents, home, audit, secretFile)) {
                secret = agent.server().secret().value();
                attack(agent.port(), tokens, documents, secret);
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
            documents.server.stop(0);
        }
        // the attacks really carried their secrets to the agent
        assertTrue(documents.authorizations.contains("Bearer " + JWT), documents.authorizations.toString());

        Map<String, String> needles = new java.util.LinkedHashMap<>();
        needles.put("local secret", secret);
        needles.put("wrong secret 1", WRONG_SECRET_1);
        needles.put("wrong secret 2", WRONG_SECRET_2);
        needles.put("PIN in params", PIN_IN_PARAMS);
        needles.put("wrong PIN", WRONG_PIN);
        needles.put("JWT", JWT);
        needles.put("JWT with U+2028", JWT_BROKEN);
        needles.put("session id", SESSION);
        List<Written> written = new ArrayList<>();
        written.add(new Written("stdout+stderr (agent log)", captured.toString(StandardCharsets.UTF_8)));
        try (Stream<Path> files = Files.walk(home)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (!f.equals(secretFile)) {
                    written.add(new Written(home.relativize(f).toString(), Files.readString(f,
                            StandardCharsets.ISO_8859_1)));
                }
            }
        }
        assertTrue(written.stream().anyMatch(w -> w.name().equals("share/kyso/audit.jsonl")), written.toString());
        // the right PIN is short: found only where it stands alone, not inside a hash or a number
        Pattern rightPin = Pattern.compile("(?<![0-9A-Za-z])" + SoftHsmFixture.USER_PIN + "(?![0-9A-Za-z])");
        List<String> leaks = new ArrayList<>();
        for (Written w : written) {
            needles.forEach((what, value) -> {
                // also the JSON-escaped and UTF-8-as-Latin-1 forms a writer may have produced
                if (w.text().contains(value) || w.text().contains(value.substring(0, value.length() / 2 + 4))) {
                    leaks.add(what + " in " + w.name());
                }
            });
            if (rightPin.matcher(w.text()).find()) {
                leaks.add("the right PIN in " + w.name());
            }
        }
        System.out.println("checked " + written.size() + " outputs (" + written.stream().mapToInt(w -> w.text()
                .length()).sum() + " characters) for " + (needles.size() + 1) + " secrets");
        assertEquals(List.of(), leaks);
        String auditText = Files.readString(audit);
        assertTrue(auditText.contains("\"result\":\"INVALID_PARAMS\"") && auditText.contains("\"result\":\"OK\"")
                && auditText.contains("\"result\":\"PIN_INCORRECT\""), auditText);
    }

    private record Written(String name, String text) {
    }

    private static AgentHarness start(TokenManager tokens, DocumentSystem documents, Path home, Path audit,
                                      Path secretFile) throws Exception {
        AgentHarness.Person person = new AgentHarness.Person();
        // the person: approves, types a wrong PIN first, then the right one
        person.pin().then(WRONG_PIN);
        return AgentHarness.in(home).tokens(tokens).origins(documents.origin).auditFile(audit).secretFile(secretFile)
                .idleTimeout(Duration.ofMinutes(5)).person(person).start();
    }

    private static void attack(int port, TokenManager tokens, DocumentSystem documents, String secret)
            throws Exception {
        // local programs: wrong secrets, the right one, a secret in a header an attacker controls
        for (String bearer : List.of(WRONG_SECRET_1, WRONG_SECRET_2, secret)) {
            try (Response r = HTTP.newCall(new Request.Builder().url("http://127.0.0.1:" + port + "/v1/health")
                    .header("Authorization", "Bearer " + bearer).build()).execute()) {
                assertTrue(r.code() < 500, "health: " + r.code()); // health answers local programs either way
            }
            SocketClient program = SocketClient.to(port).bearer(bearer).connect();
            Object outcome = program.awaitOutcome();
            if ("open".equals(outcome)) {
                program.sendText("{\"id\":1,\"method\":\"tokens.list\",\"params\":{\"secret\":\"" + bearer + "\"}}");
                program.close();
            }
            assertEquals(bearer.equals(secret) ? "open" : "refused", String.valueOf(outcome)
                    .replaceAll("^(401|403)$", "refused"));
        }

        String anId = tokens.certificates().stream().filter(c -> c.label().equals(TestPki.PERSONAL_AN)).findFirst()
                .orElseThrow().id();
        SocketClient page = SocketClient.open(port, documents.origin);
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest("Công văn 12/UBND".getBytes(StandardCharsets.UTF_8)));
        String signHash = "{\"certificateId\":\"" + anId + "\",\"hash\":\"" + hash + "\",\"hashAlgorithm\":\"SHA-256\","
                + "\"pin\":\"" + PIN_IN_PARAMS + "\",\"PIN\":\"" + PIN_IN_PARAMS + "\"}";
        assertEquals("PIN_INCORRECT", page.call("sign.hash", signHash).path("error").path("code").asText());
        assertTrue(page.call("sign.hash", signHash).has("result"));

        // VGCA jobs: a good JWT is forwarded to the page's own document system; broken ones are refused
        ObjectNode job = JSON.createObjectNode().put("FileUploadHandler", documents.origin + "/FileUploadHandler")
                .put("SessionId", SESSION).put("JWTToken", JWT).put("FileName", documents.origin + "/files/qd.pdf")
                .put("CertificateId", anId);
        job.putArray("MetaData").addObject().put("Key", "TitleLine").put("Value", "KT. CHỦ TỊCH");
        JsonNode ok = page.call("vgca.sign", JSON.createObjectNode().put("operation", "SignApproved").set("job", job)
                .toString());
        assertEquals(0, ok.path("result").path("Status").asInt(), ok.toString());
        for (String broken : List.of(JWT_BROKEN + "\u2028X-Leak: " + JWT_BROKEN, JWT_BROKEN + "\r\nX-Leak: 1",
                JWT_BROKEN + "\u0000", JWT_BROKEN + "\u0085")) {
            job.put("JWTToken", broken);
            JsonNode refused = page.call("vgca.sign", JSON.createObjectNode().put("operation", "SignApproved")
                    .set("job", job).toString());
            assertEquals("INVALID_PARAMS", refused.path("result").path("ErrorCode").asText(), refused.toString());
            assertFalse(refused.toString().contains(JWT_BROKEN), refused.toString());
        }
        ObjectNode verify = JSON.createObjectNode().put("FileName", documents.origin + "/broken.pdf")
                .put("SessionId", SESSION).put("JWTToken", JWT);
        JsonNode failed = page.call("vgca.verifyPdf", JSON.createObjectNode().set("job", verify).toString());
        assertEquals("DOWNLOAD_FAILED", failed.path("result").path("ErrorCode").asText(), failed.toString());

        // secrets inside malformed frames, unknown methods and parameters of the wrong type
        page.sendText("{\"id\":\"x\",\"method\":\"sign.hash\",\"params\":{\"jwt\":\"" + JWT + "\"");
        page.sendText("{\"id\":\"y\",\"method\":\"" + WRONG_SECRET_2 + "\",\"params\":{}}");
        page.call("vgca.sign", "{\"operation\":\"SignApproved\",\"job\":{\"JWTToken\":{\"" + JWT + "\":1}}}");
        page.call("sign.hash", "{\"certificateId\":{\"pin\":\"" + PIN_IN_PARAMS + "\"},\"hash\":\"" + secret + "\"}");
        page.close();
    }

    /** The page's own document system: serves one PDF, answers 500 for another, accepts uploads. */
    private static final class DocumentSystem {
        final HttpServer server;
        final String origin;
        final ConcurrentLinkedQueue<String> authorizations = new ConcurrentLinkedQueue<>();

        DocumentSystem() throws Exception {
            byte[] pdf = WorkflowSamples.quyetDinh();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String auth = exchange.getRequestHeaders().getFirst("Authorization");
                if (auth != null) {
                    authorizations.add(auth);
                }
                exchange.getRequestBody().readAllBytes();
                String path = exchange.getRequestURI().getPath();
                byte[] body = path.equals("/files/qd.pdf") ? pdf : path.equals("/FileUploadHandler")
                        ? "{\"Status\":true,\"FileName\":\"vb-1.pdf\"}".getBytes(StandardCharsets.UTF_8)
                        : "error".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(path.equals("/broken.pdf") ? 500 : 200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            origin = "http://127.0.0.1:" + server.getAddress().getPort();
        }
    }

    /** Copies what the process prints into the capture while it still reaches the console. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream first;
        private final java.io.OutputStream second;

        TeeStream(java.io.OutputStream first, java.io.OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
