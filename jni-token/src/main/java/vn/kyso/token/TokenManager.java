package vn.kyso.token;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_FUNCTION_NOT_SUPPORTED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_NO_EVENT;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.TokenException;

import vn.kyso.errors.KysoException;
import vn.kyso.token.driver.DriverCandidate;
import vn.kyso.token.driver.DriverCatalogue;
import vn.kyso.token.driver.DriverLoader;
import vn.kyso.token.driver.DriverProbe;
import vn.kyso.token.driver.DriverSource;
import vn.kyso.token.driver.DriverState;
import vn.kyso.token.driver.DriverStatus;
import vn.kyso.token.driver.WrapperLogging;

/**
 * The token layer's front door: loads PKCS#11 libraries, keeps the list of present tokens and their certificates
 * up to date (insertion and removal within a second), and signs digests under the login policy.
 *
 * <p>It knows nothing about documents: callers hand it a digest and an algorithm and get a signature that has
 * already been verified against the certificate's public key.
 */
public final class TokenManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TokenManager.class);

    private final TokenManagerConfig config;
    private final Map<Path, PKCS11Module> modules = new LinkedHashMap<>();
    private final List<DriverReport> reports = new ArrayList<>();
    private final Map<String, TokenSlot> present = new ConcurrentHashMap<>();
    private final List<Consumer<TokenEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Map<Path, Boolean> slotEventsSupported = new ConcurrentHashMap<>();
    private final Set<String> unreadable = ConcurrentHashMap.newKeySet();
    private volatile Map<String, TokenSlot> certificateIndex = Map.of();
    private final Thread watcher;
    private volatile boolean running = true;

    private TokenManager(TokenManagerConfig config) {
        this.config = config;
        WrapperLogging.install();
        loadDrivers();
        for (Path library : modules.keySet()) {
            rescan(library, false);
        }
        watcher = new Thread(this::watch, "kyso-token-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    public static TokenManager open(TokenManagerConfig config) {
        return new TokenManager(config);
    }

    private void loadDrivers() {
        List<DriverCandidate> candidates = DriverCatalogue.forCurrentOs().present(config.libraries()).stream()
                .filter(c -> config.discover() || c.source() == DriverSource.ADMIN_CONFIG).toList();
        Set<Path> named = new java.util.HashSet<>();
        candidates.forEach(c -> named.add(c.path()));
        for (Path library : config.libraries()) {
            if (!named.contains(library) && !java.nio.file.Files.exists(library)) {
                reports.add(new DriverReport(library, DriverState.FAILED, "",
                        "file not found / không tìm thấy tệp"));
            }
        }
        for (DriverStatus status : new DriverLoader(new DriverProbe()).loadAll(candidates)) {
            String description = "";
            if (status.loaded()) {
                modules.put(status.path(), status.module());
                description = describe(status.module());
            }
            reports.add(new DriverReport(status.path(), status.state(), description, status.reason()));
        }
    }

    private static String describe(PKCS11Module module) {
        try {
            return module.getInfo().getLibraryDescription().trim() + " (" + module.getInfo().getManufacturerID().trim()
                    + ")";
        } catch (TokenException | RuntimeException e) {
            return "";
        }
    }

    public List<DriverReport> drivers() {
        return List.copyOf(reports);
    }

    /** Present tokens, ordered by label. Never waits for a busy token. */
    public List<TokenInfo> tokens() {
        return present.values().stream().map(TokenSlot::info)
                .sorted(Comparator.comparing(TokenInfo::label).thenComparing(TokenInfo::id)).toList();
    }

    /** Certificates on present tokens. Never waits for a busy token. */
    public List<CertificateEntry> certificates() {
        return present.values().stream()
                .sorted(Comparator.comparing((TokenSlot s) -> s.info().label()).thenComparing(s -> s.info().id()))
                .flatMap(s -> s.certificates().stream()).toList();
    }

    public CertificateEntry certificate(String certificateId) {
        return slotOf(certificateId).certificates().stream().filter(c -> c.id().equals(certificateId))
                .findFirst().orElseThrow();
    }

    /** Signs one digest. See {@link #signAll}. */
    public byte[] sign(String certificateId, byte[] digest, SignatureAlgorithm algorithm, PinPrompt prompt) {
        return signAll(certificateId, List.of(digest), algorithm, prompt).get(0);
    }

    /**
     * Signs digests with the certificate's key, asking for the PIN at most once (policy permitting). Each signature
     * is verified with the certificate's public key before it is returned.
     *
     * @throws KysoException with a {@link TokenError} code: CERTIFICATE_NOT_FOUND, TOKEN_REMOVED, PIN_INCORRECT
     *                       (never retried), PIN_LOCKED, PIN_CANCELLED, KEY_NOT_FOUND, MECHANISM_UNSUPPORTED,
     *                       ALGORITHM_NOT_ALLOWED, SIGNATURE_SELF_CHECK_FAILED, DEVICE_ERROR, TOKEN_BUSY …
     */
    public List<byte[]> signAll(String certificateId, List<byte[]> digests, SignatureAlgorithm algorithm,
                                PinPrompt prompt) {
        return signAll(certificateId, digests, algorithm, prompt, (index, signature) -> { });
    }

    /**
     * {@link #signAll(String, List, SignatureAlgorithm, PinPrompt)}, telling {@code each} of every signature (its
     * index, the signature) as soon as it is made and checked, so a caller can go on with it while the token signs
     * the next. {@code each} runs on the signing thread while the token is held: it should only hand the work on.
     */
    public List<byte[]> signAll(String certificateId, List<byte[]> digests, SignatureAlgorithm algorithm,
                                PinPrompt prompt, BiConsumer<Integer, byte[]> each) {
        TokenSlot slot = slotOf(certificateId);
        CertificateEntry entry = slot.certificates().stream().filter(c -> c.id().equals(certificateId))
                .findFirst().orElseThrow(() -> new KysoException(TokenError.CERTIFICATE_NOT_FOUND, certificateId));
        try {
            return slot.sign(entry, digests, algorithm, prompt, config.lockTimeout(), each);
        } catch (KysoException e) {
            if (e.errorCode() == TokenError.TOKEN_REMOVED) {
                // let the watcher notice now rather than at the next poll
                rescanQuietly(slot.info().driver());
            }
            throw e;
        }
    }

    /** Ends the login on one token (the tray's "lock token" and the agent's logout method). */
    public void logout(String tokenId) {
        present.values().stream().filter(s -> s.info().id().equals(tokenId)).forEach(TokenSlot::logout);
    }

    public boolean isLoggedIn(String tokenId) {
        return present.values().stream().anyMatch(s -> s.info().id().equals(tokenId) && s.isLoggedIn());
    }

    public Runnable addListener(Consumer<TokenEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** The first token (by label, then id) holding the certificate: deterministic when a certificate sits on two. */
    private TokenSlot slotOf(String certificateId) {
        TokenSlot slot = certificateIndex.get(certificateId);
        if (slot != null) {
            return slot;
        }
        throw new KysoException(present.isEmpty() ? TokenError.TOKEN_NOT_PRESENT : TokenError.CERTIFICATE_NOT_FOUND,
                certificateId);
    }

    /** Rebuilt whenever a token comes or goes, so signing does not search every token on each call. */
    private void reindex() {
        Map<String, TokenSlot> index = new java.util.HashMap<>();
        present.values().stream()
                .sorted(Comparator.comparing((TokenSlot s) -> s.info().label()).thenComparing(s -> s.info().id()))
                .forEach(s -> s.certificates().forEach(c -> index.putIfAbsent(c.id(), s)));
        certificateIndex = Map.copyOf(index);
    }

    // ------------------------------------------------------------------------------------------ hot-plug

    /** Rescans every driver now; the watcher does this on its own within {@code pollInterval}. */
    public void refresh() {
        for (Path library : modules.keySet()) {
            rescanQuietly(library);
        }
    }

    private void watch() {
        while (running) {
            try {
                Thread.sleep(config.pollInterval().toMillis());
            } catch (InterruptedException e) {
                return;
            }
            for (Map.Entry<Path, PKCS11Module> driver : modules.entrySet()) {
                if (!running) {
                    return;
                }
                if (slotEventPending(driver.getKey(), driver.getValue())) {
                    rescanQuietly(driver.getKey());
                }
            }
            present.values().forEach(TokenSlot::logoutIfIdle);
        }
    }

    /**
     * Asks the library, without blocking, whether a slot changed. Libraries without C_WaitForSlotEvent are polled
     * by comparing slot lists, which costs one C_GetSlotList per interval.
     */
    private boolean slotEventPending(Path library, PKCS11Module module) {
        if (Boolean.FALSE.equals(slotEventsSupported.get(library))) {
            return true;
        }
        try {
            Slot slot = module.waitForSlotEvent(true);
            slotEventsSupported.put(library, true);
            return slot != null;
        } catch (TokenException e) {
            long ckr = Pkcs11Failures.ckr(e);
            if (ckr == CKR_NO_EVENT) {
                slotEventsSupported.put(library, true);
                return false;
            }
            if (ckr == CKR_FUNCTION_NOT_SUPPORTED) {
                slotEventsSupported.put(library, false);
            }
            return true;
        }
    }

    private void rescanQuietly(Path library) {
        try {
            rescan(library, true);
        } catch (RuntimeException e) {
            LOG.warn("rescan of {} failed: {}", library, e.toString());
        }
    }

    private synchronized void rescan(Path library, boolean announce) {
        PKCS11Module module = modules.get(library);
        if (module == null) {
            return;
        }
        Map<String, Slot> seen = new LinkedHashMap<>();
        try {
            for (Slot slot : module.getSlotList(true)) {
                seen.put(key(library, slot.getSlotID()), slot);
            }
        } catch (TokenException e) {
            LOG.warn("cannot list slots of {}: {}", library, Pkcs11Failures.name(e));
            return;
        }
        for (Map.Entry<String, TokenSlot> known : List.copyOf(present.entrySet())) {
            if (!known.getValue().info().driver().equals(library)) {
                continue;
            }
            Slot slot = seen.get(known.getKey());
            if (slot == null || !sameToken(known.getValue(), slot)) {
                TokenSlot gone = present.remove(known.getKey());
                reindex();
                gone.markRemoved();
                gone.closeIfIdle();
                publish(new TokenEvent(TokenEvent.Type.REMOVED, gone.info()));
            }
        }
        List<TokenSlot> added = new ArrayList<>();
        for (Map.Entry<String, Slot> entry : seen.entrySet()) {
            if (!present.containsKey(entry.getKey())) {
                TokenSlot slot = inventory(library, entry.getValue());
                if (slot != null) {
                    present.put(entry.getKey(), slot);
                    added.add(slot);
                }
            }
        }
        reindex();
        if (announce) {
            added.forEach(slot -> publish(new TokenEvent(TokenEvent.Type.INSERTED, slot.info())));
        }
    }

    private static boolean sameToken(TokenSlot known, Slot slot) {
        try {
            org.xipki.pkcs11.wrapper.TokenInfo info = slot.getToken().getTokenInfo();
            return info.getSerialNumber().trim().equals(known.info().serial())
                    && info.getLabel().trim().equals(known.info().label());
        } catch (TokenException e) {
            return false;
        }
    }

    private TokenSlot inventory(Path library, Slot slot) {
        try {
            org.xipki.pkcs11.wrapper.TokenInfo raw = slot.getToken().getTokenInfo();
            if (!raw.isTokenInitialized()) {
                return null; // a blank token (or SoftHSM2's spare slot) has nothing to sign with
            }
            TokenInfo info = new TokenInfo(tokenId(library, raw), raw.getLabel().trim(),
                    raw.getManufacturerID().trim(), raw.getModel().trim(), raw.getSerialNumber().trim(), library,
                    slot.getSlotID(), TokenFlags.of(raw.getFlags()));
            Set<Long> mechanisms = TokenInventory.signingMechanisms(slot.getToken());
            Session session = slot.getToken().openSession(false);
            try {
                List<CertificateEntry> certs = TokenInventory.certificates(session, info, mechanisms);
                return new TokenSlot(slot, info, mechanisms, certs, config.loginPolicy(), config.clock());
            } finally {
                session.closeSession();
            }
        } catch (TokenException e) {
            if (unreadable.add(key(library, slot.getSlotID()) + Pkcs11Failures.name(e))) {
                LOG.warn("cannot read token in slot {} of {}: {}", slot.getSlotID(), library, Pkcs11Failures.name(e));
            }
            return null;
        }
    }

    private static String key(Path library, long slotId) {
        return library + "#" + slotId;
    }

    private static String tokenId(Path library, org.xipki.pkcs11.wrapper.TokenInfo raw) {
        String material = library.toAbsolutePath().normalize() + "\n" + raw.getManufacturerID().trim() + "\n"
                + raw.getModel().trim() + "\n" + raw.getSerialNumber().trim();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void publish(TokenEvent event) {
        LOG.info("token {}: {}", event.type(), event.token().label());
        for (Consumer<TokenEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("token event listener failed", e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        watcher.interrupt();
        try {
            watcher.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        present.values().forEach(TokenSlot::close);
        present.clear();
        certificateIndex = Map.of();
        for (PKCS11Module module : modules.values()) {
            if (!DriverLoader.release(module)) {
                continue;
            }
            try {
                module.finalize(null);
            } catch (TokenException e) {
                LOG.debug("finalize failed", e);
            }
        }
        modules.clear();
    }
}
