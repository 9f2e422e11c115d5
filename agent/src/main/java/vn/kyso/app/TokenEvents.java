package vn.kyso.app;

import java.util.Map;
import java.util.function.BiConsumer;

import vn.kyso.token.TokenEvent;
import vn.kyso.token.TokenManager;

/** The protocol's token events: what every connected page hears when a token is inserted or removed. */
public final class TokenEvents {

    private TokenEvents() {
    }

    /**
     * Sends each of {@code tokens}' hot-plug events through {@code broadcast} (the server's
     * {@code broadcast(event, data)}), then runs {@code after} (e.g. refreshing the tray).
     */
    public static void forward(TokenManager tokens, BiConsumer<String, Object> broadcast, Runnable after) {
        tokens.addListener(event -> {
            broadcast.accept(event.type() == TokenEvent.Type.INSERTED ? "token.inserted" : "token.removed",
                    Map.of("id", event.token().id(), "label", event.token().label()));
            after.run();
        });
    }
}
