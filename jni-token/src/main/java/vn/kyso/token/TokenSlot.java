package vn.kyso.token;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_ECDSA;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_RSA_PKCS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_RSA_PKCS_PSS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_PIN_EXPIRED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_PIN_INCORRECT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_PIN_INVALID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_PIN_LEN_RANGE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_PIN_LOCKED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_USER_ALREADY_LOGGED_IN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_USER_NOT_LOGGED_IN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKU_CONTEXT_SPECIFIC;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKU_USER;

import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.TokenException;
import org.xipki.pkcs11.wrapper.params.RSA_PKCS_PSS_PARAMS;

import vn.kyso.errors.KysoException;

/**
 * One present token: its inventory, its session and login state, and the lock that makes it a serial device.
 *
 * <p>Every operation holds the fair lock for its whole duration (including the PIN prompt), so requests queue in
 * arrival order and never interleave on the device; different tokens have different locks and run in parallel.
 * Listing tokens and certificates reads the cached inventory and never waits for this lock.
 */
final class TokenSlot {

    private final Slot slot;
    private final LoginPolicy policy;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Set<Long> mechanisms;

    private volatile TokenInfo info;
    private volatile List<CertificateEntry> certificates;
    private volatile boolean removed;

    // guarded by lock
    private Session session;
    private boolean loggedIn;
    private Instant lastUsed;
    private final Map<String, Long> keyHandles = new HashMap<>();

    TokenSlot(Slot slot, TokenInfo info, Set<Long> mechanisms, List<CertificateEntry> certificates,
              LoginPolicy policy, Clock clock) {
        this.slot = slot;
        this.info = info;
        this.mechanisms = Set.copyOf(mechanisms);
        this.certificates = List.copyOf(certificates);
        this.policy = policy;
        this.clock = clock;
    }

    TokenInfo info() {
        return info;
    }

    List<CertificateEntry> certificates() {
        return certificates;
    }

    Slot slot() {
        return slot;
    }

    /** Called by the slot watcher: operations already running will fail with TOKEN_REMOVED from the library. */
    void markRemoved() {
        removed = true;
    }

    boolean isRemoved() {
        return removed;
    }

    /** Signs each digest with one lock hold and at most one login: batch signing asks for the PIN once. */
    List<byte[]> sign(CertificateEntry entry, List<byte[]> digests, SignatureAlgorithm algorithm, PinPrompt prompt,
                      Duration lockTimeout, BiConsumer<Integer, byte[]> each) {
        checkAlgorithm(entry, algorithm, digests);
        acquire(lockTimeout);
        OperationPin operationPin = new OperationPin();
        try {
            if (removed) {
                throw new KysoException(TokenError.TOKEN_REMOVED);
            }
            try {
                expireIdleLogin();
                Session s = session();
                ensureLoggedIn(s, entry, prompt, operationPin);
                long key = keyHandle(s, entry);
                List<byte[]> out = new ArrayList<>(digests.size());
                for (byte[] digest : digests) {
                    byte[] signature = signOne(s, key, entry, digest, algorithm, prompt, operationPin);
                    out.add(signature);
                    each.accept(out.size() - 1, signature);
                }
                lastUsed = clock.instant();
                if (policy.mode() == LoginPolicy.Mode.EVERY_SIGNATURE) {
                    logoutQuietly();
                }
                return out;
            } catch (TokenException e) {
                if (Pkcs11Failures.isRemoval(e)) {
                    dropSession();
                }
                if (Pkcs11Failures.ckr(e) == CKR_USER_NOT_LOGGED_IN) {
                    // the token logged us out behind our back (reset, another app); forget the login
                    dropSession();
                }
                throw Pkcs11Failures.toKyso(e, info);
            }
        } finally {
            operationPin.wipe();
            lock.unlock();
        }
    }

    /**
     * The PIN typed for this signing act, kept only until the act ends so that a CKA_ALWAYS_AUTHENTICATE key does
     * not make the person type the same PIN twice for one consent (login, then context-specific login).
     */
    private static final class OperationPin {
        private char[] value;

        void remember(char[] pin) {
            wipe();
            value = pin.clone();
        }

        char[] copy() {
            return value == null ? null : value.clone();
        }

        void wipe() {
            if (value != null) {
                Arrays.fill(value, '\0');
                value = null;
            }
        }
    }

