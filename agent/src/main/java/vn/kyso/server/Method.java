package vn.kyso.server;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One protocol method. Throws KysoException for every refusal; the result is serialised as JSON. */
@FunctionalInterface
public interface Method {

    Object call(Session session, ObjectNode params);
}
