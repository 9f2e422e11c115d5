package vn.kyso.token.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/**
 * Handle on the fault-injection PKCS#11 shim ({@code test-support/src/main/c/kyso_fault_shim.c}), a module that forwards every
 * call to SoftHSM2 and injects what SoftHSM2 cannot do: PIN retry counters, token removal, slot events, device
 * errors and slow calls.
 *
 * <p>Load the shim as the PKCS#11 module ({@code PKCS11Module.getInstance(shim.path().toString())}) and steer it
 * through this handle: both load the same {@code .so} in this process, so they share its state. Settings last until
 * changed or {@link #reset()} (C_Finalize keeps them); reset before each test. Function names are the PKCS#11 ones,
 * e.g. {@code "C_Sign"}.
 */
public final class FaultShim {

    /** System property with the path of the shim; the Maven build of jni-token sets it. */
    public static final String PROPERTY = "kyso.test.faultshim";

    /** The C control API (kyso_fault_shim.h). */
    private interface Api extends Library {
        void kyso_shim_reset();

        int kyso_shim_set_target(String path);

        void kyso_shim_set_pin_retries(int max);

        void kyso_shim_set_slot_pin_retries(NativeLong slot, int max);

        int kyso_shim_pin_retries_left(NativeLong slot);

        void kyso_shim_force_token_flags(NativeLong flags);

        void kyso_shim_force_slot_token_flags(NativeLong slot, NativeLong flags);

        int kyso_shim_fail_next(String function, NativeLong rv, int times);

        int kyso_shim_set_delay(String function, int ms);

        NativeLong kyso_shim_call_count(String function);

        void kyso_shim_set_present(NativeLong slot, int present);

        void kyso_shim_set_listed(NativeLong slot, int listed);

        void kyso_shim_set_wait_unsupported(int unsupported);

        void kyso_shim_set_pinpad_pin(String pin);

        void kyso_shim_corrupt_signatures(int times);

        NativeLong kyso_shim_open_sessions();
    }

    private static final int RTLD_LAZY = 1;

    private final Path path;
    private final Api api;

    private FaultShim(Path path) {
        this.path = path;
        // RTLD_LOCAL (no RTLD_GLOBAL): the shim's C_GetFunctionList must not become a global symbol in this JVM.
        this.api = Native.load(path.toString(), Api.class, Map.of(Library.OPTION_OPEN_FLAGS, RTLD_LAZY));
    }

    /**
     * The shim built with this module, extracted once per JVM from the jar (or taken from the system property
     * {@value #PROPERTY} when set).
     */
    public static synchronized FaultShim load() {
        if (loaded == null) {
            loaded = new FaultShim(locate());
        }
        return loaded;
    }

    private static FaultShim loaded;

    private static Path locate() {
        String location = System.getProperty(PROPERTY);
        if (location != null) {
            Path path = Path.of(location).toAbsolutePath();
            if (!Files.isRegularFile(path)) {
                throw new IllegalStateException("fault shim not found: " + path);
            }
            return path;
        }
        try (InputStream in = FaultShim.class.getResourceAsStream("libkysofaultshim.so")) {
            if (in == null) {
                throw new IllegalStateException("fault shim not built into kyso-test-support (needs gcc and libp11-kit-dev)");
            }
            Path dir = Files.createTempDirectory("kyso-fault-shim");
            Path path = dir.resolve("libkysofaultshim.so");
            Files.copy(in, path);
            path.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the fault shim", e);
        }
    }

    /** What to pass to {@code PKCS11Module.getInstance}. */
    public Path path() {
        return path;
    }

    /** Plain pass-through again: no faults, all slots present, counters zeroed, no pending slot events. */
    public void reset() {
        api.kyso_shim_reset();
    }

    /** The real module to wrap instead of SoftHSM2; only before the first C_Initialize. */
    public void target(Path module) {
        if (api.kyso_shim_set_target(module.toString()) != 0) {
            throw new IllegalStateException("the shim has already loaded its target");
        }
    }

    /**
     * Emulates a user-PIN retry counter on every slot: a wrong PIN costs a try, the token then reports
     * CKF_USER_PIN_COUNT_LOW, CKF_USER_PIN_FINAL_TRY with one try left and CKF_USER_PIN_LOCKED with none, when
     * C_Login answers CKR_PIN_LOCKED even for the right PIN. A correct login restores the tries. 0 switches it off.
     */
    public void pinRetries(int max) {
        api.kyso_shim_set_pin_retries(max);
    }

