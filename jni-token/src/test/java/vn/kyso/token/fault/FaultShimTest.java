package vn.kyso.token.fault;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_LOGIN_REQUIRED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_PROTECTED_AUTHENTICATION_PATH;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_TOKEN_INITIALIZED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_USER_PIN_COUNT_LOW;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_USER_PIN_FINAL_TRY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_USER_PIN_LOCKED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_USER_PIN_TO_BE_CHANGED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_RSA_PKCS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_SHA256_RSA_PKCS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PRIVATE_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_ARGUMENTS_BAD;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_CRYPTOKI_NOT_INITIALIZED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_DEVICE_ERROR;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_DEVICE_REMOVED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_FUNCTION_NOT_SUPPORTED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_NO_EVENT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_PIN_INCORRECT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_PIN_LOCKED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_SESSION_HANDLE_INVALID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_SLOT_ID_INVALID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_TOKEN_NOT_PRESENT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKS_RO_PUBLIC_SESSION;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKS_RO_USER_FUNCTIONS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKU_SO;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKU_USER;

import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.Token;
import org.xipki.pkcs11.wrapper.TokenException;

import vn.kyso.testpki.SoftHsmFixture;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;

/**
 * Drives the fault shim through the IAIK wrapper over the real SoftHSM2 tokens. Each test checks the effect of one
 * fault on what the wrapper sees, so it fails if the shim stops injecting it.
 *
 * <p>SoftHSM2 can be initialised only once per process at a time, so the module is initialised once for the class.
 */
class FaultShimTest {

    private static final byte[] DATA = "Công văn số 123/SKHCN".getBytes(UTF_8);
    private static final char[] PIN = SoftHsmFixture.USER_PIN.toCharArray();
    private static final char[] WRONG_PIN = "000000".toCharArray();

    private static FaultShim shim;
    private static PKCS11Module module;
    private static Slot an;
    private static Slot conDau;
    private static X509Certificate anCertificate;

    @BeforeAll
    static void loadShimOverSoftHsm() throws Exception {
        TestEnvironment env = TestEnvironment.shared();
        anCertificate = env.pki().get(TestPki.PERSONAL_AN).certificate();
        shim = FaultShim.load();
        shim.reset();
        module = PKCS11Module.getInstance(shim.path().toString());
        module.initialize();
        an = slotWithToken(SoftHsmFixture.PERSONAL_TOKEN.label());
        conDau = slotWithToken(SoftHsmFixture.ORGANISATION_TOKEN.label());
    }

    @AfterAll
    static void finalizeModule() throws Exception {
        shim.reset();
        module.finalize(null);
    }

    @BeforeEach
    void passThrough() {
        shim.reset();
    }

    @Test
    void passesEverythingThroughByDefault() throws Exception {
        Session session = login(an);
        try {
            assertVerifies(sign(session));
            assertEquals(1, shim.openSessions());
        } finally {
            session.closeSession();
        }
        assertEquals(0, shim.openSessions());
        assertEquals(1, shim.callCount("C_OpenSession"));
        assertEquals(1, shim.callCount("C_Login"));
        assertEquals(1, shim.callCount("C_SignInit"));
        assertTrue(shim.callCount("C_Sign") >= 1);
        assertEquals(1, shim.callCount("C_CloseSession"));

        long flags = an.getToken().getTokenInfo().getFlags();
        assertEquals(CKF_TOKEN_INITIALIZED | CKF_LOGIN_REQUIRED, flags & (CKF_TOKEN_INITIALIZED | CKF_LOGIN_REQUIRED));
        assertEquals(0, flags & (CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_LOCKED
                | CKF_PROTECTED_AUTHENTICATION_PATH | CKF_USER_PIN_TO_BE_CHANGED));
        // SoftHSM2 is configured with fixed slots; only the shim makes them removable.
        assertTrue(an.getSlotInfo().isRemovableDevice());
        assertTrue(an.getSlotInfo().isTokenPresent());
        assertEquals(-1, shim.pinRetriesLeft(an.getSlotID()));
    }

