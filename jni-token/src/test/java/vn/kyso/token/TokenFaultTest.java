package vn.kyso.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_PROTECTED_AUTHENTICATION_PATH;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_DEVICE_ERROR;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import vn.kyso.errors.KysoException;
import vn.kyso.testpki.SoftHsmFixture;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;
import vn.kyso.token.fault.FaultShim;

/**
 * The token layer against SoftHSM2 behind the fault-injection shim: PIN retry counters, unplugging mid-operation,
 * re-insertion, slot events, device errors, PIN pads — the things a real USB token does and SoftHSM2 cannot.
 */
class TokenFaultTest {

    private static FaultShim shim;
    private static TokenManager manager;
    private static final BlockingQueue<TokenEvent> EVENTS = new LinkedBlockingQueue<>();

    @BeforeAll
    static void open() {
        TestEnvironment.shared();
        shim = FaultShim.load();
        shim.reset();
        manager = TokenManager.open(TokenManagerConfig.of(List.of(shim.path()))
                .withPollInterval(Duration.ofMillis(200)));
        manager.addListener(EVENTS::add);
    }

    @AfterAll
    static void close() {
        manager.close();
        shim.reset();
    }

    @BeforeEach
    void clean() {
        shim.reset();
        manager.refresh();
        manager.tokens().forEach(t -> manager.logout(t.id()));
        EVENTS.clear();
    }

    private static CertificateEntry an() {
        return manager.certificates().stream().filter(c -> c.label().equals(TestPki.PERSONAL_AN)).findFirst()
                .orElseThrow();
    }

    private static byte[] digest(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    }

    private static TokenEvent nextEvent(TokenEvent.Type type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (System.nanoTime() < deadline) {
            TokenEvent e = EVENTS.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (e != null && e.type() == type) {
                return e;
            }
        }
        throw new AssertionError("no " + type + " event within one second");
    }

    @Test
    void wrongPinsCountDownToLockedAndAreNeverRetried() throws Exception {
        CertificateEntry an = an();
        long slot = manager.tokens().stream().filter(t -> t.id().equals(an.tokenId())).findFirst().orElseThrow().slotId();
        shim.pinRetries(slot, 3);
        long loginsBefore = shim.callCount("C_Login");
        ScriptedPin wrong = ScriptedPin.answering("999999");

        KysoException first = assertThrows(KysoException.class,
                () -> manager.sign(an.id(), digest("x"), SignatureAlgorithm.RSA_PKCS1_SHA256, wrong));
        assertEquals("PIN_INCORRECT", first.code());
        assertEquals(true, first.details().get("pinCountLow"));
        assertEquals(false, first.details().get("pinFinalTry"));

        KysoException second = assertThrows(KysoException.class,
                () -> manager.sign(an.id(), digest("x"), SignatureAlgorithm.RSA_PKCS1_SHA256, wrong));
        assertEquals("PIN_INCORRECT", second.code());
        assertEquals(true, second.details().get("pinFinalTry"), "one try left must be reported");
        assertEquals(PinRequest.Warning.COUNT_LOW, wrong.requests().get(1).warning());

        KysoException third = assertThrows(KysoException.class,
                () -> manager.sign(an.id(), digest("x"), SignatureAlgorithm.RSA_PKCS1_SHA256, wrong));
        assertEquals(PinRequest.Warning.FINAL_TRY, wrong.requests().get(2).warning(),
                "the person must be warned before the final try");
        assertEquals("PIN_LOCKED", third.code());

        ScriptedPin right = ScriptedPin.answering(SoftHsmFixture.USER_PIN);
        KysoException locked = assertThrows(KysoException.class,
                () -> manager.sign(an.id(), digest("x"), SignatureAlgorithm.RSA_PKCS1_SHA256, right));
        assertEquals("PIN_LOCKED", locked.code());
        assertEquals(0, right.calls(), "a locked token is refused without asking for a PIN");
        assertEquals(3, wrong.calls());
        assertEquals(3, shim.callCount("C_Login") - loginsBefore, "exactly one C_Login per PIN typed");
        assertTrue(manager.tokens().stream().filter(t -> t.id().equals(an.tokenId())).findFirst().orElseThrow()
                .flags().pinLocked());
    }