    private void acquire(Duration timeout) {
        try {
            if (!lock.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new KysoException(TokenError.TOKEN_BUSY);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KysoException(TokenError.TOKEN_BUSY);
        }
    }

    private void checkAlgorithm(CertificateEntry entry, SignatureAlgorithm algorithm, List<byte[]> digests) {
        if (!algorithm.keyKind().name().equals(entry.keyAlgorithm())) {
            throw new KysoException(TokenError.MECHANISM_UNSUPPORTED, algorithm.name());
        }
        if (!KeyStrength.strongEnough(entry.keyAlgorithm(), entry.keyBits())) {
            throw new KysoException(TokenError.ALGORITHM_NOT_ALLOWED, entry.keyAlgorithm() + "-" + entry.keyBits());
        }
        if (!entry.algorithms().contains(algorithm)) {
            throw new KysoException(TokenError.MECHANISM_UNSUPPORTED, algorithm.name());
        }
        for (byte[] digest : digests) {
            if (digest == null || digest.length != algorithm.digest().length()) {
                throw new KysoException(TokenError.DIGEST_INVALID, algorithm.digest().jcaName(),
                        algorithm.digest().length());
            }
        }
    }

    private Session session() throws TokenException {
        if (session == null) {
            session = slot.getToken().openSession(false);
        }
        return session;
    }

    private void expireIdleLogin() {
        if (loggedIn && policy.mode() == LoginPolicy.Mode.IDLE_TIMEOUT && lastUsed != null
                && Duration.between(lastUsed, clock.instant()).compareTo(policy.idleTimeout()) >= 0) {
            logoutQuietly();
        }
    }

    /** Background sweep for the idle policy, so a token left logged in does not stay open all day. */
    void logoutIfIdle() {
        if (lock.tryLock()) {
            try {
                expireIdleLogin();
            } finally {
                lock.unlock();
            }
        }
    }

    void logout() {
        lock.lock();
        try {
            logoutQuietly();
        } finally {
            lock.unlock();
        }
    }

    boolean isLoggedIn() {
        return loggedIn;
    }

    private void logoutQuietly() {
        if (session != null && loggedIn) {
            try {
                session.logout();
            } catch (TokenException ignored) {
                // already logged out or gone; either way the state below is right
            }
        }
        loggedIn = false;
        keyHandles.clear();
    }

    private void dropSession() {
        if (session != null) {
            try {
                session.closeSession();
            } catch (TokenException ignored) {
                // the device is gone; the handle dies with it
            }
        }
        session = null;
        loggedIn = false;
        keyHandles.clear();
    }

    /**
     * Closes the session unless an operation holds the token (a PIN dialog may be open on a token just pulled out);
     * that operation then fails with TOKEN_REMOVED and drops the session itself. Never blocks the slot watcher.
     */
    void closeIfIdle() {
        if (lock.tryLock()) {
            try {
                logoutQuietly();
                dropSession();
            } finally {
                lock.unlock();
            }
        }
    }

    void close() {
        lock.lock();
        try {
            logoutQuietly();
            dropSession();
        } finally {
            lock.unlock();
        }
    }

    private TokenInfo refreshInfo() throws TokenException {
        TokenInfo current = info;
        TokenInfo fresh = new TokenInfo(current.id(), current.label(), current.manufacturer(), current.model(),
                current.serial(), current.driver(), current.slotId(),
                TokenFlags.of(slot.getToken().getTokenInfo().getFlags()));
        info = fresh;
        return fresh;
    }

    private void ensureLoggedIn(Session s, CertificateEntry entry, PinPrompt prompt, OperationPin operationPin)
            throws TokenException {
        if (loggedIn) {
            return;
        }
        TokenInfo current = refreshInfo();
        if (!current.flags().loginRequired()) {
            loggedIn = true;
            return;
        }
        login(s, CKU_USER, current, entry, PinRequest.Purpose.LOGIN, prompt, operationPin);
        loggedIn = true;
        refreshPrivateKeyStates(s);
    }

    /**
     * One login attempt with one PIN from the person. A wrong PIN is reported, never retried: tokens lock after a few
     * failures and unlocking is an administrative procedure.
     */
    private void login(Session s, long userType, TokenInfo current, CertificateEntry entry,
                       PinRequest.Purpose purpose, PinPrompt prompt, OperationPin operationPin)
            throws TokenException {
        TokenFlags flags = current.flags();
        if (flags.pinLocked()) {
            throw new KysoException(TokenError.PIN_LOCKED, Map.of("token", current.label()), null);
        }
        char[] pin = purpose == PinRequest.Purpose.CONTEXT_SPECIFIC ? operationPin.copy() : null;
        if (pin == null) {
            PinRequest.Warning warning = flags.pinFinalTry() ? PinRequest.Warning.FINAL_TRY
                    : flags.pinCountLow() ? PinRequest.Warning.COUNT_LOW : PinRequest.Warning.NONE;
            Optional<char[]> answer = prompt.requestPin(new PinRequest(current, entry.subject(), purpose, warning,
                    flags.protectedAuthenticationPath()));
            if (answer.isEmpty()) {
                throw new KysoException(TokenError.PIN_CANCELLED);
            }
            pin = answer.get();
            operationPin.remember(pin);
        }
        try {
            boolean pinPad = flags.protectedAuthenticationPath() && pin.length == 0;
            s.login(userType, pinPad ? null : pin);
        } catch (TokenException e) {
            long ckr = Pkcs11Failures.ckr(e);
            if (ckr == CKR_USER_ALREADY_LOGGED_IN) {
                return;
            }
            if (ckr == CKR_PIN_INCORRECT) {
                TokenFlags after = refreshInfoQuietly();
                Map<String, Object> details = Map.of("token", current.label(), "pinCountLow", after.pinCountLow(),
                        "pinFinalTry", after.pinFinalTry(), "pinLocked", after.pinLocked());
                throw new KysoException(after.pinLocked() ? TokenError.PIN_LOCKED : TokenError.PIN_INCORRECT,
                        details, null);
            }
            if (ckr == CKR_PIN_LOCKED) {
                refreshInfoQuietly();
                throw new KysoException(TokenError.PIN_LOCKED, Map.of("token", current.label()), null);
            }
            if (ckr == CKR_PIN_EXPIRED) {
                throw new KysoException(TokenError.PIN_EXPIRED);
            }
            if (ckr == CKR_PIN_INVALID || ckr == CKR_PIN_LEN_RANGE) {
                throw new KysoException(TokenError.PIN_INVALID);
            }
            throw e;
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    private TokenFlags refreshInfoQuietly() {
        try {
            return refreshInfo().flags();
        } catch (TokenException e) {
            return info.flags();
        }
    }

    /** After login private objects become visible: record which certificates really have a key. */
    private void refreshPrivateKeyStates(Session s) throws TokenException {
        List<CertificateEntry> updated = new ArrayList<>();
        for (CertificateEntry entry : certificates) {
            long handle = TokenInventory.findPrivateKey(s, entry);
            if (handle != 0) {
                keyHandles.put(entry.id(), handle);
                updated.add(entry.withPrivateKey(CertificateEntry.PrivateKeyState.FOUND,
                        TokenInventory.alwaysAuthenticate(s, handle)));
            } else {
                updated.add(entry.withPrivateKey(CertificateEntry.PrivateKeyState.MISSING, false));
            }
        }
        certificates = List.copyOf(updated);
    }

    private long keyHandle(Session s, CertificateEntry entry) throws TokenException {
        Long cached = keyHandles.get(entry.id());
        if (cached != null) {
            return cached;
        }
        long handle = TokenInventory.findPrivateKey(s, entry);
        if (handle == 0) {
            throw new KysoException(TokenError.KEY_NOT_FOUND, Map.of("certificate", entry.id()), null);
        }
        keyHandles.put(entry.id(), handle);
        return handle;
    }

    private byte[] signOne(Session s, long key, CertificateEntry entry, byte[] digest, SignatureAlgorithm algorithm,
                           PinPrompt prompt, OperationPin operationPin) throws TokenException {
        Mechanism mechanism;
        byte[] input;
        switch (algorithm.scheme()) {
            case PKCS1 -> {
                mechanism = new Mechanism(CKM_RSA_PKCS);
                input = algorithm.digest().digestInfo(digest);
            }
            case PSS -> {
                mechanism = new Mechanism(CKM_RSA_PKCS_PSS, new RSA_PKCS_PSS_PARAMS(
                        algorithm.digest().pkcs11Mechanism(), algorithm.digest().pkcs11Mgf(), algorithm.digest().length()));
                input = digest;
            }
            case ECDSA -> {
                mechanism = new Mechanism(CKM_ECDSA);
                input = digest;
            }
            default -> throw new IllegalStateException();
        }
        if (!mechanisms.contains(mechanism.getMechanismCode())) {
            throw new KysoException(TokenError.MECHANISM_UNSUPPORTED, algorithm.name());
        }
        byte[] signature;
        if (!isAlwaysAuthenticate(entry)) {
            signature = s.signSingle(mechanism, key, input);
        } else {
            s.signInit(mechanism, key);
            boolean finished = false;
            try {
                login(s, CKU_CONTEXT_SPECIFIC, refreshInfo(), entry, PinRequest.Purpose.CONTEXT_SPECIFIC, prompt,
                        operationPin);
                signature = s.sign(input);
                finished = true;
            } finally {
                if (!finished) {
                    // an initialised operation left behind would make the next C_SignInit fail (OPERATION_ACTIVE)
                    dropSession();
                }
            }
        }
        if (algorithm.scheme() == SignatureAlgorithm.Scheme.ECDSA) {
            signature = TokenSignatureCheck.ecdsaToDer(signature, (ECPublicKey) entry.certificate().getPublicKey());
        }
        if (!TokenSignatureCheck.verify(entry.certificate().getPublicKey(), algorithm, digest, signature)) {
            throw new KysoException(TokenError.SIGNATURE_SELF_CHECK_FAILED, Map.of("certificate", entry.id()), null);
        }
        return signature;
    }

    private boolean isAlwaysAuthenticate(CertificateEntry entry) {
        for (CertificateEntry e : certificates) {
            if (e.id().equals(entry.id())) {
                return e.alwaysAuthenticate();
            }
        }
        return entry.alwaysAuthenticate();
    }
}
