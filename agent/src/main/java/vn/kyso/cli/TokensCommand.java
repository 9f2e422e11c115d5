package vn.kyso.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import vn.kyso.app.AgentAssembly;
import vn.kyso.app.TokenInventoryView;
import vn.kyso.config.AgentConfig;
import vn.kyso.errors.KysoException;
import vn.kyso.pki.CrlClient;
import vn.kyso.pki.HttpFetcher;
import vn.kyso.pki.OcspClient;
import vn.kyso.pki.TrustStore;
import vn.kyso.token.CertificateEntry;
import vn.kyso.token.DriverReport;
import vn.kyso.token.TokenError;
import vn.kyso.token.TokenFlags;
import vn.kyso.token.TokenInfo;
import vn.kyso.token.TokenManager;
import vn.kyso.token.TokenManagerConfig;
import vn.kyso.usecase.CertificateStatuses;
import vn.kyso.verify.SignerCertificateCheck;

/** {@code kyso tokens}: which drivers loaded, which tokens are plugged in, which certificates they hold. */
final class TokensCommand implements Command {

    /** Made when a listing prints, not when the command table is built: ZoneId.of reads the whole time-zone
     * database, which every other command (kyso serve among them) would pay for at start. */
    private static final Duration STATUS_WAIT = Duration.ofSeconds(5);

