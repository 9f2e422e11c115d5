package vn.kyso.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import vn.kyso.testpki.SoftHsmFixture;
import vn.kyso.testpki.TestEnvironment;

/**
 * The agent as installed ({@code /opt/kyso}, or {@code -Dkyso.bench.image}): its launcher, its runtime, and the class
 * path and JVM options its launcher configuration ({@code lib/app/kyso.cfg}) gives — and cold starts of it, each
 * with a private home and the SoftHSM2 library with one token (An's key and certificate), measured to the first answered
 * {@code /v1/health}.
 *
 * <p>{@code scripts/bench.sh} builds the image and, because JDK 17 accepts a class-data archive only at the path it
 * was made for, shows it at {@code /opt/kyso} in a private mount namespace.
 */
final class InstalledAgent {

    /** The launcher options before issue 17 (packaging/build.sh at the time): the baseline of the same run. */
    static final List<String> FORMER_OPTIONS = List.of("-Dfile.encoding=UTF-8", "-XX:+UseSerialGC", "-Xms16m",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30");
    static final String ORIGIN = "https://qlvb.ninhbinh.gov.vn";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final Path home;
    final List<String> classPath = new ArrayList<>();
    final List<String> javaOptions = new ArrayList<>();

    private InstalledAgent(Path home) throws IOException {
        this.home = home;
        Path app = home.resolve("lib/app");
        for (String line : Files.readAllLines(app.resolve("kyso.cfg"), StandardCharsets.UTF_8)) {
            String value = line.substring(line.indexOf('=') + 1).replace("$APPDIR", app.toString());
            if (line.startsWith("app.classpath=")) {
                classPath.add(value);
            } else if (line.startsWith("java-options=")) {
                javaOptions.add(value);
            }
        }
    }

    /** What a benchmark of the installed agent works with: the test PKI, the agent, a work directory under
     * target/, the configuration and the one-token SoftHSM2 configuration. */
    record Bench(TestEnvironment env, InstalledAgent installed, Path dir, Path config, Path oneToken) {
        static Bench in(String name) throws IOException {
            TestEnvironment env = TestEnvironment.shared();
            InstalledAgent installed = located();
            Path dir = Files.createDirectories(Path.of("target", name));
            return new Bench(env, installed, dir, InstalledAgent.config(dir, env), InstalledAgent.oneToken(dir, env));
        }
    }

    static InstalledAgent located() throws IOException {
        Path home = Path.of(System.getProperty("kyso.bench.image", "/opt/kyso"));
        if (!Files.isExecutable(home.resolve("bin/kyso"))) {
            throw new AssertionError("no installed agent at " + home + ": run scripts/bench.sh startup|first-sign "
                    + "(it builds the image and shows it at /opt/kyso)");
        }
        return new InstalledAgent(home);
    }

    boolean hasClassDataArchive() {
        return javaOptions.stream().anyMatch(o -> o.startsWith("-XX:SharedArchiveFile="))
                && Files.isRegularFile(home.resolve("lib/app/kyso.jsa"));
    }

    Path java() {
        return home.resolve("lib/runtime/bin/java");
    }

    /** The installed launcher: {@code bin/kyso serve}. */
    List<String> launcher(Path config, int port) {
        return List.of(home.resolve("bin/kyso").toString(), "serve", "--config", config.toString(), "--port",
                String.valueOf(port));
    }

    /** The bundled runtime with {@code options}, the installed class path (plus {@code extra}) and a main class. */
    List<String> runtime(List<String> options, String extra, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(java().toString());
        command.addAll(options);
        command.add("-cp");
        command.add(String.join(":", classPath) + (extra == null ? "" : ":" + extra));
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    /** A configuration as IT provisions it: the SoftHSM2 library of the test tokens, the test PKI's root and TSA. */
    static Path config(Path dir, TestEnvironment env) throws IOException {
        Path trust = Files.createDirectories(dir.resolve("trust"));
        Files.writeString(trust.resolve("test-root.pem"), pem(env), StandardCharsets.US_ASCII);
        Path file = dir.resolve("agent.properties");
        Files.writeString(file, "token.libraries=" + env.softHsm().library() + "\ntoken.discover=false\n"
                + "origins.allowed=" + ORIGIN + "\ntsa.url=" + env.services().urls().tsa() + "\ntrust.directory="
                + trust + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private static String pem(TestEnvironment env) {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes())
                    .encodeToString(env.pki().root().getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A SoftHSM2 configuration holding one token — An's, copied from the test environment's tokens — as on a desk with
     * one USB token plugged in.
     */
    static Path oneToken(Path dir, TestEnvironment env) throws IOException {
        Path tokens = Files.createDirectories(dir.resolve("softhsm-one-token/tokens"));
        byte[] label = SoftHsmFixture.PERSONAL_TOKEN.label().getBytes(StandardCharsets.UTF_8);
        try (var all = Files.list(env.softHsm().directory().resolve("tokens"))) {
            for (Path token : all.toList()) {
                Path object = token.resolve("token.object");
                if (Files.isRegularFile(object) && contains(Files.readAllBytes(object), label)) {
                    copy(token, tokens.resolve(token.getFileName().toString()));
                }
            }
        }
        Path conf = tokens.resolveSibling("softhsm2.conf");
        Files.writeString(conf, "directories.tokendir = " + tokens.toAbsolutePath() + "\nobjectstore.backend = file\n"
                + "log.level = ERROR\nslots.removable = false\n", StandardCharsets.UTF_8);
        return conf;
    }

    private static boolean contains(byte[] data, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= data.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** One started agent process. */
    static final class Started implements AutoCloseable {
        final Process process;
        final int port;
        final long startNanos;
        long healthNanos;
        long cpuAtHealthMillis;

        private Started(Process process, int port, long startNanos) {
            this.process = process;
            this.port = port;
            this.startNanos = startNanos;
        }

        /**
         * Starts {@code command} with a fresh home under {@code dir}, the SoftHSM2 configuration {@code softHsm},
         * without a display, output to a log file.
         */
        static Started start(List<String> command, Path dir, int port, Path softHsm) throws IOException {
            Path home = Files.createDirectories(dir.toAbsolutePath().resolve("home-" + System.nanoTime()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(home.resolve("serve.log").toFile());
            Map<String, String> env = builder.environment();
            env.put("HOME", home.toString());
            env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
            env.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
            env.put("XDG_STATE_HOME", home.resolve(".local/state").toString());
            // -Dkyso.bench.agentOptions: JVM options for the agents measured, e.g. a flight recording to profile with
            env.put("JAVA_TOOL_OPTIONS", ("-Duser.home=" + home + " " + System.getProperty("kyso.bench.agentOptions",
                    "")).strip());
            env.put("SOFTHSM2_CONF", softHsm.toAbsolutePath().toString());
            env.remove("DISPLAY");
            long t0 = System.nanoTime();
            return new Started(builder.start(), port, t0);
        }

        /** Polls {@code /v1/health} every 5 ms; records the time and the process's CPU time at the first answer. */
        Started awaitHealth() throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/health"))
                    .timeout(Duration.ofSeconds(5)).build();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                try {
                    if (HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                        healthNanos = System.nanoTime();
                        cpuAtHealthMillis = cpuMillis();
                        return this;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                if (!process.isAlive()) {
                    throw new AssertionError("the agent stopped before answering (exit " + process.exitValue() + ")");
                }
                Thread.sleep(5);
            }
            throw new AssertionError("no /v1/health answer within 120 s");
        }

        long cpuMillis() {
            return process.toHandle().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
        }

        /**
         * CPU time (user + system, ms) of the agent's threads by kind — the thread's name without its numbers (C2
         * compiler threads, GC, request threads, …) — from {@code /proc}: where a cold agent's CPU goes.
         */
        Map<String, Long> threadCpuMillis() {
            Map<String, Long> byKind = new java.util.TreeMap<>();
            long tick = 10; // USER_HZ is 100 on Linux
            try (var tasks = Files.list(Path.of("/proc", String.valueOf(process.pid()), "task"))) {
                for (Path task : tasks.toList()) {
                    String stat;
                    try {
                        stat = Files.readString(task.resolve("stat"));
                    } catch (IOException ended) {
                        continue;
                    }
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * tick;
                    byKind.merge(name.replaceAll("[0-9]+", "#").strip(), cpu, Long::sum);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return byKind;
        }

        double healthMillis() {
            return (healthNanos - startNanos) / 1e6;
        }

        /** Resident set size (VmRSS) in MiB. */
        double rssMiB() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new AssertionError("no VmRSS for " + process.pid());
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