    @Test
    void wrongPinsCountDownThenLockEvenTheRightPin() throws Exception {
        shim.pinRetries(3);
        Session session = an.getToken().openSession(false);
        try {
            assertEquals(CKR_PIN_INCORRECT, ckr(() -> session.login(CKU_USER, WRONG_PIN)));
            assertPinFlags(an, CKF_USER_PIN_COUNT_LOW);
            assertEquals(2, shim.pinRetriesLeft(an.getSlotID()));

            assertEquals(CKR_PIN_INCORRECT, ckr(() -> session.login(CKU_USER, WRONG_PIN)));
            assertPinFlags(an, CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY);

            assertEquals(CKR_PIN_INCORRECT, ckr(() -> session.login(CKU_USER, WRONG_PIN)));
            assertPinFlags(an, CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_LOCKED);
            assertEquals(0, shim.pinRetriesLeft(an.getSlotID()));

            assertEquals(CKR_PIN_LOCKED, ckr(() -> session.login(CKU_USER, PIN)));
            assertEquals(4, shim.callCount("C_Login"));
            // The right PIN never reached SoftHSM2, which would have logged the session in.
            assertEquals(CKS_RO_PUBLIC_SESSION, session.getSessionInfo().getState());
            // Each token counts its own tries.
            assertPinFlags(conDau, 0);
        } finally {
            session.closeSession();
        }
    }

    @Test
    void rightPinRestoresTheTries() throws Exception {
        shim.pinRetries(3);
        Session session = an.getToken().openSession(false);
        try {
            assertEquals(CKR_PIN_INCORRECT, ckr(() -> session.login(CKU_USER, WRONG_PIN)));
            assertPinFlags(an, CKF_USER_PIN_COUNT_LOW);

            session.login(CKU_USER, PIN);
            assertPinFlags(an, 0);
            assertEquals(3, shim.pinRetriesLeft(an.getSlotID()));
            assertVerifies(sign(session));
        } finally {
            session.closeSession();
        }
    }

    @Test
    void slotPinRetriesOverrideTheGlobalCounterAndInitPinUnlocks() throws Exception {
        shim.pinRetries(5);
        shim.pinRetries(an.getSlotID(), 1);
        assertPinFlags(an, CKF_USER_PIN_FINAL_TRY);
        assertPinFlags(conDau, 0);
        assertEquals(5, shim.pinRetriesLeft(conDau.getSlotID()));

        Session session = an.getToken().openSession(true);
        try {
            assertEquals(CKR_PIN_INCORRECT, ckr(() -> session.login(CKU_USER, WRONG_PIN)));
            assertPinFlags(an, CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_LOCKED);
            assertPinFlags(conDau, 0);

            // The security officer resetting the user PIN unlocks it, as on a real token.
            session.login(CKU_SO, SoftHsmFixture.SO_PIN.toCharArray());
            session.initPIN(PIN);
            session.logout();
            assertPinFlags(an, CKF_USER_PIN_FINAL_TRY);   // one try is always the final one
            assertEquals(1, shim.pinRetriesLeft(an.getSlotID()));
            session.login(CKU_USER, PIN);
            assertVerifies(sign(session));
        } finally {
            session.closeSession();
        }
    }

    @Test
    void forcedFlagsAreOredIntoTheTokenInfo() throws Exception {
        shim.forceTokenFlags(CKF_PROTECTED_AUTHENTICATION_PATH);
        shim.forceTokenFlags(an.getSlotID(), CKF_USER_PIN_TO_BE_CHANGED);

        long anFlags = an.getToken().getTokenInfo().getFlags();
        assertTrue(an.getToken().getTokenInfo().isProtectedAuthenticationPath());
        assertEquals(CKF_USER_PIN_TO_BE_CHANGED, anFlags & CKF_USER_PIN_TO_BE_CHANGED);
        assertEquals(CKF_TOKEN_INITIALIZED, anFlags & CKF_TOKEN_INITIALIZED, "the token's own flags stay");

        long conDauFlags = conDau.getToken().getTokenInfo().getFlags();
        assertEquals(CKF_PROTECTED_AUTHENTICATION_PATH, conDauFlags & CKF_PROTECTED_AUTHENTICATION_PATH);
        assertEquals(0, conDauFlags & CKF_USER_PIN_TO_BE_CHANGED);

        shim.forceTokenFlags(0);
        assertFalse(conDau.getToken().getTokenInfo().isProtectedAuthenticationPath());
    }

    @Test
    void pinPadSuppliesThePinForANullPinLogin() throws Exception {
        shim.forceTokenFlags(an.getSlotID(), CKF_PROTECTED_AUTHENTICATION_PATH);
        Session session = an.getToken().openSession(false);
        try {
            assertEquals(CKR_ARGUMENTS_BAD, ckr(() -> session.login(CKU_USER, null)), "no PIN pad yet");

            shim.pinPad(SoftHsmFixture.USER_PIN);
            session.login(CKU_USER, null);
            assertEquals(CKS_RO_USER_FUNCTIONS, session.getSessionInfo().getState());
            assertVerifies(sign(session));
        } finally {
            session.closeSession();
        }
    }

