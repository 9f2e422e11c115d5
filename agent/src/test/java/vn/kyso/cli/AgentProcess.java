package vn.kyso.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code kyso serve} as its own process, as a user would run it, with a private home (configuration, secret,
 * paired origins, audit log under {@code home}) so the machine's real files are never touched.
 */
public final class AgentProcess implements AutoCloseable {

    final Path home;
    public final int port;
    private final Process process;
    private final List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private AgentProcess(Path home, int port, Process process) {
        this.home = home;
        this.port = port;
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    output.add(line);
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "kyso-serve-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the agent with {@code config} as its configuration; {@code display} null runs it without one. */
    public static AgentProcess start(Path home, String config, String display, String... options) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path file = home.resolve("agent.properties");
        Files.createDirectories(home);
        Files.writeString(file, config, StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Duser.home=" + home, "-Dfile.encoding=UTF-8", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "serve", "--config", file.toString(),
                "--port", String.valueOf(port)));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
        if (display == null) {
            env.remove("DISPLAY");
        } else {
            env.put("DISPLAY", display);
        }
        AgentProcess agent = new AgentProcess(home, port, builder.start());
        agent.awaitLine("Ghép trang web / pairing:", 60);
        return agent;
    }

    /** Waits for a line starting with {@code prefix}; fails with everything printed so far. */
    String awaitLine(String prefix, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
            if (line == null && !process.isAlive()) {
                break;
            }
        }
        throw new AssertionError("kyso serve never printed \"" + prefix + "\":\n" + String.join("\n", output));
    }

    /** The agent's process id, for reading its resident memory and threads from /proc. */
    public long pid() {
        return process.pid();
    }

    String output() {
        return String.join("\n", output);
    }

    Path pairedOrigins() {
        return home.resolve(".config/kyso/paired-origins.json");
    }

    Path auditFile() {
        return home.resolve(".local/share/kyso/audit.jsonl");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
