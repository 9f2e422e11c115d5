package vn.kyso.server;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import vn.kyso.app.Method;
import vn.kyso.errors.KysoException;

/**
 * The application's protocol methods by name: given at once, or still being built when the server starts listening
 * ({@code kyso serve} answers {@code /v1/health} while the token libraries load and the trusted roots are read). A
 * request that comes before the table is ready waits for it on its worker thread, within its time-out.
 */
public final class MethodTable {

    private final CompletableFuture<Map<String, Method>> methods;

    private MethodTable(CompletableFuture<Map<String, Method>> methods) {
        this.methods = methods;
    }

    /** A table that is ready now. */
    public static MethodTable of(Map<String, Method> methods) {
        return new MethodTable(CompletableFuture.completedFuture(new LinkedHashMap<>(methods)));
    }

    /** A table that is ready when {@code methods} completes; a failed build answers every request INTERNAL_ERROR. */
    public static MethodTable building(CompletableFuture<? extends Map<String, Method>> methods) {
        return new MethodTable(methods.thenApply(LinkedHashMap::new));
    }

    /** This table with the bridge's own methods ({@link DocumentMethods}) beside it; the application's win. */
    MethodTable withBridgeMethods(ServerSettings settings, String version) {
        return new MethodTable(methods.thenApply(application -> {
            Map<String, Method> all = new LinkedHashMap<>(application);
            Map<String, Method> view = Collections.unmodifiableMap(all);
            DocumentMethods.of(settings, version, () -> view).forEach(all::putIfAbsent);
            return view;
        }));
    }

    /** Whether a request would be answered without waiting. */
    boolean ready() {
        return methods.isDone() && !methods.isCompletedExceptionally();
    }

    /**
     * The method called {@code name}, null when there is none; waits while the table is being built.
     *
     * @throws InterruptedException when the request's time-out interrupts the wait
     */
    Method find(String name) throws InterruptedException {
        try {
            return methods.get().get(name);
        } catch (ExecutionException e) {
            // the agent is stopping: its start failed and the reason went to the terminal
            throw new KysoException(ServerError.INTERNAL_ERROR);
        }
    }
}
