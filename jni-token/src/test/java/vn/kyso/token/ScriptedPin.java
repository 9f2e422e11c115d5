package vn.kyso.token;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Test PinPrompt: answers with a fixed PIN (or cancels) and records every request it saw. */
final class ScriptedPin implements PinPrompt {

    private final String pin;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<PinRequest> requests = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<char[]> handedOut = java.util.Collections.synchronizedList(new ArrayList<>());

    private ScriptedPin(String pin) {
        this.pin = pin;
    }

    static ScriptedPin answering(String pin) {
        return new ScriptedPin(pin);
    }

    static ScriptedPin cancelling() {
        return new ScriptedPin(null);
    }

    @Override
    public Optional<char[]> requestPin(PinRequest request) {
        calls.incrementAndGet();
        requests.add(request);
        if (pin == null) {
            return Optional.empty();
        }
        char[] copy = pin.toCharArray();
        handedOut.add(copy);
        return Optional.of(copy);
    }

    int calls() {
        return calls.get();
    }

    List<PinRequest> requests() {
        return requests;
    }

    /** Every PIN array given to the layer must have been wiped after use. */
    boolean allWiped() {
        return handedOut.stream().allMatch(a -> new String(a).chars().allMatch(c -> c == 0));
    }
}
