package vn.kyso.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import vn.kyso.app.TokenInventoryView;
import vn.kyso.config.AgentConfig;
import vn.kyso.errors.KysoException;
import vn.kyso.token.CertificateEntry;
import vn.kyso.token.DriverReport;
import vn.kyso.token.TokenError;
import vn.kyso.token.TokenFlags;
import vn.kyso.token.TokenInfo;
import vn.kyso.token.TokenManager;
import vn.kyso.token.TokenManagerConfig;

/** {@code kyso tokens}: which drivers loaded, which tokens are plugged in, which certificates they hold. */
final class TokensCommand implements Command {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd")
            .withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

    @Override
    public String name() {
        return "tokens";
    }

    @Override
    public String summary() {
        return "Liệt kê driver, token và chứng thư số / list drivers, tokens and certificates [--json] [--library PATH] [--config FILE] [--lang en]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Options options = Options.parse(args, Set.of("--json"), Set.of("--library", "--lang", "--config"));
        boolean english = "en".equals(options.get("--lang", "vi"));
        List<Path> named = options.all("--library").stream().map(Path::of).toList();
        // --library names exactly what to load; otherwise the configuration's libraries (+ discovery if enabled)
        TokenManagerConfig config;
        if (!named.isEmpty()) {
            config = TokenManagerConfig.of(named);
        } else {
            String file = options.get("--config", null);
            AgentConfig settings = file != null ? AgentConfig.load(Path.of(file), null) : AgentConfig.load();
            config = settings.tokenManagerConfig();
        }
        try (TokenManager manager = TokenManager.open(config)) {
            if (manager.drivers().isEmpty()) {
                throw new KysoException(TokenError.DRIVER_NOT_FOUND);
            }
            if (options.has("--json")) {
                ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                out.println(json.writeValueAsString(TokenInventoryView.of(manager)));
            } else {
                printTable(manager, out, english);
            }
            boolean anyDriver = manager.drivers().stream().anyMatch(DriverReport::loaded);
            return anyDriver ? 0 : 1;
        }
    }

    private static void printTable(TokenManager manager, PrintStream out, boolean en) {
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
                out.println("    • " + commonName(c.subject()) + marks(c, en));
                String organisation = attribute(c.subject(), "O");
                String email = attribute(c.subject(), "E");
                if (organisation != null) {
                    out.println("      " + (en ? "org.:     " : "cơ quan:  ") + organisation);
                }
                if (email != null) {
                    out.println("      e-mail:   " + email);
                }
                out.println("      " + (en ? "issuer:   " : "nơi cấp:  ") + commonName(c.issuer()));
                out.println("      " + (en ? "valid:    " : "hiệu lực: ") + DATE.format(c.notBefore()) + " → "
                        + DATE.format(c.notAfter()) + "   " + c.keyAlgorithm() + "-" + c.keyBits()
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

    /** What the person must know before picking: a CA's certificate, or one outside its validity period. */
    private static String marks(CertificateEntry c, boolean en) {
        List<String> marks = new ArrayList<>();
        if (c.ca()) {
            marks.add(en ? "CA certificate — not for signing" : "chứng thư CA — không dùng để ký");
        }
        switch (c.validity(java.time.Instant.now())) {
            case EXPIRED -> marks.add(en ? "EXPIRED" : "HẾT HẠN");
            case NOT_YET_VALID -> marks.add(en ? "NOT YET VALID" : "CHƯA CÓ HIỆU LỰC");
            default -> { }
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
