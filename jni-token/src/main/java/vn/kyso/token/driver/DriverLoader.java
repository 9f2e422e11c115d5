package vn.kyso.token.driver;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_CRYPTOKI_ALREADY_INITIALIZED;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;

/**
 * Loads candidate libraries into the agent's process with the PKCS#11 wrapper. A library that fails to load or
 * initialise becomes a {@link DriverStatus}, never an exception. Libraries the catalogue does not know are first
 * probed in a child process ({@link DriverProbe}) and loaded here only if the probe was OK, so an unknown library
 * that crashes cannot take the agent with it.
 */
public final class DriverLoader {

    private static final Logger LOG = LoggerFactory.getLogger(DriverLoader.class);

    private final DriverProbe probe;

    public DriverLoader(DriverProbe probe) {
        this.probe = Objects.requireNonNull(probe, "probe");
    }

    /** Each candidate in order; one failing does not stop the others. */
    public List<DriverStatus> loadAll(List<DriverCandidate> candidates) {
        return candidates.stream().map(this::load).toList();
    }

    public DriverStatus load(DriverCandidate candidate) {
        if (!candidate.unknown()) {
            return loadInProcess(candidate.path(), candidate.realPath(), null);
        }
        ProbeResult verdict = probe.probe(candidate.realPath());
        if (!verdict.ok()) {
            String reason = "probe " + verdict.outcome() + ": " + verdict.reason();
            LOG.warn("token library {} not loaded: {}", candidate.path(), reason);
            return new DriverStatus(candidate.path(), DriverState.SKIPPED_PROBE_FAILED, reason, null, verdict);
        }
        return loadInProcess(candidate.path(), candidate.realPath(), verdict);
    }

    /** Loads the resolved file, so what was probed is what gets loaded even if a symlink is repointed meanwhile. */
    private static DriverStatus loadInProcess(Path path, Path file, ProbeResult verdict) {
        PKCS11Module module;
        try {
            module = PKCS11Module.getInstance(file.toString());
        } catch (IOException | RuntimeException | LinkageError e) {
            return failed(path, "cannot load: " + describe(e), verdict);
        }
        try {
            module.initialize();
        } catch (PKCS11Exception e) {
            // Another part of the agent (or a library sharing this one) initialised it already: it is usable.
            if (e.getErrorCode() != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
                return failed(path, "C_Initialize: " + e.getErrorName(), verdict);
            }
        } catch (RuntimeException e) {
            return failed(path, "C_Initialize: " + describe(e), verdict);
        }
        LOG.info("token library {} loaded", path);
        USERS.acquire(module, file.toString());
        return new DriverStatus(path, DriverState.LOADED, "", module, verdict);
    }

    /**
     * Called by whoever loaded {@code module} when done with it: true when it was the last user in this process, so
     * the library may be finalised. C_Initialize and C_Finalize are per process, not per caller: finalising a library
     * another token manager of the same process still uses invalidates that one's sessions and handles.
     */
    public static boolean release(PKCS11Module module) {
        return USERS.release(module);
    }

    /** How many loaders in this process hold each library file (a module object per load, one count per file). */
    private static final class Users {
        private final Map<String, Integer> byFile = new HashMap<>();
        private final Map<PKCS11Module, String> fileOf = new IdentityHashMap<>();

        synchronized void acquire(PKCS11Module module, String file) {
            fileOf.put(module, file);
            byFile.merge(file, 1, Integer::sum);
        }

        synchronized boolean release(PKCS11Module module) {
            String file = fileOf.remove(module);
            if (file == null) {
                return true;
            }
            int left = byFile.merge(file, -1, Integer::sum);
            if (left <= 0) {
                byFile.remove(file);
                return true;
            }
            return false;
        }
    }

    private static final Users USERS = new Users();

    private static DriverStatus failed(Path path, String reason, ProbeResult verdict) {
        LOG.warn("token library {} not loaded: {}", path, reason);
        return new DriverStatus(path, DriverState.FAILED, reason, null, verdict);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message.trim());
    }
}
