package vn.kyso.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One {@code kyso} command run in-process, as a terminal would run it: its exit code and what it printed. */
record CommandRun(int exit, String out, String err) {

    static CommandRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CommandRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The checks of {@code kyso doctor --json} by id. */
    Map<String, JsonNode> checks() throws Exception {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        new ObjectMapper().readTree(out).get("checks").forEach(c -> byId.put(c.get("id").asText(), c));
        return byId;
    }
}
