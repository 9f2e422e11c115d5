package vn.kyso.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole chain in a real browser: headless Chromium (playwright-core, js-client/test/browser/*.browser.mjs) opens
 * the demo document system, which signs through js-client and the real agent ({@link BrowserHarness}). Every test of
 * the browser scripts is reported here as one test, from node's TAP report.
 */
class BrowserTest {

    private static final Pattern TAP_RESULT = Pattern.compile("^( *)(not )?ok \\d+ - (.*?)(?: # (SKIP|TODO).*)?$");

    @TempDir
    Path work;

    @TestFactory
    Stream<DynamicTest> browserTests() throws Exception {
        Path repository = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
        Path jsClient = repository.resolve("js-client");
        Path chromium = Path.of(System.getProperty("kyso.test.chromium", "/usr/bin/chromium"));
        boolean ready = Files.isExecutable(chromium) && Files.isDirectory(jsClient.resolve("node_modules/playwright-core"))
                && onPath("node");
        if (!ready) {
            String why = "browser tests need " + chromium + ", node and js-client/node_modules (scripts/bootstrap.sh)";
            // CI installs all of them: there a missing browser is a failure, never a silent skip.
            assertTrue(!"true".equals(System.getenv("CI")), why);
            Assumptions.abort(why);
        }

        try (BrowserHarness harness = new BrowserHarness(repository, work, chromium)) {
            Stream<DynamicTest> browser = run(jsClient, harness.environment());
            return Stream.of(browser, LegacyUploadChecks.of(harness.legacy(), harness.legacyForeign()).stream(),
                    LegacyInvoiceChecks.of(harness.legacy(), work).stream(),
                    LegacyFileChecks.of(harness.legacy()).stream()).flatMap(s -> s);
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** Runs node's test runner over the browser scripts; one dynamic test per script test, from the TAP report. */
    private Stream<DynamicTest> run(Path jsClient, Map<String, String> environment) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "--test", "--test-concurrency=1", "--test-timeout=300000",
                "--test-reporter=spec", "--test-reporter-destination=stdout",
                "--test-reporter=tap", "--test-reporter-destination=" + work.resolve("browser.tap")));
        try (Stream<Path> files = Files.list(jsClient.resolve("test/browser"))) {
            files.map(Path::toString).filter(f -> f.endsWith(".browser.mjs")).sorted().forEach(command::add);
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(jsClient.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process node = builder.start();
        byte[] output = node.getInputStream().readAllBytes();
        assertTrue(node.waitFor(10, TimeUnit.MINUTES), "browser tests did not finish");
        System.out.println(new String(output, StandardCharsets.UTF_8));
        List<String> tap = Files.readAllLines(work.resolve("browser.tap"));
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < tap.size(); i++) {
            Matcher m = TAP_RESULT.matcher(tap.get(i));
            // A file-level line only sums up the tests of one script (node prints it when a file fails as a whole).
            if (!m.matches() || m.group(3).endsWith(".browser.mjs")) {
                continue;
            }
            boolean failed = m.group(2) != null;
            boolean skipped = "SKIP".equals(m.group(4));
            String name = m.group(3);
            StringBuilder diagnostics = new StringBuilder();
            for (int j = i + 1; j < tap.size() && !TAP_RESULT.matcher(tap.get(j)).matches()
                    && !tap.get(j).trim().startsWith("# Subtest"); j++) {
                diagnostics.append(tap.get(j)).append('\n');
            }
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Assumptions.assumeFalse(skipped, name + " skipped: " + diagnostics);
                assertTrue(!failed, name + " failed:\n" + diagnostics);
            }));
        }
        int exit = node.exitValue();
        tests.add(DynamicTest.dynamicTest("node test runner exit code", () -> assertEquals(0, exit,
                "node --test exited with " + exit)));
        assertTrue(tests.size() > 1, "no browser test ran:\n" + String.join("\n", tap));
        return tests.stream();
    }
}
