package vn.kyso.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import vn.kyso.config.AgentConfig;
import vn.kyso.config.ConfigLocations;
import vn.kyso.errors.KysoException;
import vn.kyso.pairing.PairedOrigins;
import vn.kyso.pairing.PairingError;
import vn.kyso.request.WebOrigin;

/**
 * {@code kyso origins list|revoke ORIGIN}: the web pages allowed to use the agent — IT's allow-list and the pages
 * this user approved "always" — and withdrawing such an approval (a running agent refuses the page from its next
 * request on).
 */
final class OriginsCommand implements Command {

    private static final String USAGE = "Cách dùng / usage: kyso origins list [--json] | kyso origins revoke ORIGIN"
            + " [--config FILE] [--file PAIRED_ORIGINS_FILE]";

    @Override
    public String name() {
        return "origins";
    }

    @Override
    public String summary() {
        return "Trang web được phép / allowed web pages: origins list [--json] | origins revoke ORIGIN";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Options options = Options.parse(args, Set.of("--json"), Set.of("--config", "--file"));
        List<String> words = options.positional();
        String file = options.get("--file", null);
        PairedOrigins paired = new PairedOrigins(file != null ? Path.of(file) : PairedOrigins.defaultFile());
        if (words.size() == 1 && words.get(0).equals("list")) {
            String config = options.get("--config", null);
            ConfigLocations locations = ConfigLocations.forCurrentSystem();
            AgentConfig settings = config != null ? AgentConfig.load(Path.of(config), null)
                    : AgentConfig.load(locations.machine(), locations.user());
            return list(settings, paired, options.has("--json"), out);
        }
        if (words.size() == 2 && words.get(0).equals("revoke")) {
            String origin = words.get(1);
            if (WebOrigin.normalise(origin).isEmpty()) {
                throw new KysoException(PairingError.ORIGIN_INVALID, origin);
            }
            if (!paired.revoke(origin)) {
                throw new KysoException(PairingError.ORIGIN_NOT_PAIRED, Map.of("origin", origin), null, origin);
            }
            out.println("Đã thu hồi / revoked: " + WebOrigin.normalise(origin).get());
            return 0;
        }
        throw new Main.UsageException(USAGE);
    }

    private static int list(AgentConfig settings, PairedOrigins paired, boolean json, PrintStream out)
            throws Exception {
        List<PairedOrigins.Entry> approved = paired.list();
        if (json) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("allowedByIt", settings.allowedOrigins().stream()
                    .map(o -> WebOrigin.normalise(o).orElse(o)).toList());
            view.put("pairing", settings.pairingAllowed());
            view.put("approvedByUser", approved);
            view.put("file", paired.file().toString());
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(view));
            return 0;
        }
        out.println("Do CNTT cấp / allowed by IT (" + settings.allowedOrigins().size() + "):");
        settings.allowedOrigins().forEach(o -> out.println("  " + WebOrigin.normalise(o).orElse(o)));
        out.println("Người dùng đã cho phép / approved by this user (" + approved.size() + ")"
                + (settings.pairingAllowed() ? "" : " — CNTT đã tắt / switched off by IT (origins.pairing=false)")
                + ":");
        approved.forEach(e -> out.println("  " + e.origin() + "   " + e.approved()));
        out.println("Tệp / file: " + paired.file());
        return 0;
    }
}
