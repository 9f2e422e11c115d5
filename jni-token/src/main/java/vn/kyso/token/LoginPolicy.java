package vn.kyso.token;

import java.time.Duration;

/**
 * How long a token stays logged in after the PIN was typed.
 *
 * @param idleTimeout used by {@link Mode#IDLE_TIMEOUT}: log out after this long without a signature
 */
public record LoginPolicy(Mode mode, Duration idleTimeout) {

    public enum Mode {
        /** Keep the login until the token is removed or the agent stops. */
        UNTIL_REMOVAL,
        /** Keep the login, but log out after the token sat idle for {@code idleTimeout}. */
        IDLE_TIMEOUT,
        /** Ask for the PIN for every signature (batch signing counts as one). */
        EVERY_SIGNATURE
    }

    public static LoginPolicy untilRemoval() {
        return new LoginPolicy(Mode.UNTIL_REMOVAL, Duration.ZERO);
    }

    public static LoginPolicy idle(Duration timeout) {
        return new LoginPolicy(Mode.IDLE_TIMEOUT, timeout);
    }

    public static LoginPolicy everySignature() {
        return new LoginPolicy(Mode.EVERY_SIGNATURE, Duration.ZERO);
    }
}
