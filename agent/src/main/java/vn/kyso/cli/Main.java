package vn.kyso.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import vn.kyso.errors.KysoException;

/** {@code kyso <command> [options]}: the product's command line. */
public final class Main {

    private Main() {
    }

    static Map<String, Command> commands() {
        Map<String, Command> commands = new LinkedHashMap<>();
        for (Command c : List.of(new TokensCommand(), new SignCommand(), new VerifyCommand(), new ServeCommand(),
                new OriginsCommand(), new DoctorCommand(), new AuditCommand(),
                new VersionCommand())) {
            commands.put(c.name(), c);
        }
        return commands;
    }

    public static void main(String[] args) {
        args = LogSetup.apply(args);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, Command> commands = commands();
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            usage(out, commands);
            return args.length == 0 ? 2 : 0;
        }
        Command command = commands.get(args[0]);
        if (command == null) {
            err.println("Lệnh không tồn tại / unknown command: " + args[0]);
            usage(err, commands);
            return 2;
        }
        try {
            return command.run(Arrays.asList(args).subList(1, args.length), out, err);
        } catch (UsageException e) {
            err.println(e.getMessage());
            return 2;
        } catch (KysoException e) {
            err.println("[" + e.code() + "] " + e.messageVi());
            err.println("[" + e.code() + "] " + e.messageEn());
            return 1;
        } catch (Exception e) {
            err.println("Lỗi / error: " + e);
            return 1;
        }
    }

    private static void usage(PrintStream out, Map<String, Command> commands) {
        out.println("Kyso Agent " + VersionCommand.version() + " — ký số văn bản bằng token USB / signing with USB tokens");
        out.println();
        out.println("Cách dùng / usage: kyso <lệnh|command> [tùy chọn|options]");
        for (Command c : commands.values()) {
            out.printf("  %-10s %s%n", c.name(), c.summary());
        }
        out.println();
        out.println("  " + LogSetup.VERBOSE + "  nhật ký thư viện và máy chủ hiện trên màn hình thay vì tệp " + LogSetup.FILE_NAME
                + " / library and server logs on the terminal instead of " + LogSetup.FILE_NAME);
    }

    /** Bad command-line usage: exit code 2 with the message. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
