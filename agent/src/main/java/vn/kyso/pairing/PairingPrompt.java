package vn.kyso.pairing;

/**
 * Asks the person whether a web origin that IT did not allow may use the agent. In the agent: its own topmost dialog;
 * in tests: a scripted implementation. Called on the thread of the request that asked, which waits for the answer.
 */
@FunctionalInterface
public interface PairingPrompt {

    enum Answer {
        /** Allowed until the agent stops. */
        ONCE,
        /** Allowed from now on; remembered in the user's paired-origins file until revoked. */
        ALWAYS,
        /** Refused; not asked again until the agent restarts. */
        DENY,
        /** The dialog timed out or was closed: refused now, asked again only after a quiet period. */
        NO_ANSWER
    }

    Answer ask(String origin);
}
