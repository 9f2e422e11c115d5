package vn.kyso.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;


/**
 * Cold start and idle memory of the installed agent ({@link InstalledAgent}: its launcher, runtime, JVM options and
 * class-data archive) with a PKCS#11 library loaded (SoftHSM2, one token: An's key and certificate): time from process start to
 * the first answered {@code /v1/health} — wall time and the agent's CPU time, which a loaded machine inflates much
 * less — median of 5, interleaved with the baseline of the same run: the same runtime and jars started with the
 * launcher options from before issue 17 (no application archive). Then both idle side by side for 60 s
 * ({@code -Dkyso.bench.idleSeconds}) and their resident set is read.
 *
 * <p>Targets: first health answer &lt; 800 ms (stretch 500 ms); resident set &lt; 64 MB after 60 s idle.
 * Run: {@code scripts/bench.sh startup}.
 */
@Tag("benchmark")
class StartupBenchmark {

    private static final int RUNS = Integer.getInteger("kyso.bench.startRuns", 5);
    private static final int IDLE_SECONDS = Integer.getInteger("kyso.bench.idleSeconds", 60);

    @Test
    void installedAgentColdStartAndIdleMemory() throws Exception {
        InstalledAgent.Bench bench = InstalledAgent.Bench.in("bench-startup");
        InstalledAgent installed = bench.installed();
        Path dir = bench.dir();
        Path config = bench.config();
        Path oneToken = bench.oneToken();
        List<Variant> variants = List.of(
                new Variant("installed launcher", port -> installed.launcher(config, port)),
                new Variant("baseline: former options", port -> installed.runtime(InstalledAgent.FORMER_OPTIONS,
                        null, "vn.kyso.cli.Main", "serve", "--config", config.toString(), "--port",
                        String.valueOf(port))));
        // one unmeasured start each: the files are in the page cache for every measured run, as after a login
        for (Variant v : variants) {
            try (InstalledAgent.Started s = v.start(dir, oneToken)) {
                s.awaitHealth();
            }
        }
        for (int r = 0; r < RUNS; r++) {
            for (int i = 0; i < variants.size(); i++) {
                Variant v = variants.get((r % 2 == 0) ? i : variants.size() - 1 - i);
                try (InstalledAgent.Started s = v.start(dir, oneToken)) {
                    s.awaitHealth();
                    v.wall.add(s.healthMillis());
                    v.cpu.add((double) s.cpuAtHealthMillis);
                }
            }
        }
        List<InstalledAgent.Started> idle = new ArrayList<>();
        try {
            for (Variant v : variants) {
                idle.add(v.start(dir, oneToken).awaitHealth());
            }
            Thread.sleep(IDLE_SECONDS * 1000L);
            for (int i = 0; i < variants.size(); i++) {
                variants.get(i).rss = idle.get(i).rssMiB();
            }
        } finally {
            for (InstalledAgent.Started s : idle) {
                s.close();
            }
        }

        Variant ours = variants.get(0);
        Variant base = variants.get(1);
        System.out.printf("%n== Startup benchmark: installed agent at %s (class-data archive: %s), SoftHSM2 library "
                + "loaded, one token present, no display; %d interleaved cold starts each; load average %s on %d "
                + "cores ==%n", installed.home, installed.hasClassDataArchive() ? "yes" : "NO",
                RUNS, loadAverage(), Runtime.getRuntime().availableProcessors());
        System.out.println("launcher JVM options: " + String.join(" ", installed.javaOptions));
        System.out.println("baseline JVM options: " + String.join(" ", InstalledAgent.FORMER_OPTIONS));
        System.out.printf("%-26s %12s %12s %12s %16s%n", "", "wall median", "wall min", "CPU median",
                "RSS after " + IDLE_SECONDS + " s");
        for (Variant v : variants) {
            System.out.printf("%-26s %9.0f ms %9.0f ms %9.0f ms %13.1f MiB   (wall runs %s)%n", v.name,
                    Stats.median(v.wall), Stats.min(v.wall), Stats.median(v.cpu), v.rss, Stats.list(v.wall));
        }
        System.out.printf("installed / baseline: wall %.2f, CPU %.2f, RSS %.2f%n",
                Stats.median(ours.wall) / Stats.median(base.wall), Stats.median(ours.cpu) / Stats.median(base.cpu),
                ours.rss / base.rss);
        Stats.target("cold start, first /v1/health (median of " + RUNS + ")", Stats.median(ours.wall), "ms", 800,
                Stats.median(base.wall));
        Stats.target("cold start, stretch", Stats.median(ours.wall), "ms", 500, Stats.median(base.wall));
        Stats.target("resident set after " + IDLE_SECONDS + " s idle", ours.rss * 1.048576, "MB", 64,
                base.rss * 1.048576);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    interface Command {
        List<String> at(int port);
    }

    private static final class Variant {
        final String name;
        final Command command;
        final List<Double> wall = new ArrayList<>();
        final List<Double> cpu = new ArrayList<>();
        double rss;

        Variant(String name, Command command) {
            this.name = name;
            this.command = command;
        }

        InstalledAgent.Started start(Path dir, Path softHsm) throws Exception {
            int port = InstalledAgent.freePort();
            return InstalledAgent.Started.start(command.at(port), dir, port, softHsm);
        }
    }
}
