package vn.kyso.consent;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Puts the person's consent prompts in a line: one window at a time, in arrival order, so several signing requests
 * never stack up windows to click through (how many may wait per origin is the server's limit). A request given up
 * while waiting its turn (the server's request time-out interrupts it) is refused without a window.
 */
public final class ConsentQueue implements ConsentPrompt {

    private final ConsentPrompt person;
    private final ReentrantLock turn = new ReentrantLock(true);

    public ConsentQueue(ConsentPrompt person) {
        this.person = person;
    }

    @Override
    public Decision ask(ConsentRequest request) {
        try {
            turn.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Decision.REFUSE;
        }
        try {
            return person.ask(request);
        } finally {
            turn.unlock();
        }
    }
}