    /** The retry counter for one slot only, overriding {@link #pinRetries(int)}. */
    public void pinRetries(long slotId, int max) {
        api.kyso_shim_set_slot_pin_retries(new NativeLong(slotId), max);
    }

    /** Tries left on the slot, or -1 when its PIN has no emulated counter. */
    public int pinRetriesLeft(long slotId) {
        return api.kyso_shim_pin_retries_left(new NativeLong(slotId));
    }

    /** CKF_* flags ORed into every token's CK_TOKEN_INFO.flags (0 clears). */
    public void forceTokenFlags(long flags) {
        api.kyso_shim_force_token_flags(new NativeLong(flags));
    }

    /** CKF_* flags ORed into one token's CK_TOKEN_INFO.flags, on top of {@link #forceTokenFlags(long)}. */
    public void forceTokenFlags(long slotId, long flags) {
        api.kyso_shim_force_slot_token_flags(new NativeLong(slotId), new NativeLong(flags));
    }

    /**
     * The next {@code times} calls of {@code function} fail with {@code ckr} without reaching SoftHSM2 ({@code times
     * < 0}: every call, 0: no more). A failed call ends the session's active operation, as on a real token.
     */
    public void failNext(String function, long ckr, int times) {
        check(api.kyso_shim_fail_next(function, new NativeLong(ckr), times), function);
    }

    /** The next call of {@code function} fails with {@code ckr}. */
    public void failNext(String function, long ckr) {
        failNext(function, ckr, 1);
    }

    /** Every call of {@code function} first sleeps {@code ms} milliseconds (0: no delay). */
    public void delay(String function, int ms) {
        check(api.kyso_shim_set_delay(function, ms), function);
    }

    /** Calls of {@code function} since the last reset, failed and injected ones included. */
    public long callCount(String function) {
        long count = api.kyso_shim_call_count(function).longValue();
        check(count < 0 ? -1 : 0, function);
        return count;
    }

    /**
     * Pulls the token out of the slot: C_GetSlotList(CK_TRUE) omits it, C_GetSlotInfo lacks CKF_TOKEN_PRESENT,
     * token calls get CKR_TOKEN_NOT_PRESENT and calls on its open sessions CKR_DEVICE_REMOVED. Raises a slot event.
     */
    public void unplug(long slotId) {
        api.kyso_shim_set_present(new NativeLong(slotId), 0);
    }

    /** Puts the token back; its sessions from before {@link #unplug} answer CKR_SESSION_HANDLE_INVALID. */
    public void plugIn(long slotId) {
        api.kyso_shim_set_present(new NativeLong(slotId), 1);
    }

    /** Makes the whole slot vanish, even from C_GetSlotList(CK_FALSE), as USB tokens with a built-in reader do. */
    public void detachReader(long slotId) {
        api.kyso_shim_set_listed(new NativeLong(slotId), 0);
    }

    /** Brings a {@link #detachReader detached} slot back. */
    public void attachReader(long slotId) {
        api.kyso_shim_set_listed(new NativeLong(slotId), 1);
    }

    /** C_WaitForSlotEvent answers CKR_FUNCTION_NOT_SUPPORTED, as most real modules do (the polling path). */
    public void waitForSlotEventUnsupported(boolean unsupported) {
        api.kyso_shim_set_wait_unsupported(unsupported ? 1 : 0);
    }

    /** C_Login with a null PIN uses {@code pin}, as if typed on a PIN pad; null removes the pad. */
    public void pinPad(String pin) {
        api.kyso_shim_set_pinpad_pin(pin);
    }

    /** SoftHSM2 sessions the shim holds open for its callers, including those of unplugged tokens. */
    public long openSessions() {
        return api.kyso_shim_open_sessions().longValue();
    }

    private static void check(int rc, String function) {
        if (rc != 0) {
            throw new IllegalArgumentException("no PKCS#11 function " + function);
        }
    }

    /** The next {@code times} successful C_Sign calls return a signature with one bit flipped (a faulty token). */
    public void corruptSignatures(int times) {
        api.kyso_shim_corrupt_signatures(times);
    }
}
