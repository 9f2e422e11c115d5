package vn.kyso.doctor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.kyso.audit.AuditLog;
import vn.kyso.config.AgentConfig;
import vn.kyso.desktop.DesktopSupport;
import vn.kyso.errors.KysoException;
import vn.kyso.pairing.PairedOrigins;
import vn.kyso.pki.CrlClient;
import vn.kyso.pki.HttpFetcher;
import vn.kyso.pki.OcspClient;
import vn.kyso.pki.TrustStore;
import vn.kyso.pki.UrlRemap;
import vn.kyso.request.WebOrigin;
import vn.kyso.token.CertificateEntry;
import vn.kyso.token.DriverReport;
import vn.kyso.token.TokenInfo;
import vn.kyso.token.TokenManager;
import vn.kyso.token.TokenManagerConfig;
import vn.kyso.verify.SignerCertificateCheck;
import vn.kyso.verify.SubIndication;
import vn.kyso.verify.VerificationFailure;

/**
 * {@code kyso doctor}: what IT runs to verify an install. Each check says OK, WARN or FAIL and why; being offline is
 * a warning (the agent signs offline only if policy allows), a broken configuration, a wrong secret-file mode, a
 * damaged audit log or a port taken by another program is a failure.
 */
public final class Doctor {

    /**
     * Where to look.
     *
     * @param machineConfig  IT's file ({@code /etc/kyso/agent.properties})
     * @param userConfig     the user's file; the local secret and paired-origins file live beside it
     * @param auditFile      the signing log
     * @param networkTimeout for the TSA and OCSP reachability probes
     * @param browserPolicies the managed-policy files the installer writes for Chrome, Chromium and Edge (Linux)
     */
    public record Inputs(Path machineConfig, Path userConfig, Path auditFile, Duration networkTimeout,
                         List<Path> browserPolicies) {

        /** Where kyso-provision writes the Local Network Access policy on Linux; none elsewhere (GPO on Windows). */
        public static List<Path> defaultBrowserPolicies() {
            if (!System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
                return List.of();
            }
            return java.util.stream.Stream.of("/etc/opt/chrome/policies/managed", "/etc/chromium/policies/managed",
                    "/etc/opt/edge/policies/managed").map(d -> Path.of(d, "kyso-agent.json")).toList();
        }

        Path secretFile() {
            return userConfig.resolveSibling("local-secret");
        }

        Path pairedOrigins() {
            return userConfig.resolveSibling(PairedOrigins.FILE_NAME);
        }
    }

    private static final Duration EXPIRY_WARNING = Duration.ofDays(30);
    private final Inputs in;

    public Doctor(Inputs inputs) {
        this.in = inputs;
    }

    public List<Check> run() {
        List<Check> checks = new ArrayList<>();
        checks.add(java());
        checks.add(desktop());
        checks.add(configFile("config.machine", in.machineConfig(), true));
        checks.add(configFile("config.user", in.userConfig(), false));
        AgentConfig config;
        try {
            config = AgentConfig.load(in.machineConfig(), in.userConfig());
        } catch (KysoException e) {
            config = null; // already reported by the file checks; the rest runs on defaults
        }
        AgentConfig effective = config != null ? config : AgentConfig.load(null, null);
        checks.add(origins(effective));
        checks.add(browserPolicies(effective));
        List<CertificateEntry> certificates = tokens(effective, checks);
        TrustStore trust = trustStore(effective, checks);
        checks.add(tsa(effective));
        checks.add(certificates(certificates, trust, effective.pkiRemap()));
        checks.add(secret());
        checks.add(audit());
        checks.add(agent(effective.serverPort()));
        return checks;
    }

    private static Check java() {
        Runtime.Version v = Runtime.version();
        String text = v + " (" + System.getProperty("java.vendor") + ", " + System.getProperty("java.home") + ")";
        return v.feature() >= 17 ? Check.ok("java", "Java " + text, "Java " + text)
                : Check.fail("java", "Java " + text + " quá cũ: cần Java 17 trở lên",
                "Java " + text + " is too old: Java 17 or newer is needed");
    }

    private static Check desktop() {
        if (!DesktopSupport.available()) {
            return Check.warn("desktop", "Không có màn hình: Kyso Agent chạy không giao diện và từ chối mọi yêu cầu ký",
                    "No display: Kyso Agent runs headless and refuses every signing request");
        }
        boolean tray = java.awt.SystemTray.isSupported();
        return Check.ok("desktop", "Có màn hình: hộp thoại của Kyso Agent hiển thị được"
                        + (tray ? ", có khay hệ thống" : "; không có khay hệ thống (không có biểu tượng)"),
                "Display available: Kyso Agent's dialogs can be shown"
                        + (tray ? ", system tray present" : "; no system tray (no icon)"));
    }

