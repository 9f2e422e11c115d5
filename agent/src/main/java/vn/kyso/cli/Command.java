package vn.kyso.cli;

import java.io.PrintStream;
import java.util.List;

/** One {@code kyso <command>}. Returns the process exit code. */
interface Command {

    String name();

    /** One line for {@code kyso help}, Vietnamese then English. */
    String summary();

    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
