package vn.kyso.consent;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import vn.kyso.app.AgentError;
import vn.kyso.errors.KysoException;

/**
 * Puts the person's consent prompts in a line: one window at a time, in arrival order, and at most
 * {@code perOrigin} requests of one origin waiting — a page that fires many signing requests gets
 * TOO_MANY_PENDING_PROMPTS instead of a stack of windows to click through.
 */
public final class ConsentQueue implements ConsentPrompt {

    public static final int DEFAULT_PER_ORIGIN = 3;

    private final ConsentPrompt person;
    private final int perOrigin;
    private final Map<String, Integer> waiting = new HashMap<>();
    private final ReentrantLock turn = new ReentrantLock(true);

    public ConsentQueue(ConsentPrompt person, int perOrigin) {
        this.person = person;
        this.perOrigin = perOrigin;
    }

    @Override
    public Decision ask(ConsentRequest request) {
        String origin = String.valueOf(request.origin());
        synchronized (waiting) {
            int count = waiting.getOrDefault(origin, 0);
            if (count >= perOrigin) {
                throw new KysoException(AgentError.TOO_MANY_PENDING_PROMPTS, Map.of("origin", origin), null, origin);
            }
            waiting.put(origin, count + 1);
        }
        try {
            turn.lockInterruptibly();
            try {
                return person.ask(request);
            } finally {
                turn.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Decision.REFUSE;
        } finally {
            synchronized (waiting) {
                waiting.merge(origin, -1, Integer::sum);
                waiting.remove(origin, 0);
            }
        }
    }
}