    private static Check configFile(String id, Path file, boolean machine) {
        if (file == null || !Files.exists(file)) {
            return machine
                    ? Check.warn(id, "Không có tệp cấu hình máy " + file + ": dùng mặc định, CNTT chưa cho phép trang web nào",
                    "No machine configuration " + file + ": defaults apply, IT has allowed no web page")
                    : Check.ok(id, "Không có tệp cấu hình người dùng " + file + " (không bắt buộc)",
                    "No user configuration " + file + " (optional)");
        }
        if (!Files.isReadable(file)) {
            return Check.fail(id, "Không đọc được " + file, "Cannot read " + file);
        }
        try {
            if (machine) {
                AgentConfig.load(file, null);
            } else {
                AgentConfig.load(null, file);
            }
            return Check.ok(id, "Tệp cấu hình hợp lệ: " + file, "Configuration valid: " + file);
        } catch (KysoException e) {
            return Check.fail(id, e.messageVi(), e.messageEn());
        }
    }

    private Check origins(AgentConfig config) {
        List<String> it = config.allowedOrigins();
        List<PairedOrigins.Entry> paired;
        try {
            paired = new PairedOrigins(in.pairedOrigins()).list();
        } catch (KysoException e) {
            return Check.fail("origins", e.messageVi(), e.messageEn());
        }
        String list = String.join(", ", it);
        String pairingVi = config.pairingAllowed() ? "người dùng đã cho phép thêm " + paired.size()
                : "CNTT đã tắt ghép trang (origins.pairing=false)";
        String pairingEn = config.pairingAllowed() ? paired.size() + " more approved by the user"
                : "IT switched pairing off (origins.pairing=false)";
        if (it.isEmpty() && (paired.isEmpty() || !config.pairingAllowed())) {
            return Check.warn("origins", "Chưa có trang web nào được phép dùng Kyso Agent; " + pairingVi,
                    "No web page is allowed to use Kyso Agent yet; " + pairingEn);
        }
        return Check.ok("origins", "Trang web do CNTT cấp (" + it.size() + "): " + list + "; " + pairingVi,
                "Allowed by IT (" + it.size() + "): " + list + "; " + pairingEn);
    }

