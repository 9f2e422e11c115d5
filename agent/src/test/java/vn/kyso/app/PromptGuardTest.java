package vn.kyso.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import vn.kyso.consent.ConsentPrompt;
import vn.kyso.token.PinPrompt;

/**
 * "Asks the person" cannot be forgotten: a method registered without {@link Method#asking} that reaches the consent
 * or PIN dialog is refused before the person sees anything, so it can never escape the pending-prompt limit.
 */
class PromptGuardTest {

    private static final ObjectNode NO_PARAMS = JsonNodeFactory.instance.objectNode();

    private final AtomicInteger consents = new AtomicInteger();
    private final AtomicInteger pinsAsked = new AtomicInteger();
    private final ConsentPrompt consent = PromptGuard.consent(request -> {
        consents.incrementAndGet();
        return ConsentPrompt.Decision.APPROVE;
    });
    private final PinPrompt pins = PromptGuard.pins(request -> {
        pinsAsked.incrementAndGet();
        return Optional.of("1234".toCharArray());
    });

    /** A method body that signs: consent first, then the PIN. */
    private Object signs(Session session, ObjectNode params) {
        consent.require(null);
        return pins.requestPin(null).isPresent() ? "signed" : "cancelled";
    }

    @Test
    void aMethodNotDeclaredAsAskingNeverReachesThePerson() {
        Method undeclared = this::signs;
        assertFalse(undeclared.asksThePerson());
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> undeclared.call(null, NO_PARAMS));
        assertTrue(refused.getMessage().contains("Method.asking"), refused.getMessage());
        assertEquals(0, consents.get(), "no consent dialog");
        Method pinOnly = (session, params) -> pins.requestPin(null);
        assertThrows(IllegalStateException.class, () -> pinOnly.call(null, NO_PARAMS));
        assertEquals(0, pinsAsked.get(), "no PIN dialog");
    }

    @Test
    void aMethodDeclaredAsAskingReachesThePersonAndTheDeclarationEndsWithIt() {
        Method declared = Method.asking(this::signs);
        assertTrue(declared.asksThePerson());
        assertEquals("signed", declared.call(null, NO_PARAMS));
        assertEquals(1, consents.get());
        assertEquals(1, pinsAsked.get());

        Method failing = Method.asking((session, params) -> {
            throw new IllegalArgumentException("refused by the use case");
        });
        assertThrows(IllegalArgumentException.class, () -> failing.call(null, NO_PARAMS));
        Method undeclared = this::signs;
        assertThrows(IllegalStateException.class, () -> undeclared.call(null, NO_PARAMS),
                "the thread does not stay marked after an asking method, even one that failed");
        assertEquals(1, consents.get());
    }

    @Test
    void guardingTwiceKeepsOneGuard() {
        assertSame(consent, PromptGuard.consent(consent));
        assertSame(pins, PromptGuard.pins(pins));
    }
}