    private static DateTimeFormatter date() {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneId.of("Asia/Ho_Chi_Minh"));
    }

    @Override
    public String name() {
        return "tokens";
    }

    @Override
    public String summary() {
        return "Liệt kê driver, token và chứng thư số / list drivers, tokens and certificates "
                + "[--json] [--library PATH] [--config FILE] [--lang en]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Options options = Options.parse(args, Set.of("--json"), Set.of("--library", "--lang", "--config"));
        boolean english = "en".equals(options.get("--lang", "vi"));
        List<Path> named = options.all("--library").stream().map(Path::of).toList();
        // --library names exactly what to load; otherwise the configuration's libraries (+ discovery if enabled)
        String file = options.get("--config", null);
        AgentConfig settings = file != null ? AgentConfig.load(Path.of(file), null) : AgentConfig.load();
        TokenManagerConfig config = named.isEmpty() ? settings.tokenManagerConfig() : TokenManagerConfig.of(named);
        try (TokenManager manager = TokenManager.open(config);
             CertificateStatuses statuses = statuses(manager, settings)) {
            if (manager.drivers().isEmpty()) {
                throw new KysoException(TokenError.DRIVER_NOT_FOUND);
            }
            // a one-shot listing has no later moment to show the answer in: it waits, but never longer than this
            Map<String, CertificateStatuses.Status> revocation = statuses.await(manager.certificates(), STATUS_WAIT);
            if (options.has("--json")) {
                ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                out.println(json.writeValueAsString(TokenInventoryView.of(manager, c -> revocation.get(c.id()))));
            } else {
                printTable(manager, revocation, out, english);
            }
            boolean anyDriver = manager.drivers().stream().anyMatch(DriverReport::loaded);
            return anyDriver ? 0 : 1;
        }
    }

    /** The signing rules' own certificate check, with the configuration's trusted roots and URL rewrites. */
    private static CertificateStatuses statuses(TokenManager manager, AgentConfig settings) throws java.io.IOException {
        TrustStore trust = AgentAssembly.trustFrom(settings.trustDirectory(), List.of());
        HttpFetcher http = HttpFetcher.withRemap(settings.pkiRemap());
        List<X509Certificate> known = new ArrayList<>(trust.anchors());
        known.addAll(trust.knownIntermediates());
        SignerCertificateCheck check = new SignerCertificateCheck(trust, http, new OcspClient(http),
                new CrlClient(http), Clock.systemUTC());
        return new CertificateStatuses(manager, () -> check, known, Clock.systemUTC());
    }

    private static void printTable(TokenManager manager, Map<String, CertificateStatuses.Status> revocation,
                                   PrintStream out, boolean en) {
        out.println(en ? "PKCS#11 drivers:" : "Trình điều khiển PKCS#11:");
        for (DriverReport d : manager.drivers()) {
            out.println("  " + (d.loaded() ? "[OK]   " : "[LỖI]  ") + d.path()
                    + (d.loaded() ? "  " + d.description() : "  — " + d.reason()));
        }
        List<TokenInfo> tokens = manager.tokens();
        out.println();
        out.println(en ? "Tokens (" + tokens.size() + "):" : "Token đang cắm (" + tokens.size() + "):");
        if (tokens.isEmpty()) {
            out.println(en ? "  none — plug in your token" : "  không có — hãy cắm token vào máy");
        }
        for (TokenInfo t : tokens) {
            out.println("  " + t.label() + "   [" + t.manufacturer() + " / " + t.model() + ", serial " + t.serial()
                    + "]" + flags(t.flags(), en));
            for (CertificateEntry c : manager.certificates()) {
                if (!c.tokenId().equals(t.id())) {
                    continue;
                }
                out.println("    • " + commonName(c.subject()) + marks(c, revocation.get(c.id()), en));
                String organisation = attribute(c.subject(), "O");
                String email = attribute(c.subject(), "E");
                if (organisation != null) {
                    out.println("      " + (en ? "org.:     " : "cơ quan:  ") + organisation);
                }
                if (email != null) {
                    out.println("      e-mail:   " + email);
                }
                out.println("      " + (en ? "issuer:   " : "nơi cấp:  ") + commonName(c.issuer()));
                out.println("      " + (en ? "valid:    " : "hiệu lực: ") + date().format(c.notBefore()) + " → "
                        + date().format(c.notAfter()) + "   " + c.keyAlgorithm() + "-" + c.keyBits()
                        + "   " + String.join(",", c.keyUsage()));
                out.println("      id:       " + c.id());
            }
        }
    }

    private static String flags(TokenFlags f, boolean en) {
        List<String> out = new ArrayList<>();
        if (f.loginRequired()) {
            out.add(en ? "PIN required" : "cần PIN");
        }
        if (f.protectedAuthenticationPath()) {
            out.add(en ? "PIN pad" : "nhập PIN trên thiết bị");
        }
        if (f.pinCountLow()) {
            out.add(en ? "wrong PIN entered before" : "đã nhập sai PIN");
        }
        if (f.pinFinalTry()) {
            out.add(en ? "LAST PIN TRY" : "LẦN THỬ PIN CUỐI");
        }
        if (f.pinLocked()) {
            out.add(en ? "PIN LOCKED" : "PIN ĐÃ KHÓA");
        }
        if (f.pinToBeChanged()) {
            out.add(en ? "PIN must be changed" : "phải đổi PIN");
        }
        return out.isEmpty() ? "" : "  {" + String.join("; ", out) + "}";
    }

    /**
     * What the person must know before picking: a CA's certificate, one outside its validity period, one revoked, or
     * one whose revocation status could not be learnt (offline).
     */
    private static String marks(CertificateEntry c, CertificateStatuses.Status revocation, boolean en) {
        List<String> marks = new ArrayList<>();
        if (c.ca()) {
            marks.add(en ? "CA certificate — not for signing" : "chứng thư CA — không dùng để ký");
        }
        switch (c.validity(java.time.Instant.now())) {
            case EXPIRED -> marks.add(en ? "EXPIRED" : "HẾT HẠN");
            case NOT_YET_VALID -> marks.add(en ? "NOT YET VALID" : "CHƯA CÓ HIỆU LỰC");
            default -> {
                if (!c.ca()) {
                    marks.add(switch (revocation.revocation()) {
                        case REVOKED -> en ? "REVOKED — not for signing" : "ĐÃ BỊ THU HỒI — không dùng để ký";
                        case UNKNOWN -> en ? "revocation status unknown" : "chưa rõ tình trạng thu hồi";
                        case GOOD -> en ? "not revoked" : "chưa bị thu hồi";
                    });
                }
            }
        }
        return marks.isEmpty() ? "" : "   [" + String.join("; ", marks) + "]";
    }

    static String commonName(String dn) {
        String cn = attribute(dn, "CN");
        return cn == null ? dn : cn;
    }

    /** The first value of {@code type} in a readable RFC 2253 name, or null. */
    static String attribute(String dn, String type) {
        try {
            for (javax.naming.ldap.Rdn rdn : new javax.naming.ldap.LdapName(dn).getRdns()) {
                if (rdn.getType().equalsIgnoreCase(type)) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (javax.naming.InvalidNameException e) {
            return null;
        }
        return null;
    }
}