    @Test
    void unplugDuringSignatureFailsWithTokenRemovedAndReinsertionJustWorks() throws Exception {
        CertificateEntry an = an();
        TokenInfo token = manager.tokens().stream().filter(t -> t.id().equals(an.tokenId())).findFirst().orElseThrow();
        ScriptedPin pin = ScriptedPin.answering(SoftHsmFixture.USER_PIN);
        manager.sign(an.id(), digest("before"), SignatureAlgorithm.RSA_PKCS1_SHA256, pin);

        shim.delay("C_Sign", 800);
        CompletableFuture<byte[]> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return manager.sign(an.id(), digest("during"), SignatureAlgorithm.RSA_PKCS1_SHA256, pin);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(200);
        shim.unplug(token.slotId());
        Exception failure = assertThrows(Exception.class, () -> inFlight.get(5, TimeUnit.SECONDS));
        KysoException cause = (KysoException) failure.getCause().getCause();
        assertEquals("TOKEN_REMOVED", cause.code());
        assertEquals(token.id(), nextEvent(TokenEvent.Type.REMOVED).token().id());
        assertTrue(manager.tokens().stream().noneMatch(t -> t.id().equals(token.id())));
        shim.delay("C_Sign", 0);

        shim.plugIn(token.slotId());
        TokenEvent inserted = nextEvent(TokenEvent.Type.INSERTED);
        assertEquals(token.id(), inserted.token().id(), "the same token comes back with the same stable id");
        byte[] after = manager.sign(an.id(), digest("after"), SignatureAlgorithm.RSA_PKCS1_SHA256, pin);
        assertEquals(256, after.length);
        assertEquals(2, pin.calls(), "re-inserted token needs a new login, and nothing had to be restarted");
    }

    @Test
    void removalIsNoticedByPollingWhenTheLibraryHasNoSlotEvents() throws Exception {
        shim.waitForSlotEventUnsupported(true);
        TokenInfo token = manager.tokens().get(0);
        shim.unplug(token.slotId());
        assertEquals(token.id(), nextEvent(TokenEvent.Type.REMOVED).token().id());
        shim.plugIn(token.slotId());
        assertEquals(token.id(), nextEvent(TokenEvent.Type.INSERTED).token().id());
    }

    @Test
    void readerDisappearingEntirelyIsARemovalToo() throws Exception {
        TokenInfo token = manager.tokens().get(0);
        shim.detachReader(token.slotId());
        assertEquals(token.id(), nextEvent(TokenEvent.Type.REMOVED).token().id());
        shim.attachReader(token.slotId());
        assertEquals(token.id(), nextEvent(TokenEvent.Type.INSERTED).token().id());
    }

    @Test
    void deviceErrorIsReportedAndTheNextSignatureWorks() throws Exception {
        CertificateEntry an = an();
        ScriptedPin pin = ScriptedPin.answering(SoftHsmFixture.USER_PIN);
        manager.sign(an.id(), digest("a"), SignatureAlgorithm.RSA_PKCS1_SHA256, pin);
        shim.failNext("C_Sign", CKR_DEVICE_ERROR, 1);
        KysoException e = assertThrows(KysoException.class,
                () -> manager.sign(an.id(), digest("b"), SignatureAlgorithm.RSA_PKCS1_SHA256, pin));
        assertEquals("DEVICE_ERROR", e.code());
        assertFalse(e.messageVi().isBlank());
        manager.sign(an.id(), digest("c"), SignatureAlgorithm.RSA_PKCS1_SHA256, pin);
    }

    @Test
    void pinPadTokenLogsInWithoutAPinFromTheAgent() throws Exception {
        CertificateEntry an = an();
        shim.forceTokenFlags(CKF_PROTECTED_AUTHENTICATION_PATH);
        shim.pinPad(SoftHsmFixture.USER_PIN);
        manager.refresh();
        PinRequest[] seen = new PinRequest[1];
        byte[] signature = manager.sign(an.id(), digest("x"), SignatureAlgorithm.RSA_PKCS1_SHA256, request -> {
            seen[0] = request;
            return Optional.of(new char[0]); // "the person typed it on the device"
        });
        assertTrue(seen[0].protectedAuthenticationPath());
        assertEquals(256, signature.length);
    }

