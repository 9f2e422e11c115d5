package vn.kyso.app;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One protocol method. Throws KysoException for every refusal; the result is serialised as JSON. */
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
                return method.call(session, params);
            }

            @Override
            public boolean asksThePerson() {
                return true;
            }
        };
    }
}
