package vn.kyso.token.driver;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one line the probe child prints on stdout. Vendor libraries print whatever they like on stdout too, so the
 * line starts with a marker and the parent ignores everything else. Values are URL-encoded, so a library's
 * description can never break the line apart.
 */
record ProbeLine(ProbeOutcome outcome, String reason, LibraryInfo info, SlotCounts slots) {

    static final String MARKER = "KYSO-DRIVER-PROBE/1";

    static ProbeLine failed(ProbeOutcome outcome, String reason) {
        return new ProbeLine(outcome, reason, null, null);
    }

    String encode() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("outcome", outcome.name());
        fields.put("reason", reason);
        if (info != null) {
            fields.put("description", info.description());
            fields.put("manufacturer", info.manufacturer());
            fields.put("libraryVersion", info.libraryVersion());
            fields.put("cryptokiVersion", info.cryptokiVersion());
        }
        if (slots != null) {
            fields.put("slots", Integer.toString(slots.all()));
            fields.put("slotsWithToken", Integer.toString(slots.withToken()));
        }
        StringBuilder line = new StringBuilder(MARKER);
        fields.forEach((key, value) -> line.append(' ').append(key).append('=')
                .append(URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8)));
        return line.toString();
    }

    /** The last probe line in a child's stdout, if it printed one that parses; vendor text may precede it. */
    static Optional<ProbeLine> find(String stdout) {
        return stdout.lines().filter(l -> l.contains(MARKER + " ")).reduce((first, second) -> second)
                .map(l -> l.substring(l.indexOf(MARKER + " "))).flatMap(ProbeLine::decode);
    }

    private static Optional<ProbeLine> decode(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : line.substring(MARKER.length() + 1).split(" ")) {
            int eq = field.indexOf('=');
            if (eq > 0) {
                fields.put(field.substring(0, eq), URLDecoder.decode(field.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        try {
            ProbeOutcome outcome = ProbeOutcome.valueOf(fields.getOrDefault("outcome", ""));
            LibraryInfo info = fields.containsKey("description")
                    ? new LibraryInfo(fields.get("description"), fields.get("manufacturer"),
                            fields.get("libraryVersion"), fields.get("cryptokiVersion"))
                    : null;
            SlotCounts slots = fields.containsKey("slots")
                    ? new SlotCounts(Integer.parseInt(fields.get("slots")),
                            Integer.parseInt(fields.get("slotsWithToken")))
                    : null;
            return Optional.of(new ProbeLine(outcome, fields.getOrDefault("reason", ""), info, slots));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
