package vn.kyso.app;

import java.util.Optional;
import java.util.function.Supplier;

import vn.kyso.consent.ConsentPrompt;
import vn.kyso.consent.ConsentRequest;
import vn.kyso.token.PinPrompt;
import vn.kyso.token.PinRequest;

/**
 * Makes "asks the person" impossible to forget: the consent and PIN prompts the methods are built with open only
 * while a method registered through {@link Method#asking} runs on this thread. A method that reaches the person
 * without that declaration would escape the per-origin limit of pending prompts, so it fails closed instead — the
 * person is never asked and the request is answered INTERNAL_ERROR (a programming error, seen in any test of it).
 */
public final class PromptGuard {

    private static final ThreadLocal<Boolean> ASKING = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private PromptGuard() {
    }

    /** {@code prompt}, opening only inside an asking method (guarding twice changes nothing). */
    public static ConsentPrompt consent(ConsentPrompt prompt) {
        return prompt instanceof GuardedConsent ? prompt : new GuardedConsent(prompt);
    }

    /** {@code prompt}, opening only inside an asking method (guarding twice changes nothing). */
    public static PinPrompt pins(PinPrompt prompt) {
        return prompt instanceof GuardedPins ? prompt : new GuardedPins(prompt);
    }

    /** Runs {@code call} as the body of a method declared to ask the person. */
    static <T> T whileAsking(Supplier<T> call) {
        Boolean before = ASKING.get();
        ASKING.set(Boolean.TRUE);
        try {
            return call.get();
        } finally {
            ASKING.set(before);
        }
    }

    private static void requireAsking(String what) {
        if (!ASKING.get()) {
            throw new IllegalStateException("a method not registered with Method.asking reached the " + what
                    + "; it would escape the per-origin limit of pending prompts");
        }
    }

    private record GuardedConsent(ConsentPrompt prompt) implements ConsentPrompt {
        @Override
        public Decision ask(ConsentRequest request) {
            requireAsking("consent dialog");
            return prompt.ask(request);
        }
    }

    private record GuardedPins(PinPrompt prompt) implements PinPrompt {
        @Override
        public Optional<char[]> requestPin(PinRequest request) {
            requireAsking("PIN dialog");
            return prompt.requestPin(request);
        }
    }
}