    @Test
    void slowTokenMakesQueuedRequestsWaitInOrderNotFail() throws Exception {
        CertificateEntry an = an();
        ScriptedPin pin = ScriptedPin.answering(SoftHsmFixture.USER_PIN);
        manager.sign(an.id(), digest("login"), SignatureAlgorithm.RSA_PKCS1_SHA256, pin);
        shim.delay("C_Sign", 150);
        List<CompletableFuture<byte[]>> jobs = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            byte[] d = digest("slow " + i);
            jobs.add(CompletableFuture.supplyAsync(
                    () -> manager.sign(an.id(), d, SignatureAlgorithm.RSA_PKCS1_SHA256, pin)));
        }
        for (CompletableFuture<byte[]> job : jobs) {
            assertEquals(256, job.get(10, TimeUnit.SECONDS).length);
        }
    }

    @Test
    void aTokenReturningAWrongSignatureIsCaughtBeforeAnyoneUsesIt() throws Exception {
        CertificateEntry an = an();
        ScriptedPin pin = ScriptedPin.answering(SoftHsmFixture.USER_PIN);
        shim.corruptSignatures(1);
        KysoException e = assertThrows(KysoException.class,
                () -> manager.sign(an.id(), digest("x"), SignatureAlgorithm.RSA_PKCS1_SHA256, pin));
        assertEquals("SIGNATURE_SELF_CHECK_FAILED", e.code());
        manager.sign(an.id(), digest("y"), SignatureAlgorithm.RSA_PKCS1_SHA256, pin);
        CertificateEntry cuong = manager.certificates().stream().filter(c -> c.label().equals(TestPki.PERSONAL_CUONG))
                .findFirst().orElseThrow();
        shim.corruptSignatures(1);
        assertEquals("SIGNATURE_SELF_CHECK_FAILED", assertThrows(KysoException.class,
                () -> manager.sign(cuong.id(), digest("z"), SignatureAlgorithm.ECDSA_SHA256, pin)).code());
    }

    @Test
    void tokenNotPresentMidOperationIsTokenRemoved() throws Exception {
        CertificateEntry an = an();
        ScriptedPin pin = ScriptedPin.answering(SoftHsmFixture.USER_PIN);
        manager.sign(an.id(), digest("a"), SignatureAlgorithm.RSA_PKCS1_SHA256, pin);
        shim.failNext("C_SignInit", org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_TOKEN_NOT_PRESENT, 1);
        assertEquals("TOKEN_REMOVED", assertThrows(KysoException.class,
                () -> manager.sign(an.id(), digest("b"), SignatureAlgorithm.RSA_PKCS1_SHA256, pin)).code());
        // the reader is still there: the next request opens a fresh session and logs in again
        manager.sign(an.id(), digest("c"), SignatureAlgorithm.RSA_PKCS1_SHA256, pin);
    }

    @Test
    void noTokenAtAllIsTokenNotPresent() throws Exception {
        CertificateEntry an = an();
        manager.tokens().forEach(t -> shim.unplug(t.slotId()));
        manager.refresh();
        assertTrue(manager.tokens().isEmpty());
        assertEquals("TOKEN_NOT_PRESENT", assertThrows(KysoException.class, () -> manager.sign(an.id(),
                digest("x"), SignatureAlgorithm.RSA_PKCS1_SHA256, ScriptedPin.answering("1"))).code());
    }

    @Test
    void pullingTheTokenWhileItsPinDialogIsOpenNeitherBlocksEventsNorHangs() throws Exception {
        CertificateEntry an = an();
        TokenInfo token = manager.tokens().stream().filter(t -> t.id().equals(an.tokenId())).findFirst().orElseThrow();
        TokenInfo other = manager.tokens().stream().filter(t -> !t.id().equals(an.tokenId())).findFirst().orElseThrow();
        java.util.concurrent.CountDownLatch dialogOpen = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch personTypes = new java.util.concurrent.CountDownLatch(1);
        CompletableFuture<byte[]> signing = CompletableFuture.supplyAsync(() -> {
            try {
                return manager.sign(an.id(), digest("x"), SignatureAlgorithm.RSA_PKCS1_SHA256, request -> {
                    dialogOpen.countDown();
                    try {
                        personTypes.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Optional.of(SoftHsmFixture.USER_PIN.toCharArray());
                });
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        assertTrue(dialogOpen.await(5, TimeUnit.SECONDS));
        shim.unplug(token.slotId());
        assertEquals(token.id(), nextEvent(TokenEvent.Type.REMOVED).token().id());
        // the watcher is not stuck behind the open dialog: another token's removal is still reported
        shim.unplug(other.slotId());
        assertEquals(other.id(), nextEvent(TokenEvent.Type.REMOVED).token().id());
        personTypes.countDown();
        Exception failure = assertThrows(Exception.class, () -> signing.get(5, TimeUnit.SECONDS));
        assertEquals("TOKEN_REMOVED", ((KysoException) failure.getCause().getCause()).code());
    }
}