    @Test
    void failNextInjectsTheErrorThenPassesThrough() throws Exception {
        shim.pinRetries(3);
        Session session = an.getToken().openSession(false);
        try {
            shim.failNext("C_Login", CKR_DEVICE_ERROR);
            assertEquals(CKR_DEVICE_ERROR, ckr(() -> session.login(CKU_USER, WRONG_PIN)));
            assertEquals(3, shim.pinRetriesLeft(an.getSlotID()), "the injected failure never reached the token");
            session.login(CKU_USER, PIN);

            long key = privateKey(session);
            shim.failNext("C_SignInit", CKR_DEVICE_REMOVED, 2);
            assertEquals(CKR_DEVICE_REMOVED, ckr(() -> session.signSingle(new Mechanism(CKM_SHA256_RSA_PKCS), key, DATA)));
            assertEquals(CKR_DEVICE_REMOVED, ckr(() -> session.signSingle(new Mechanism(CKM_SHA256_RSA_PKCS), key, DATA)));
            assertVerifies(sign(session));

            // A failed C_Sign ends the signing operation, so the same session can sign again at once.
            shim.failNext("C_Sign", CKR_DEVICE_ERROR);
            assertEquals(CKR_DEVICE_ERROR, ckr(() -> sign(session)));
            assertVerifies(sign(session));
            shim.failNext("C_Sign", CKR_DEVICE_ERROR);
            assertEquals(CKR_DEVICE_ERROR, ckr(() -> signRaw(session)));
            assertVerifies(signRaw(session));

            shim.failNext("C_FindObjectsInit", CKR_TOKEN_NOT_PRESENT);
            assertEquals(CKR_TOKEN_NOT_PRESENT, ckr(() -> privateKey(session)));
            assertEquals(key, privateKey(session));

            shim.failNext("C_GetTokenInfo", CKR_DEVICE_ERROR, -1);
            for (int i = 0; i < 3; i++) {
                assertEquals(CKR_DEVICE_ERROR, ckr(() -> an.getToken().getTokenInfo()));
            }
            shim.failNext("C_GetTokenInfo", CKR_DEVICE_ERROR, 0);
            an.getToken().getTokenInfo();
        } finally {
            session.closeSession();
        }
        assertThrows(IllegalArgumentException.class, () -> shim.failNext("C_Sing", CKR_DEVICE_ERROR));
    }

    @Test
    void delaySlowsEveryCallOfTheFunction() throws Throwable {
        shim.delay("C_GetTokenInfo", 300);
        assertTrue(millis(() -> an.getToken().getTokenInfo()) >= 300);
        assertTrue(millis(() -> conDau.getToken().getTokenInfo()) >= 300);
        assertTrue(millis(() -> an.getSlotInfo()) < 250, "other functions stay fast");

        shim.delay("C_GetTokenInfo", 0);
        assertTrue(millis(() -> an.getToken().getTokenInfo()) < 250);
        assertThrows(IllegalArgumentException.class, () -> shim.delay("GetTokenInfo", 10));
    }

    @Test
    void callCountsShowAWrongPinIsNotRetried() throws Exception {
        Session session = an.getToken().openSession(false);
        try {
            assertEquals(CKR_PIN_INCORRECT, ckr(() -> session.login(CKU_USER, WRONG_PIN)));
            assertEquals(1, shim.callCount("C_Login"));
            shim.failNext("C_Login", CKR_DEVICE_ERROR);
            assertEquals(CKR_DEVICE_ERROR, ckr(() -> session.login(CKU_USER, PIN)));
            assertEquals(2, shim.callCount("C_Login"), "injected failures count too");
            assertEquals(0, shim.callCount("C_Sign"));
        } finally {
            session.closeSession();
        }
        shim.reset();
        assertEquals(0, shim.callCount("C_Login"));
        assertThrows(IllegalArgumentException.class, () -> shim.callCount("C_Nothing"));
    }

