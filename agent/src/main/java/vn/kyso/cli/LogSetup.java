package vn.kyso.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import vn.kyso.config.ConfigLocations;

/**
 * Keeps the terminal for what the person needs. Library and server log lines — the PKCS#11 driver loading, Jetty's
 * start lines, Javalin's version notice, the agent's own INFO lines — go to the agent's log file next to the user
 * configuration ({@code ~/.config/kyso/agent.log}, {@code %APPDATA%\Kyso\agent.log}); {@code --verbose}, anywhere on
 * the command line, brings them back to the terminal. Must run before the first logger is created, since
 * slf4j-simple reads its settings once.
 */
public final class LogSetup {

    public static final String VERBOSE = "--verbose";
    public static final String FILE_NAME = "agent.log";
    /** The log is started afresh (the previous one kept as agent.log.1) once it passes this size. */
    static final long MAX_BYTES = 5L * 1024 * 1024;

    private static final String PREFIX = "org.slf4j.simpleLogger.";
    /** slf4j's setting (2.0.9 and later) naming its binding. */
    static final String PROVIDER = "slf4j.provider";
    /** slf4j's setting (2.0.10 and later) for the level of its own messages on standard error. */
    static final String REPORT_LEVEL = "slf4j.internal.verbosity";
    /** slf4j-simple's name for standard error. */
    private static final String TERMINAL = "System.err";

    private LogSetup() {
    }

    /** Configures logging and returns the arguments without {@value #VERBOSE}. */
    public static String[] apply(String[] args) {
        List<String> rest = new ArrayList<>();
        boolean verbose = false;
        for (String arg : args) {
            if (VERBOSE.equals(arg)) {
                verbose = true;
            } else {
                rest.add(arg);
            }
        }
        if (System.getProperty(PREFIX + "logFile") == null) { // an administrator's -D setting wins
            System.setProperty(PREFIX + "logFile", verbose ? TERMINAL : logTarget());
        }
        if (System.getProperty(PROVIDER) == null) {
            // named, so slf4j does not open every jar of the class path looking for a binding (≈50 ms of each start);
            // slf4j then says which binding it took, a line for the log file, not the terminal: its own messages are
            // shown from warnings up
            System.setProperty(PROVIDER, "org.slf4j.simple.SimpleServiceProvider");
            if (System.getProperty(REPORT_LEVEL) == null) {
                System.setProperty(REPORT_LEVEL, "WARN");
            }
        }
        System.setProperty(PREFIX + "showDateTime", "true");
        System.setProperty(PREFIX + "dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        return rest.toArray(String[]::new);
    }

    /** The agent's log file, rotated when large; the terminal (stderr) when the folder cannot be written. */
    static String logTarget() {
        Path file = ConfigLocations.forCurrentSystem().user().resolveSibling(FILE_NAME);
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file) && Files.size(file) > MAX_BYTES) {
                Files.move(file, file.resolveSibling(FILE_NAME + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
            return Files.isWritable(file) ? file.toString() : TERMINAL;
        } catch (IOException e) {
            return TERMINAL;
        }
    }
}
