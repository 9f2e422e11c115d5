package vn.kyso.token.driver;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_CRYPTOKI_ALREADY_INITIALIZED;

import java.io.IOException;

import org.xipki.pkcs11.wrapper.ModuleInfo;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.TokenException;
import org.xipki.pkcs11.wrapper.Version;


/**
 * Runs in a throw-away JVM started by {@link DriverProbe}: loads one library, C_Initialize, C_GetInfo,
 * C_GetSlotList (all, then with token), C_Finalize, and prints one {@link ProbeLine}. If the library crashes or hangs,
 * only this process goes down.
 */
public final class DriverProbeMain {

    private DriverProbeMain() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: DriverProbeMain <pkcs11-library>");
            System.exit(2);
        }
        quietWrapperLog();
        ProbeLine line = probe(args[0]);
        // A newline first: a vendor library may have left half a line on stdout.
        System.out.println();
        System.out.println(line.encode());
        System.out.flush();
        System.exit(0);
    }

    static ProbeLine probe(String library) {
        PKCS11Module module;
        try {
            module = PKCS11Module.getInstance(library);
        } catch (IOException | RuntimeException | LinkageError e) {
            return ProbeLine.failed(ProbeOutcome.LOAD_FAILED, describe(e));
        }
        try {
            module.initialize();
        } catch (PKCS11Exception e) {
            if (e.getErrorCode() != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
                return ProbeLine.failed(ProbeOutcome.INIT_FAILED, "C_Initialize: " + e.getErrorName());
            }
        } catch (RuntimeException e) {
            return ProbeLine.failed(ProbeOutcome.INIT_FAILED, "C_Initialize: " + describe(e));
        }
        try {
            ModuleInfo info = module.getInfo();
            int all = module.getSlotList(false).length;
            int withToken = module.getSlotList(true).length;
            return new ProbeLine(ProbeOutcome.OK, "", new LibraryInfo(info.getLibraryDescription().trim(),
                    info.getManufacturerID().trim(), version(info.getLibraryVersion()),
                    version(info.getCryptokiVersion())), new SlotCounts(all, withToken));
        } catch (TokenException | RuntimeException e) {
            String reason = e instanceof PKCS11Exception p ? p.getErrorName() : describe(e);
            return ProbeLine.failed(ProbeOutcome.INIT_FAILED, "C_GetInfo/C_GetSlotList: " + reason);
        } finally {
            finalizeQuietly(module);
        }
    }

    private static void finalizeQuietly(PKCS11Module module) {
        try {
            module.finalize(null);
        } catch (PKCS11Exception | RuntimeException e) {
            // The process exits next; a library that cannot finalise cleanly has still answered.
        }
    }

    private static String version(Version version) {
        return version == null ? "" : (version.getMajor() & 0xFF) + "." + (version.getMinor() & 0xFF);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message.trim());
    }

    /** The wrapper prints to stdout unless told otherwise; keep stdout for the probe line, warnings to stderr. */
    private static void quietWrapperLog() {
        // the wrapper's info/debug lines carry handles; keep warn/error only, on stderr (slf4j-simple)
        WrapperLogging.install();
    }
}