    @Test
    void unplugRemovesTheTokenAndItsSessions() throws Exception {
        long slot = an.getSlotID();
        Session old = login(an);
        Session other = login(conDau);
        try {
            assertVerifies(sign(old));

            shim.unplug(slot);
            assertFalse(slotIds(true).contains(slot));
            assertTrue(slotIds(true).contains(conDau.getSlotID()));
            assertTrue(slotIds(false).contains(slot), "the reader stays");
            assertFalse(an.getSlotInfo().isTokenPresent());
            assertTrue(an.getSlotInfo().isRemovableDevice());
            assertEquals(CKR_TOKEN_NOT_PRESENT, ckr(() -> an.getToken().getTokenInfo()));
            assertEquals(CKR_TOKEN_NOT_PRESENT, ckr(() -> an.getToken().openSession(false)));
            assertEquals(CKR_TOKEN_NOT_PRESENT, rawCkr(() -> module.getPKCS11Module().C_GetMechanismList(slot)));
            assertEquals(CKR_DEVICE_REMOVED, ckr(() -> sign(old)));
            assertEquals(CKR_DEVICE_REMOVED, ckr(() -> old.getSessionInfo()));
            assertEquals(CKS_RO_USER_FUNCTIONS, other.getSessionInfo().getState(), "the other token is untouched");
            assertEquals(2, shim.openSessions());

            shim.plugIn(slot);
            assertTrue(slotIds(true).contains(slot));
            assertEquals(CKR_SESSION_HANDLE_INVALID, ckr(() -> old.getSessionInfo()));
            assertEquals(1, shim.openSessions(), "the shim closed the old session on SoftHSM2");

            Session fresh = an.getToken().openSession(false);
            try {
                // SoftHSM2 logs a token out when its last session closes: proof the old one is gone there too.
                assertEquals(CKS_RO_PUBLIC_SESSION, fresh.getSessionInfo().getState());
                fresh.login(CKU_USER, PIN);
                assertVerifies(sign(fresh));
            } finally {
                fresh.closeSession();
            }
        } finally {
            other.closeSession();
        }
    }

    @Test
    void closingASessionOfAnUnpluggedTokenFreesIt() throws Exception {
        Session session = login(an);
        shim.unplug(an.getSlotID());
        assertEquals(CKR_DEVICE_REMOVED, ckr(session::closeSession));
        assertEquals(0, shim.openSessions());
        shim.plugIn(an.getSlotID());
        assertEquals(CKR_SESSION_HANDLE_INVALID, ckr(session::getSessionInfo));
    }

    @Test
    void resetPutsEveryTokenBack() throws Exception {
        Session session = login(an);
        shim.unplug(an.getSlotID());
        shim.detachReader(conDau.getSlotID());
        shim.reset();
        assertTrue(slotIds(true).containsAll(List.of(an.getSlotID(), conDau.getSlotID())));
        assertEquals(CKR_SESSION_HANDLE_INVALID, ckr(session::getSessionInfo));
        assertEquals(0, shim.openSessions());
    }

    @Test
    void detachedReaderLeavesEverySlotList() throws Exception {
        long slot = an.getSlotID();
        shim.detachReader(slot);
        assertFalse(slotIds(false).contains(slot));
        assertFalse(slotIds(true).contains(slot));
        assertEquals(CKR_SLOT_ID_INVALID, ckr(() -> an.getSlotInfo()));
        assertEquals(CKR_SLOT_ID_INVALID, ckr(() -> an.getToken().getTokenInfo()));

        shim.attachReader(slot);
        assertTrue(slotIds(true).contains(slot));
        Session session = login(an);
        try {
            assertVerifies(sign(session));
        } finally {
            session.closeSession();
        }
    }

    @Test
    void waitForSlotEventReportsPresenceChanges() throws Exception {
        long slot = an.getSlotID();
        assertEquals(CKR_NO_EVENT, ckr(() -> module.waitForSlotEvent(true)));

        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<Long> waiter = executor.submit(() -> module.waitForSlotEvent(false).getSlotID());
            Thread.sleep(200);
            assertFalse(waiter.isDone(), "blocks while nothing happens");
            shim.unplug(slot);
            assertEquals(slot, waiter.get(5, TimeUnit.SECONDS));
        } finally {
            executor.shutdownNow();
        }
        assertEquals(CKR_NO_EVENT, ckr(() -> module.waitForSlotEvent(true)), "the event was consumed");

        shim.plugIn(slot);
        shim.unplug(conDau.getSlotID());
        assertEquals(slot, module.waitForSlotEvent(true).getSlotID());
        assertEquals(conDau.getSlotID(), module.waitForSlotEvent(true).getSlotID());
        assertEquals(CKR_NO_EVENT, ckr(() -> module.waitForSlotEvent(true)));

