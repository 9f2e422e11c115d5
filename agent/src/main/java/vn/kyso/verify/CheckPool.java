package vn.kyso.verify;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that check a document's signatures while the verifying thread compares its revisions: the signatures
 * of one document are independent (each has its own CMS, time-stamp, chain and revocation data), so on a machine
 * with more than one core they are checked side by side. Bounded everywhere: at most three threads (one fewer than
 * the cores, none on one core), made at the first verification and gone after 30 idle seconds, and a short queue —
 * a task that finds it full, or that no thread has taken yet when its result is wanted, is run by the verifying
 * thread itself, so a verification never waits on work that has not started and the results keep their order.
 */
final class CheckPool {

    private static final int THREADS = Math.max(0, Math.min(3, Runtime.getRuntime().availableProcessors() - 1));
    private static final int QUEUE = 32;

    private CheckPool() {
    }

    /** Hands {@code task} to a pool thread when one can take it; {@link #await} runs it otherwise. */
    static void offer(FutureTask<?> task) {
        if (THREADS > 0) {
            Threads.EXECUTOR.execute(task);
        }
    }

    /** The task's result: run here if no pool thread took it, else waited for (a check takes milliseconds). */
    static <T> T await(FutureTask<T> task) {
        return await(task, List.of());
    }

    /**
     * The same, but while a pool thread still runs {@code task}, this thread first runs any of {@code others} (the
     * same verification's tasks) no thread has started yet, rather than wait idle behind a pool thread that a busy
     * machine has not given a core.
     */
    static <T> T await(FutureTask<T> task, List<? extends FutureTask<?>> others) {
        task.run(); // does nothing when a pool thread has started or finished it
        for (FutureTask<?> other : others) {
            if (task.isDone()) {
                break;
            }
            other.run(); // likewise: only a task nobody has started runs here
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Made at the first verification that offers work, not when the agent starts. */
    private static final class Threads {
        static final ThreadPoolExecutor EXECUTOR = executor();

        private static ThreadPoolExecutor executor() {
            AtomicInteger count = new AtomicInteger();
            ThreadFactory factory = task -> {
                Thread thread = new Thread(task, "kyso-verify-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
            ThreadPoolExecutor executor = new ThreadPoolExecutor(Math.max(1, THREADS), Math.max(1, THREADS), 30,
                    TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), factory,
                    new ThreadPoolExecutor.DiscardPolicy()); // the verifying thread runs what is discarded
            executor.allowCoreThreadTimeOut(true);
            return executor;
        }
    }
}
