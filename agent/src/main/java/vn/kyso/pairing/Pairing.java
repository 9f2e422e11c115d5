package vn.kyso.pairing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.kyso.errors.KysoException;
import vn.kyso.request.WebOrigin;

/**
 * The person's say over origins IT did not allow. An origin is approved "once" (until the agent stops) or "always"
 * ({@link PairedOrigins}); a denial lasts until the agent stops, and a prompt left unanswered keeps the origin quiet
 * for a while, so a page cannot make the dialog reappear in a loop. At most one prompt per origin is open at a time
 * (other requests of that origin are refused meanwhile, they do not queue), and only a few in all.
 *
 * <p>Only https origins can be paired, and http on the loopback names (local development): on plain http anyone on
 * the network path can inject script into the page, so approving the name would approve whoever is on the wire. IT
 * can still allow such an origin in the machine configuration.
 */
public final class Pairing {

    private static final Logger LOG = LoggerFactory.getLogger(Pairing.class);

    /**
     * @param maxPending         prompts open at once, over all origins
     * @param quietAfterNoAnswer how long an origin whose prompt timed out or was closed is not asked again
     */
    public record Limits(int maxPending, Duration quietAfterNoAnswer) {
        public static final Limits DEFAULT = new Limits(3, Duration.ofMinutes(5));
    }

    /** What happened to one request of an origin that is not on the allow-list. */
    public enum Result {
        APPROVED(true), APPROVED_NOW(true),
        /** The request may not open a prompt (health, no desktop): refused without asking. */
        NOT_ASKED(false),
        /** Plain http on a network name, or not an origin at all. */
        NOT_PAIRABLE(false),
        DENIED(false), DENIED_NOW(false),
        /** A prompt for this origin is already open. */
        PROMPT_OPEN(false),
        /** Too many prompts open over all origins. */
        TOO_MANY_PROMPTS(false),
        /** Its last prompt went unanswered a moment ago. */
        QUIET(false), NO_ANSWER(false);

        private final boolean allowed;

        Result(boolean allowed) {
            this.allowed = allowed;
        }

        public boolean allowed() {
            return allowed;
        }
    }

    private final PairedOrigins always;
    private final PairingPrompt prompt;
    private final Limits limits;
    private final Clock clock;
    private final Set<String> once = ConcurrentHashMap.newKeySet();
    private final Set<String> denied = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> quietUntil = new ConcurrentHashMap<>();
    private final Set<String> open = ConcurrentHashMap.newKeySet();
    private final Semaphore slots;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** @param prompt the person's dialog, or null where nobody can be asked (only "always" origins pass) */
    public Pairing(PairedOrigins always, PairingPrompt prompt, Limits limits, Clock clock) {
        this.always = always;
        this.prompt = prompt;
        this.limits = limits;
        this.clock = clock;
        this.slots = new Semaphore(limits.maxPending());
    }

    public Pairing(PairedOrigins always, PairingPrompt prompt) {
        this(always, prompt, Limits.DEFAULT, Clock.systemUTC());
    }

    /** https anywhere, http only on the loopback names; nothing else is ever offered to the person. */
    public static boolean mayBePaired(String origin) {
        Optional<String> normal = WebOrigin.normalise(origin);
        if (normal.isEmpty()) {
            return false;
        }
        return normal.get().startsWith("https://") || WebOrigin.isLoopbackHttp(normal.get());
    }

    /** Approved without asking anyone: once in this run, or always. */
    public boolean isApproved(String origin) {
        Optional<String> normal = WebOrigin.normalise(origin);
        return normal.isPresent() && (once.contains(normal.get()) || alwaysContains(normal.get()));
    }

    /**
     * Decides a request of an origin not on the allow-list; when {@code mayAsk}, a new origin's request waits here
     * for the person's answer.
     */
    public Result admit(String origin, boolean mayAsk) {
        Optional<String> normal = WebOrigin.normalise(origin);
        if (normal.isEmpty() || !mayBePaired(normal.get())) {
            return Result.NOT_PAIRABLE;
        }
        String key = normal.get();
        if (once.contains(key) || alwaysContains(key)) {
            return Result.APPROVED;
        }
        if (denied.contains(key)) {
            return Result.DENIED;
        }
        if (!mayAsk || prompt == null) {
            return Result.NOT_ASKED;
        }
        Instant quiet = quietUntil.get(key);
        if (quiet != null && clock.instant().isBefore(quiet)) {
            return Result.QUIET;
        }
        if (!open.add(key)) {
            return Result.PROMPT_OPEN;
        }
        try {
            if (!slots.tryAcquire()) {
                return Result.TOO_MANY_PROMPTS;
            }
            try {
                return ask(key);
            } finally {
                slots.release();
            }
        } finally {
            open.remove(key);
        }
    }

    private Result ask(String origin) {
        // answered while this request waited for its slot? (an "always" from a second agent window, say)
        if (once.contains(origin) || alwaysContains(origin)) {
            return Result.APPROVED;
        }
        PairingPrompt.Answer answer;
        try {
            answer = prompt.ask(origin);
        } catch (RuntimeException e) {
            LOG.warn("pairing prompt failed for {}: {}", origin, e.toString());
            answer = PairingPrompt.Answer.NO_ANSWER;
        }
        LOG.info("pairing {}: {}", origin, answer);
        Result result = switch (answer) {
            case ONCE -> {
                once.add(origin);
                yield Result.APPROVED_NOW;
            }
            case ALWAYS -> {
                always.add(origin);
                yield Result.APPROVED_NOW;
            }
            case DENY -> {
                denied.add(origin);
                yield Result.DENIED_NOW;
            }
            case NO_ANSWER -> {
                quietUntil.put(origin, clock.instant().plus(limits.quietAfterNoAnswer()));
                yield Result.NO_ANSWER;
            }
        };
        changed();
        return result;
    }

    private boolean alwaysContains(String origin) {
        try {
            return always.contains(origin);
        } catch (KysoException e) {
            // a damaged list approves nobody; kyso doctor names the file
            LOG.warn("{}", e.getMessage());
            return false;
        }
    }

    /** Origins approved "always" (persisted). */
    public List<PairedOrigins.Entry> approvedAlways() {
        return always.list();
    }

    /** Origins approved "once" in this run. */
    public Set<String> approvedOnce() {
        return Set.copyOf(once);
    }

    /** Withdraws an approval, once or always; true when there was one. */
    public boolean revoke(String origin) {
        Optional<String> normal = WebOrigin.normalise(origin);
        if (normal.isEmpty()) {
            return false;
        }
        boolean removed = once.remove(normal.get());
        removed |= always.revoke(normal.get());
        if (removed) {
            LOG.info("pairing {}: revoked", normal.get());
            changed();
        }
        return removed;
    }

    /** Called after every change of approvals (the tray redraws its menu). */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }
}