    /**
     * The browsers' Local Network Access policy: without it Chrome (142+) and Edge ask every user before an allowed
     * page may reach the agent, and list exactly IT's origins.
     */
    private Check browserPolicies(AgentConfig config) {
        if (in.browserPolicies().isEmpty()) {
            return Check.ok("browser", "Chính sách trình duyệt do GPO quản lý trên hệ điều hành này (không kiểm tra)",
                    "Browser policies are managed by GPO on this system (not checked)");
        }
        java.util.Set<String> expected = new java.util.TreeSet<>();
        config.allowedOrigins().forEach(o -> expected.add(WebOrigin.normalise(o).orElse(o)));
        List<String> found = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Path file : in.browserPolicies()) {
            if (!Files.exists(file)) {
                continue;
            }
            try {
                JsonNode list = new ObjectMapper().readTree(file.toFile()).path("LocalNetworkAccessAllowedForUrls");
                java.util.Set<String> listed = new java.util.TreeSet<>();
                list.forEach(n -> listed.add(WebOrigin.normalise(n.asText()).orElse(n.asText())));
                (listed.equals(expected) ? found : wrong).add(file + " " + listed);
            } catch (IOException e) {
                wrong.add(file + " (" + e.getMessage() + ")");
            }
        }
        if (!wrong.isEmpty()) {
            return Check.warn("browser", "Chính sách trình duyệt khác danh sách trang web của CNTT " + expected + ": "
                    + String.join("; ", wrong) + " — chạy lại kyso-provision", "Browser policy differs from IT's "
                    + "origins " + expected + ": " + String.join("; ", wrong) + " — run kyso-provision again");
        }
        if (found.isEmpty()) {
            return expected.isEmpty()
                    ? Check.ok("browser", "Không có chính sách trình duyệt (CNTT chưa cho phép trang web nào)",
                    "No browser policy (IT has allowed no web page)")
                    : Check.warn("browser", "Không có chính sách trình duyệt LocalNetworkAccessAllowedForUrls: Chrome/Edge"
                    + " sẽ hỏi từng người dùng trước khi trang web được gọi Kyso Agent", "No browser policy "
                    + "LocalNetworkAccessAllowedForUrls: Chrome/Edge will ask each user before a page may reach "
                    + "Kyso Agent");
        }
        return Check.ok("browser", "Chính sách trình duyệt cho phép " + expected + ": " + found.size() + " trình duyệt",
                "Browser policy allows " + expected + " in " + found.size() + " browser(s)");
    }

    private static List<CertificateEntry> tokens(AgentConfig config, List<Check> checks) {
        TokenManagerConfig tokenConfig = config.tokenManagerConfig();
        try (TokenManager manager = TokenManager.open(tokenConfig)) {
            List<DriverReport> drivers = manager.drivers();
            List<String> loaded = drivers.stream().filter(DriverReport::loaded).map(d -> d.path().toString()).toList();
            List<String> failed = drivers.stream().filter(d -> !d.loaded())
                    .map(d -> d.path() + " (" + d.state() + ": " + d.reason() + ")").toList();
            if (loaded.isEmpty()) {
                checks.add(Check.fail("drivers", "Không nạp được trình điều khiển token nào"
                                + (failed.isEmpty() ? " (không tìm thấy)" : ": " + String.join("; ", failed)),
                        "No token driver loaded" + (failed.isEmpty() ? " (none found)" : ": " + String.join("; ", failed))));
            } else if (!failed.isEmpty()) {
                checks.add(Check.warn("drivers", "Đã nạp: " + String.join(", ", loaded) + "; lỗi: "
                        + String.join("; ", failed), "Loaded: " + String.join(", ", loaded) + "; failed: "
                        + String.join("; ", failed)));
            } else {
                checks.add(Check.ok("drivers", "Đã nạp trình điều khiển: " + String.join(", ", loaded),
                        "Drivers loaded: " + String.join(", ", loaded)));
            }
            List<TokenInfo> tokens = manager.tokens();
            List<CertificateEntry> certificates = manager.certificates();
            if (tokens.isEmpty()) {
                checks.add(Check.warn("tokens", "Chưa cắm token nào", "No token plugged in"));
                return certificates;
            }
            Instant now = Instant.now();
            List<String> expired = new ArrayList<>();
            List<String> expiring = new ArrayList<>();
            for (CertificateEntry c : certificates) {
                if (c.notAfter().isBefore(now)) {
                    expired.add(c.label());
                } else if (c.notAfter().isBefore(now.plus(EXPIRY_WARNING))) {
                    expiring.add(c.label());
                }
            }
            String labels = String.join(", ", tokens.stream().map(TokenInfo::label).toList());
            String vi = tokens.size() + " token (" + labels + "), " + certificates.size() + " chứng thư số";
            String en = tokens.size() + " token(s) (" + labels + "), " + certificates.size() + " certificate(s)";
            if (certificates.isEmpty()) {
                checks.add(Check.warn("tokens", vi + ": token không có chứng thư số", en + ": no certificate on the token"));
            } else if (!expired.isEmpty() || !expiring.isEmpty()) {
                checks.add(Check.warn("tokens", vi + (expired.isEmpty() ? "" : "; đã hết hạn: " + String.join(", ", expired))
                                + (expiring.isEmpty() ? "" : "; sắp hết hạn (30 ngày): " + String.join(", ", expiring)),
                        en + (expired.isEmpty() ? "" : "; expired: " + String.join(", ", expired))
                                + (expiring.isEmpty() ? "" : "; expiring within 30 days: " + String.join(", ", expiring))));
            } else {
                checks.add(Check.ok("tokens", vi, en));
            }
            return certificates;
        } catch (KysoException e) {
            checks.add(Check.fail("drivers", e.messageVi(), e.messageEn()));
            return List.of();
        }
    }

    /** The trusted roots as the agent would load them; adds the "trust" line. */
    private static TrustStore trustStore(AgentConfig config, List<Check> checks) {
        TrustStore trust;
        try {
            trust = TrustStore.withBundledRoots();
        } catch (KysoException e) {
            checks.add(Check.fail("trust", e.messageVi(), e.messageEn()));
            return TrustStore.empty();
        }
        checks.add(trust(config, trust));
        return trust;
    }

    private static Check trust(AgentConfig config, TrustStore trust) {
        try {
            int bundled = trust.anchors().size();
            String extraVi = "";
            String extraEn = "";
            if (config.trustDirectory() != null) {
                if (!Files.isDirectory(config.trustDirectory())) {
                    return Check.fail("trust", "Thư mục chứng thư gốc " + config.trustDirectory() + " không tồn tại",
                            "Trusted-root directory " + config.trustDirectory() + " does not exist");
                }
                TrustStore.DirectoryImport imported = trust.addDirectory(config.trustDirectory());
                extraVi = "; thêm " + imported.added().size() + " từ " + config.trustDirectory()
                        + (imported.rejected().isEmpty() ? "" : ", bỏ qua " + imported.rejected().size() + " tệp lỗi");
                extraEn = "; " + imported.added().size() + " more from " + config.trustDirectory()
                        + (imported.rejected().isEmpty() ? "" : ", " + imported.rejected().size() + " bad file(s) skipped");
                if (!imported.rejected().isEmpty()) {
                    return Check.warn("trust", bundled + " chứng thư gốc đi kèm" + extraVi,
                            bundled + " bundled root(s)" + extraEn);
                }
            }
            List<String> expired = trust.anchors().stream().filter(r -> r.getNotAfter().toInstant()
                    .isBefore(Instant.now())).map(r -> r.getSubjectX500Principal().getName()).toList();
            if (!expired.isEmpty()) {
                return Check.warn("trust", "Chứng thư gốc đã hết hạn: " + String.join("; ", expired),
                        "Expired trusted roots: " + String.join("; ", expired));
            }
            return Check.ok("trust", trust.anchors().size() + " chứng thư gốc tin cậy (" + bundled + " đi kèm" + extraVi + ")",
                    trust.anchors().size() + " trusted roots (" + bundled + " bundled" + extraEn + ")");
        } catch (IOException e) {
            return Check.fail("trust", "Không nạp được chứng thư gốc: " + e.getMessage(),
                    "Cannot load the trusted roots: " + e.getMessage());
        }
    }

    private Check tsa(AgentConfig config) {
        URI url = URI.create(config.tsaUrl());
        String problem = unreachable(url);
        return problem == null
                ? Check.ok("tsa", "Máy chủ cấp dấu thời gian trả lời: " + url, "Time-stamping authority answers: " + url)
                : Check.warn("tsa", "Không kết nối được máy chủ cấp dấu thời gian " + url + " (" + problem + "): "
                        + "chữ ký sẽ thiếu dấu thời gian", "Time-stamping authority " + url + " unreachable ("
                        + problem + "): signatures would lack a time-stamp");
    }

    /**
     * Every certificate on the tokens goes through the same check the agent makes before signing (validity, key
     * usage, chain to a trusted root, OCSP or CRL): IT sees which ones can sign and whether revocation is reachable.
     */
    private Check certificates(List<CertificateEntry> certificates, TrustStore trust, UrlRemap remap) {
        if (certificates.isEmpty()) {
            return Check.ok("certificates", "Không có chứng thư số nào để kiểm tra", "No certificate to check");
        }
        HttpFetcher http = new HttpFetcher(in.networkTimeout(), in.networkTimeout(),
                HttpFetcher.DEFAULT_MAX_RESPONSE_BYTES, remap);
        SignerCertificateCheck check = new SignerCertificateCheck(trust, http, new OcspClient(http),
                new CrlClient(http), Clock.systemUTC());
        List<X509Certificate> known = certificates.stream().map(CertificateEntry::certificate).toList();
        List<String> good = new ArrayList<>();
        List<String> offline = new ArrayList<>();
        List<String> unusable = new ArrayList<>();
        for (CertificateEntry c : certificates) {
            String name = c.tokenLabel() + " / " + c.label();
            try {
                check.check(c.certificate(), known);
                good.add(name);
            } catch (VerificationFailure f) {
                (f.subIndication() == SubIndication.TRY_LATER ? offline : unusable)
                        .add(name + " (" + f.subIndication() + ")");
            }
        }
        String goodVi = good.isEmpty() ? "" : "ký được: " + String.join(", ", good);
        String goodEn = good.isEmpty() ? "" : "can sign: " + String.join(", ", good);
        if (!offline.isEmpty()) {
            return Check.warn("certificates", "Không kiểm tra được tình trạng thu hồi (OCSP/CRL không kết nối được): "
                    + String.join(", ", offline) + (good.isEmpty() ? "" : "; " + goodVi),
                    "Revocation status unreachable (OCSP/CRL offline): " + String.join(", ", offline)
                            + (good.isEmpty() ? "" : "; " + goodEn));
        }
        if (!unusable.isEmpty()) {
            return Check.warn("certificates", "Không dùng để ký được: " + String.join(", ", unusable)
                    + (good.isEmpty() ? "" : "; " + goodVi), "Cannot be used to sign: " + String.join(", ", unusable)
                    + (good.isEmpty() ? "" : "; " + goodEn));
        }
        return Check.ok("certificates", "Chứng thư số hợp lệ, OCSP/CRL trả lời; " + goodVi,
                "Certificates valid, OCSP/CRL answer; " + goodEn);
    }

    /** Null when the server answered anything at all over HTTP within the timeout, else what went wrong. */
    private String unreachable(URI url) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(in.networkTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            client.send(HttpRequest.newBuilder(url).timeout(in.networkTimeout()).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return null;
        } catch (IOException | IllegalArgumentException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private Check secret() {
        Path file = in.secretFile();
        if (!Files.exists(file)) {
            return Check.ok("secret", "Khóa bí mật cục bộ chưa có (tạo khi Kyso Agent chạy lần đầu): " + file,
                    "Local secret not created yet (created when the agent first runs): " + file);
        }
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (!mode.equals(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))) {
                String text = java.nio.file.attribute.PosixFilePermissions.toString(mode);
                return Check.fail("secret", "Khóa bí mật " + file + " có quyền " + text + ": phải là rw------- (0600), "
                        + "nếu không người dùng khác đọc được", "Local secret " + file + " has mode " + text
                        + ": it must be rw------- (0600), or other users can read it");
            }
        } catch (UnsupportedOperationException e) {
            // Windows: the profile directory's ACL protects it
        } catch (IOException e) {
            return Check.fail("secret", "Không đọc được " + file + ": " + e.getMessage(), "Cannot read " + file + ": "
                    + e.getMessage());
        }
        return Check.ok("secret", "Khóa bí mật cục bộ chỉ chủ sở hữu đọc được (0600): " + file,
                "Local secret readable by its owner only (0600): " + file);
    }

    private Check audit() {
        try {
            AuditLog.Verification v = new AuditLog(in.auditFile()).verify();
            if (v.intact()) {
                return Check.ok("audit", "Nhật ký ký số nguyên vẹn (" + v.entries() + " mục): " + in.auditFile(),
                        "Signing log intact (" + v.entries() + " entries): " + in.auditFile());
            }
            return Check.fail("audit", "Nhật ký ký số " + in.auditFile() + " bị sửa, cắt hoặc xóa tại dòng "
                    + v.brokenAtLine() + ": " + v.reasonVi(), "Signing log " + in.auditFile()
                    + " was edited, cut or deleted at line " + v.brokenAtLine() + ": " + v.reasonEn());
        } catch (IOException | RuntimeException e) {
            return Check.fail("audit", "Không đọc được nhật ký ký số: " + e.getMessage(),
                    "Cannot read the signing log: " + e.getMessage());
        }
    }

    private Check agent(int port) {
        URI health = URI.create("http://127.0.0.1:" + port + "/v1/health");
        HttpClient client = HttpClient.newBuilder().connectTimeout(in.networkTimeout()).build();
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(health).timeout(in.networkTimeout()).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = r.statusCode() == 200 ? new ObjectMapper().readTree(r.body()) : null;
            if (body != null && "ok".equals(body.path("status").asText())) {
                String version = body.path("version").asText("?");
                return Check.ok("agent", "Kyso Agent " + version + " đang chạy trên cổng " + port,
                        "Kyso Agent " + version + " is answering on port " + port);
            }
            return Check.fail("agent", "Cổng " + port + " đang bị chương trình khác dùng (HTTP " + r.statusCode() + ")",
                    "Port " + port + " is used by another program (HTTP " + r.statusCode() + ")");
        } catch (IOException e) {
            // nothing answered over HTTP: free, or held by something that is not a web server
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return Check.warn("agent", "Kyso Agent chưa chạy; cổng " + port + " còn trống",
                    "Kyso Agent is not running; port " + port + " is free");
        } catch (IOException e) {
            return Check.fail("agent", "Cổng " + port + " đang bị chương trình khác giữ: Kyso Agent không khởi động được",
                    "Port " + port + " is held by another program: Kyso Agent cannot start");
        }
    }

    /** OK, WARN and FAIL counts. */
    public static int[] counts(List<Check> checks) {
        int[] n = new int[3];
        checks.forEach(c -> n[c.status().ordinal()]++);
        return n;
    }
}
