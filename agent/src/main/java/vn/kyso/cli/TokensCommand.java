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

import vn.kyso.config.AgentConfig;
import vn.kyso.token.CertificateEntry;
import vn.kyso.token.DriverReport;
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
            config = (settings.discoverDrivers() ? TokenManagerConfig.discovering(settings.tokenLibraries())
                    : TokenManagerConfig.of(settings.tokenLibraries())).withLoginPolicy(settings.loginPolicy());
        }
        try (TokenManager manager = TokenManager.open(config)) {
            if (manager.drivers().isEmpty()) {
                throw new vn.kyso.errors.KysoException(vn.kyso.token.TokenError.DRIVER_NOT_FOUND);
            }
            if (options.has("--json")) {
                ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                out.println(json.writeValueAsString(inventory(manager)));
            } else {
                printTable(manager, out, english);
            }
            boolean anyDriver = manager.drivers().stream().anyMatch(DriverReport::loaded);
            return anyDriver ? 0 : 1;
        }
    }

    static Map<String, Object> inventory(TokenManager manager) {
        Map<String, Object> root = new LinkedHashMap<>();
        List<Map<String, Object>> drivers = new ArrayList<>();
        for (DriverReport d : manager.drivers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", d.path().toString());
            m.put("loaded", d.loaded());
            m.put("state", d.state().name());
            m.put("description", d.description());
            m.put("reason", d.reason());
            drivers.add(m);
        }
        root.put("drivers", drivers);
        List<Map<String, Object>> tokens = new ArrayList<>();
        for (TokenInfo t : manager.tokens()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", t.id());
            m.put("label", t.label());
            m.put("manufacturer", t.manufacturer());
            m.put("model", t.model());
            m.put("serial", t.serial());
            m.put("driver", t.driver().toString());
            m.put("flags", t.flags());
            List<Map<String, Object>> certs = new ArrayList<>();
            for (CertificateEntry c : manager.certificates()) {
                if (c.tokenId().equals(t.id())) {
                    certs.add(certificate(c));
                }
            }
            m.put("certificates", certs);
            tokens.add(m);
        }
        root.put("tokens", tokens);
        return root;
    }

    static Map<String, Object> certificate(CertificateEntry c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("label", c.label());
        m.put("subject", c.subject());
        m.put("issuer", c.issuer());
        m.put("serialNumber", c.serialNumber());
        m.put("notBefore", c.notBefore().toString());
        m.put("notAfter", c.notAfter().toString());
        m.put("keyAlgorithm", c.keyAlgorithm());
        m.put("keyBits", c.keyBits());
        m.put("keyUsage", c.keyUsage());
        m.put("algorithms", c.algorithms());
        m.put("ckaId", c.ckaId());
        m.put("privateKey", c.privateKey());
        return m;
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
                out.println("    • " + commonName(c.subject()));
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

    static String commonName(String dn) {
        try {
            for (javax.naming.ldap.Rdn rdn : new javax.naming.ldap.LdapName(dn).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (javax.naming.InvalidNameException e) {
            return dn;
        }
        return dn;
    }
}
