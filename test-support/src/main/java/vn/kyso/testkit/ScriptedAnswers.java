package vn.kyso.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One dialog of a scripted person (consent, PIN, pairing): what the tests script it to answer, and what it was asked.
 * Answers queued with {@link #then} are given first, one per question, in order; after them the standing answer. A
 * {@link #waiting} dialog has no standing answer: it waits for a queued one, like a person who has not clicked yet,
 * and gives {@code noAnswer} when the wait runs out. The agent-side adapter turns the dialogs' own request types into
 * questions, so this class knows nothing of the agent.
 *
 * @param <Q> what the dialog is asked (the request the person sees)
 * @param <A> what the person answers
 */
public final class ScriptedAnswers<Q, A> {

    private final List<Q> asked = new CopyOnWriteArrayList<>();
    /** Answers may be null (a cancelled dialog), which a queue cannot hold. */
    private final BlockingQueue<Optional<A>> queued = new LinkedBlockingQueue<>();
    private final Duration wait;
    private volatile A noAnswer;
    private volatile boolean waits;
    private volatile CountDownLatch held = new CountDownLatch(0);
    private volatile A standing;

    private ScriptedAnswers(boolean waits, A standing, Duration wait, A noAnswer) {
        this.waits = waits;
        this.standing = standing;
        this.wait = wait;
        this.noAnswer = noAnswer;
    }

    /** Answers {@code answer} to every question not scripted otherwise. */
    public static <Q, A> ScriptedAnswers<Q, A> always(A answer) {
        return new ScriptedAnswers<>(false, answer, Duration.ZERO, answer);
    }

    /** Waits up to {@code wait} for a queued answer to each question, then answers {@code noAnswer}. */
    public static <Q, A> ScriptedAnswers<Q, A> waiting(Duration wait, A noAnswer) {
        return new ScriptedAnswers<>(true, null, wait, noAnswer);
    }

    /** Queues one answer, given to the next question before the standing one. */
    public ScriptedAnswers<Q, A> then(A answer) {
        queued.add(Optional.ofNullable(answer));
        return this;
    }

    /** What a dialog left without an answer gives: the wait ran out, or the agent gave up on it (interrupted). */
    public ScriptedAnswers<Q, A> unanswered(A answer) {
        this.noAnswer = answer;
        return this;
    }

    /** The person takes their time: dialogs opened from now on stay open until {@link #release()}. */
    public void hold() {
        held = new CountDownLatch(1);
    }

    public void release() {
        held.countDown();
    }

    /** From now on answers {@code answer} when nothing is queued. */
    public ScriptedAnswers<Q, A> standing(A answer) {
        this.standing = answer;
        this.waits = false;
        return this;
    }

    /** Forgets what was asked and queued, and answers {@code answer} from now on: between tests. */
    public void reset(A answer) {
        asked.clear();
        queued.clear();
        standing = answer;
        waits = false;
        release();
    }

    /** Called by the dialog: records the question and gives the scripted answer. */
    public A answer(Q question) {
        asked.add(question);
        try {
            held.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return noAnswer;
        }
        Optional<A> next = queued.poll();
        if (next != null) {
            return next.orElse(null);
        }
        if (!waits) {
            return standing;
        }
        try {
            next = queued.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
            return next == null ? noAnswer : next.orElse(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return noAnswer;
        }
    }

    /** The questions asked so far, in order. */
    public List<Q> asked() {
        return List.copyOf(asked);
    }

    public int count() {
        return asked.size();
    }
}
