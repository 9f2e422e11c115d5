package vn.kyso.consent;

import vn.kyso.errors.KysoException;

/**
 * Asks the person to approve one signing act. In the agent: its own topmost dialog. In tests: a scripted
 * implementation injected in-process. There is no implementation that approves on a page's say-so.
 */
@FunctionalInterface
public interface ConsentPrompt {

    enum Decision { APPROVE, REFUSE }

    Decision ask(ConsentRequest request);

    /**
     * CONSENT_REFUSED unless the person approves exactly {@code request}: the one refusal rule of every signing use
     * case.
     */
    default void require(ConsentRequest request) {
        if (ask(request) != Decision.APPROVE) {
            throw new KysoException(ConsentError.CONSENT_REFUSED);
        }
    }

    /** Where no person can be asked (no display, no dialog implementation): every act is refused. */
    ConsentPrompt NOBODY = request -> {
        throw new KysoException(ConsentError.CONSENT_UNAVAILABLE);
    };
}
