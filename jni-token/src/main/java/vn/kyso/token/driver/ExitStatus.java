package vn.kyso.token.driver;

import java.util.Map;

/** Turns a dead child's exit code into words: on Unix Java reports death by signal N as 128 + N. */
final class ExitStatus {

    private static final Map<Integer, String> SIGNALS = Map.of(
            4, "SIGILL", 6, "SIGABRT", 7, "SIGBUS", 8, "SIGFPE", 9, "SIGKILL", 11, "SIGSEGV", 15, "SIGTERM");

    private static final Map<Long, String> WINDOWS_EXCEPTIONS = Map.of(
            0xC0000005L, "access violation",
            0xC000001DL, "illegal instruction",
            0xC00000FDL, "stack overflow",
            0xC0000409L, "fail-fast / stack buffer overrun",
            0xC0000135L, "a DLL it needs was not found");

    private ExitStatus() {
    }

    static String describe(int exitCode, Os os) {
        if (os == Os.WINDOWS) {
            long code = Integer.toUnsignedLong(exitCode);
            String exception = WINDOWS_EXCEPTIONS.get(code);
            if (exception != null) {
                return String.format("exit code 0x%08X (%s)", code, exception);
            }
            if (exitCode == 3) {
                return "exit code 3 (abort() in the C runtime)";
            }
            return "exit code " + exitCode;
        }
        if (exitCode > 128 && exitCode < 128 + 65) {
            int signal = exitCode - 128;
            String name = SIGNALS.get(signal);
            return "exit code " + exitCode + " (killed by signal " + signal + (name == null ? "" : " " + name) + ")";
        }
        return "exit code " + exitCode;
    }
}