        shim.plugIn(conDau.getSlotID());
        shim.reset();
        assertEquals(CKR_NO_EVENT, ckr(() -> module.waitForSlotEvent(true)), "reset drops pending events");
    }

    @Test
    void waitForSlotEventCanBeUnsupported() {
        shim.waitForSlotEventUnsupported(true);
        assertEquals(CKR_FUNCTION_NOT_SUPPORTED, ckr(() -> module.waitForSlotEvent(true)));
        assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertEquals(CKR_FUNCTION_NOT_SUPPORTED, ckr(() -> module.waitForSlotEvent(false))));

        shim.waitForSlotEventUnsupported(false);
        assertEquals(CKR_NO_EVENT, ckr(() -> module.waitForSlotEvent(true)));
    }

    @Test
    void finalizeWakesABlockedWaiter() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<Slot> waiter = executor.submit(() -> module.waitForSlotEvent(false));
            Thread.sleep(200);
            assertFalse(waiter.isDone());
            module.finalize(null);
            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> waiter.get(5, TimeUnit.SECONDS));
            assertInstanceOf(PKCS11Exception.class, failure.getCause());
            assertEquals(CKR_CRYPTOKI_NOT_INITIALIZED, ((PKCS11Exception) failure.getCause()).getErrorCode());
        } finally {
            executor.shutdownNow();
            module.initialize();
        }
        Session session = login(an);
        try {
            assertVerifies(sign(session));
        } finally {
            session.closeSession();
        }
    }

    @Test
    void sharesATargetSomeoneElseInitialisedAndLeavesItRunning() throws Exception {
        module.finalize(null);
        PKCS11Module direct = PKCS11Module.getInstance(SoftHsmFixture.findLibrary().toString());
        direct.initialize();
        try {
            module.initialize();    // SoftHSM2 answers CKR_CRYPTOKI_ALREADY_INITIALIZED
            Session session = login(an);
            assertVerifies(sign(session));
            module.finalize(null);

            // SoftHSM2 is still initialised, and the shim closed its session there (else it would still be logged in).
            Slot directAn = Arrays.stream(direct.getSlotList(true))
                    .filter(s -> s.getSlotID() == an.getSlotID()).findFirst().orElseThrow();
            Session check = directAn.getToken().openSession(false);
            try {
                assertEquals(CKS_RO_PUBLIC_SESSION, check.getSessionInfo().getState());
            } finally {
                check.closeSession();
            }
        } finally {
            try {
                direct.finalize(null);
            } finally {
                module.initialize();
            }
        }
    }

    // ---- helpers ----

    private static Slot slotWithToken(String label) throws TokenException {
        for (Slot slot : module.getSlotList(true)) {
            if (label.equals(slot.getToken().getTokenInfo().getLabel().trim())) {
                return slot;
            }
        }
        throw new AssertionError("no token " + label);
    }

    private static List<Long> slotIds(boolean tokenPresent) throws TokenException {
        return Arrays.stream(module.getSlotList(tokenPresent)).map(Slot::getSlotID).toList();
    }

    private static Session login(Slot slot) throws TokenException {
        Token token = slot.getToken();
        Session session = token.openSession(false);
        session.login(CKU_USER, PIN);
        return session;
    }

    private static long privateKey(Session session) throws TokenException {
        long[] keys = session.findObjectsSingle(
                new AttributeVector().class_(CKO_PRIVATE_KEY).label(TestPki.PERSONAL_AN), 2);
        assertEquals(1, keys.length);
        return keys[0];
    }

    private static byte[] sign(Session session) throws TokenException {
        return session.signSingle(new Mechanism(CKM_SHA256_RSA_PKCS), privateKey(session), DATA);
    }

    /** CKM_RSA_PKCS over a DigestInfo, as the agent signs: a single-part-only mechanism. */
    private static byte[] signRaw(Session session) throws Exception {
        byte[] prefix = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, (byte) 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x01, 0x05, 0x00, 0x04, 0x20};
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(DATA);
        byte[] digestInfo = Arrays.copyOf(prefix, prefix.length + hash.length);
        System.arraycopy(hash, 0, digestInfo, prefix.length, hash.length);
        return session.signSingle(new Mechanism(CKM_RSA_PKCS), privateKey(session), digestInfo);
    }

    private static void assertVerifies(byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(anCertificate.getPublicKey());
        verifier.update(DATA);
        assertTrue(verifier.verify(signature), "signature verifies with the certificate's key");
    }

    private static void assertPinFlags(Slot slot, long expected) throws TokenException {
        long flags = slot.getToken().getTokenInfo().getFlags();
        assertEquals(expected, flags & (CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_LOCKED),
                "PIN flags of " + slot.getSlotID());
    }

    private static long ckr(Executable call) {
        return assertThrows(PKCS11Exception.class, call).getErrorCode();
    }

    private static long rawCkr(Executable call) {
        return assertThrows(iaik.pkcs.pkcs11.wrapper.PKCS11Exception.class, call).getErrorCode();
    }

    private static long millis(Executable call) throws Throwable {
        long start = System.nanoTime();
        call.execute();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
