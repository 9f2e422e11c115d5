package vn.kyso.app;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One protocol method. Throws KysoException for every refusal; the result is serialised as JSON.
 *
 * <p>Whether a method asks the person (consent or PIN dialog) is declared once, where it is registered: wrap it in
 * {@link #asking}. The server then counts it against the per-origin limit of pending prompts, {@code info} publishes
 * it, and the prompts built through {@link PromptGuard} open only for such methods, so forgetting fails closed.
 */
@FunctionalInterface
public interface Method {

    Object call(Session session, ObjectNode params);

    /** True for methods that wait for the person (consent, PIN) or the token: they count as pending requests. */
    default boolean asksThePerson() {
        return false;
    }

    /** {@code method} marked as one that asks the person, so the per-origin limit of pending requests applies. */
    static Method asking(Method method) {
        return new Method() {
            @Override
            public Object call(Session session, ObjectNode params) {
                return PromptGuard.whileAsking(() -> method.call(session, params));
            }

            @Override
            public boolean asksThePerson() {
                return true;
            }
        };
    }
}
