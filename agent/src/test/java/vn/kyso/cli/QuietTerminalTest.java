package vn.kyso.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.testpki.TestEnvironment;

/**
 * `kyso tokens` as a person runs it, in its own JVM (logging is set up once per process): the terminal shows the
 * drivers, tokens and certificates and nothing from libraries; their lines are in the agent's log file, and
 * `--verbose` brings them back to the terminal.
 */
class QuietTerminalTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run kyso(Path home, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfile.encoding=UTF-8", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("HOME", home.toString());
        builder.environment().put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        builder.environment().put("SOFTHSM2_CONF", TestEnvironment.shared().softHsm().confFile().toString());
        Path out = home.resolve("out.txt");
        Path err = home.resolve("err.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kyso did not finish");
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void libraryLinesGoToTheLogFileAndVerboseBringsThemBack(@TempDir Path home) throws Exception {
        String library = TestEnvironment.shared().softHsm().library().toString();
        Run quiet = kyso(home, "tokens", "--library", library);
        assertEquals(0, quiet.exit(), quiet.err());
        assertTrue(quiet.out().contains("Token đang cắm"), quiet.out());
        assertEquals("", quiet.err(), "nothing but the answer on the terminal");
        assertFalse(quiet.out().contains("INFO"), quiet.out());
        Path log = home.resolve(".config").resolve("kyso").resolve(LogSetup.FILE_NAME);
        assertTrue(Files.readString(log).contains("DriverLoader"), "the driver's line is in the log file");

        Run verbose = kyso(home, "tokens", "--verbose", "--library", library);
        assertEquals(0, verbose.exit(), verbose.err());
        assertTrue(verbose.err().contains("DriverLoader"), verbose.err());
        assertTrue(verbose.out().contains("Token đang cắm"), verbose.out());
    }
}
