package vn.kyso.server;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.kyso.app.Method;
import vn.kyso.errors.KysoException;

/**
 * Runs protocol requests: decoded on the socket's thread, then worked on by one bounded pool of threads for all
 * connections, so one long signature never blocks others and no caller can make the agent start threads without
 * bound. A request is refused at once with TOO_MANY_REQUESTS (never queued) when its connection or its origin
 * already has as many being worked on as allowed; every request gets exactly one answer — its result, its error, or
 * REQUEST_TIMEOUT, after which the worker is interrupted (a waiting prompt or token lock gives up).
 */
final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final MethodTable methods;
    private final ServerSettings settings;
    private final ConnectionLimits limits;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService timers;

    Dispatcher(MethodTable methods, ServerSettings settings, ConnectionLimits limits) {
        this.methods = methods;
        this.settings = settings;
        this.limits = limits;
        ServerSettings.Budgets budgets = settings.budgets();
        AtomicInteger number = new AtomicInteger();
        // The queue can never hold more than every connection's allowance, so it is bounded by construction.
        int queue = Math.max(1, settings.limits().maxConnections() * budgets.maxRequestsPerConnection());
        this.workers = new ThreadPoolExecutor(budgets.workerThreads(), budgets.workerThreads(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue), r -> {
                    Thread t = new Thread(r, "kyso-request-" + number.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.workers.allowCoreThreadTimeOut(true);
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kyso-request-timeout");
            t.setDaemon(true);
            return t;
        });
    }

    /** A text frame of {@code session}; called on the socket's thread, which it never blocks for long. */
    void dispatch(WsSession session, String text) {
        ProtocolCodec.Request request;
        try {
            request = ProtocolCodec.decode(text);
        } catch (ProtocolCodec.MalformedRequest e) {
            session.send(ProtocolCodec.error(e.id(), new KysoException(ServerError.MALFORMED_REQUEST,
                    e.getMessage())));
            return;
        }
        int perConnection = settings.budgets().maxRequestsPerConnection();
        if (!session.beginRequest(perConnection)) {
            session.send(ProtocolCodec.error(request.id(), tooMany(perConnection, "connection")));
            return;
        }
        if (!limits.beginRequest(session.caller())) {
            session.endRequest();
            session.send(ProtocolCodec.error(request.id(), tooMany(settings.budgets().maxRequestsPerOrigin(),
                    "origin")));
            return;
        }
        try {
            workers.execute(() -> {
                try {
                    handle(session, request);
                } finally {
                    limits.endRequest(session.caller());
                    session.endRequest();
                }
            });
        } catch (RejectedExecutionException e) {
            limits.endRequest(session.caller());
            session.endRequest();
            session.send(ProtocolCodec.error(request.id(), tooMany(perConnection, "agent")));
        }
    }

    private static KysoException tooMany(int limit, String scope) {
        return new KysoException(ServerError.TOO_MANY_REQUESTS, Map.of("limit", limit, "scope", scope), null,
                String.valueOf(limit));
    }

    private void handle(WsSession session, ProtocolCodec.Request request) {
        Answer answer = new Answer(session, request.id());
        Thread worker = Thread.currentThread();
        Duration timeout = settings.limits().requestTimeout();
        ScheduledFuture<?> timer = timers.schedule(() -> {
            if (answer.error(new KysoException(ServerError.REQUEST_TIMEOUT, Map.of(), null, request.method(),
                    String.valueOf(timeout.toSeconds())))) {
                worker.interrupt(); // a waiting prompt or token lock gives up; the late result is dropped
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        Method method;
        try {
            method = methods.find(request.method()); // waits while the agent's start is still building the table
        } catch (InterruptedException e) {
            timer.cancel(false);
            Thread.interrupted();
            return; // the time-out answered
        } catch (KysoException e) {
            timer.cancel(false);
            answer.error(e);
            return;
        }
        if (method == null) {
            timer.cancel(false);
            answer.error(new KysoException(ServerError.UNKNOWN_METHOD, Map.of(), null, request.method()));
            return;
        }
        boolean pending = false;
        Object result = null;
        KysoException error = null;
        try {
            if (method.asksThePerson()) {
                limits.beginPending(session.caller());
                pending = true;
            }
            result = method.call(session, request.params());
        } catch (KysoException e) {
            error = e;
        } catch (RuntimeException e) {
            LOG.error("request failed", e);
            error = new KysoException(ServerError.INTERNAL_ERROR);
        } finally {
            timer.cancel(false);
            // released before the page hears the answer, so a page that waits for each answer before asking again
            // never meets its own finished request in the count
            if (pending) {
                limits.endPending(session.caller());
            }
            Thread.interrupted(); // a timeout's interrupt must not reach the next request on this thread
        }
        try {
            if (error != null) {
                answer.error(error);
            } else {
                answer.result(result);
            }
        } catch (RuntimeException e) {
            LOG.error("answer failed", e);
        }
    }

    /** Threads working on requests now (for tests and diagnostics). */
    int activeWorkers() {
        return workers.getActiveCount();
    }

    @Override
    public void close() {
        workers.shutdownNow();
        timers.shutdownNow();
    }

    /** The one answer a request gets: its result, its error, or REQUEST_TIMEOUT — whichever comes first. */
    private static final class Answer {
        private final WsSession session;
        private final JsonNode id;
        private final AtomicBoolean sent = new AtomicBoolean();

        Answer(WsSession session, JsonNode id) {
            this.session = session;
            this.id = id;
        }

        void result(Object value) {
            if (sent.compareAndSet(false, true)) {
                session.send(ProtocolCodec.result(id, value));
            }
        }

        boolean error(KysoException e) {
            if (sent.compareAndSet(false, true)) {
                session.send(ProtocolCodec.error(id, e));
                return true;
            }
            return false;
        }
    }
}
