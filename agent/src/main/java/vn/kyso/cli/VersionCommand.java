package vn.kyso.cli;

import java.io.PrintStream;
import java.util.List;

final class VersionCommand implements Command {

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String name() {
        return "version";
    }

    @Override
    public String summary() {
        return "In phiên bản / print the version";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        out.println("kyso " + version() + " (Java " + System.getProperty("java.version") + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")");
        return 0;
    }
}
