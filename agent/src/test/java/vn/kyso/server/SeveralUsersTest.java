package vn.kyso.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.cli.Main;
import vn.kyso.errors.KysoException;

/**
 * Two real OS users on one Linux machine, each with their own agent: the other user's {@code kyso serve} (run with
 * {@code runuser} from a world-readable copy of the agent's classes) holds the configured port, so this user's agent
 * takes the next port of the range; each user's programs reach only their own agent, the other answers 403
 * PEER_USER_MISMATCH. A port held by anything else (or by this user's own agent) stays PORT_IN_USE.
 */
class SeveralUsersTest {

    private static final String APP = "https://qlvb.ninhbinh.gov.vn";
    /** Holds the other user's readable copy of the agent; this user's secret lives in its own private sub-folder. */
    @TempDir
    Path dir;

    @Test
    void theNextPortOfTheRangeWhenAnotherUsersAgentHoldsTheConfiguredOne() throws Exception {
        OtherOsUser.requireRootOrSkip();
        OtherOsUser.ensure();
        int port = freeRange(3);
        Process other = startAgentAs(OtherOsUser.NAME, port);
        try {
            try (AgentHarness mine = agent(port)) {
                System.out.printf("%s's agent on %d; this user's agent took %d%n", OtherOsUser.NAME, port,
                        mine.port());
                assertEquals(port + 1, mine.port());

                OtherOsUser.Result toOther = OtherOsUser.curl(null, "/v1/health", port, "Origin: " + APP);
                OtherOsUser.Result toMine = OtherOsUser.curl(null, "/v1/health", port + 1, "Origin: " + APP);
                OtherOsUser.Result otherToMine = OtherOsUser.curl(OtherOsUser.NAME, "/v1/health", port + 1,
                        "Origin: " + APP);
                OtherOsUser.Result otherToOwn = OtherOsUser.curl(OtherOsUser.NAME, "/v1/health", port,
                        "Origin: " + APP);
                System.out.printf("root -> %d: %d, root -> %d: %d, %s -> %d: %d, %s -> %d: %d%n", port,
                        toOther.status(), port + 1, toMine.status(), OtherOsUser.NAME, port + 1,
                        otherToMine.status(), OtherOsUser.NAME, port, otherToOwn.status());
                assertEquals(403, toOther.status(), toOther.output());
                assertTrue(toOther.body().contains("PEER_USER_MISMATCH"), toOther.output());
                assertEquals(200, toMine.status(), toMine.output());
                assertEquals(403, otherToMine.status(), otherToMine.output());
                assertTrue(otherToMine.body().contains("PEER_USER_MISMATCH"), otherToMine.output());
                assertEquals(200, otherToOwn.status(), otherToOwn.output());

                // this user's own agent on the port is a real conflict, not a reason to move on
                KysoException own = assertThrows(KysoException.class, () -> agent(port + 1));
                assertEquals("PORT_IN_USE", own.code());
            }
        } finally {
            other.destroy();
            if (!other.waitFor(10, TimeUnit.SECONDS)) {
                other.destroyForcibly();
            }
        }
        try (ServerSocket foreign = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            KysoException e = assertThrows(KysoException.class, () -> agent(foreign.getLocalPort()));
            assertEquals("PORT_IN_USE", e.code(), "another program's port is not skipped");
        }
    }

    /** This user's agent, from {@code port} on. */
    private AgentHarness agent(int port) throws Exception {
        return AgentHarness.in(dir).port(port).origins(APP).secretFile(dir.resolve("mine/secret"))
                .methods(parts -> Map.of()).start();
    }

    /** {@code kyso serve} as {@code user}, from a copy of the agent's classes that user can read. */
    private Process startAgentAs(String user, int port) throws Exception {
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Path classes = shared.resolve("classes");
        copyTree(Path.of("target/classes"), classes);
        List<String> classpath = new ArrayList<>(List.of(classes.toString()));
        for (String jar : Files.readString(Path.of("target/runtime-classpath.txt")).trim().split(":")) {
            Path copy = shared.resolve(classpath.size() + "-" + Path.of(jar).getFileName());
            Files.copy(Path.of(jar), copy, StandardCopyOption.REPLACE_EXISTING);
            classpath.add(copy.toString());
        }
        Path home = Files.createDirectories(shared.resolve("home"));
        Files.writeString(shared.resolve("agent.properties"), "token.discover=false\norigins.allowed=" + APP + "\n");
        OtherOsUser.run(List.of("chmod", "-R", "a+rX", dir.toString()));
        OtherOsUser.run(List.of("chown", "-R", user, home.toString()));
        Process process = new ProcessBuilder("runuser", "-u", user, "--", "env", "-i", "HOME=" + home,
                "PATH=/usr/bin:/bin", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home, "-cp", String.join(":", classpath), Main.class.getName(), "serve",
                "--config", shared.resolve("agent.properties").toString(), "--port", String.valueOf(port), "--no-gui")
                .redirectErrorStream(true).start();
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    seen.add(line);
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith("Ghép trang web / pairing:")) {
                return process;
            }
            if (line == null && !process.isAlive()) {
                break;
            }
        }
        process.destroyForcibly();
        throw new AssertionError(user + "'s agent did not start:\n" + String.join("\n", seen));
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** A port with {@code count} free ports from it on, as free as a test can know. */
    private static int freeRange(int count) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                first = probe.getLocalPort();
            }
            if (first + count >= 65536) {
                continue;
            }
            boolean free = true;
            for (int p = first; p < first + count && free; p++) {
                try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
                    free = true;
                } catch (java.io.IOException e) {
                    free = false;
                }
            }
            if (free) {
                return first;
            }
        }
        throw new AssertionError("no free range of " + count + " ports");
    }
}
