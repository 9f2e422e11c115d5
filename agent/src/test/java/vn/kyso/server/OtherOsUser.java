package vn.kyso.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A second OS account on this machine for the tests of other users (CI runs as root and creates it with
 * {@code useradd}, as the package test does), and commands run as it.
 */
public final class OtherOsUser {

    public static final String NAME = "kysopeer";

    private OtherOsUser() {
    }

    /** Creating an account needs root: CI runs as root, so there it must run; elsewhere it is skipped, saying why. */
    public static void requireRootOrSkip() throws IOException {
        boolean root = ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        if (!root) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI must run the other-OS-user tests as root (useradd)");
            }
            Assumptions.abort("not root: cannot create a second OS user with useradd; run as root (CI does)");
        }
    }

    /** A system account without home or login shell; kept for later runs (creating it again is a no-op). */
    public static void ensure() throws Exception {
        String name = NAME;
        if (run(List.of("id", "-u", name)).exit() == 0) {
            return;
        }
        Result made = run(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name));
        // 9: made meanwhile by a parallel run
        assertTrue(made.exit() == 0 || made.exit() == 9, "useradd " + name + ": " + made.output());
    }

    public record Result(int exit, String output) {
        /** curl's last line is the status written by {@code -w}. */
        public int status() {
            String[] lines = output.strip().split("\n");
            return Integer.parseInt(lines[lines.length - 1].trim());
        }

        public String body() {
            int cut = output.strip().lastIndexOf('\n');
            return cut < 0 ? "" : output.substring(0, cut);
        }
    }

    public static Result run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean ended = process.waitFor(30, TimeUnit.SECONDS);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) {
            process.destroyForcibly();
            throw new AssertionError("did not end: " + command + "\n" + out);
        }
        return new Result(process.exitValue(), out);
    }

    /** curl as {@code user} (null: as the agent's own user), printing the body and then the HTTP status. */
    public static Result curl(String user, String path, int port, String... headers) throws Exception {
        List<String> command = new ArrayList<>();
        if (user != null) {
            command.addAll(List.of("runuser", "-u", user, "--"));
        }
        command.addAll(List.of("curl", "-s", "--max-time", "5", "-w", "\n%{http_code}"));
        for (String header : headers) {
            command.addAll(List.of("-H", header));
        }
        command.add("http://127.0.0.1:" + port + path);
        return run(command);
    }
}
