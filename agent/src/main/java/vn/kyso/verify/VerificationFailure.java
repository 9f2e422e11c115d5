package vn.kyso.verify;

import java.util.Map;

import vn.kyso.errors.KysoException;

/**
 * Thrown by one {@link SignatureCheck} when its rule fails. Each failure carries its own sub-indication, so the
 * report can say exactly which rule failed (the web-eid idea, with a code instead of an exception class per rule).
 */
public final class VerificationFailure extends KysoException {

    private static final long serialVersionUID = 1L;

    public VerificationFailure(SubIndication subIndication, String reason) {
        super(subIndication, Map.of(), null, reason);
    }

    public VerificationFailure(SubIndication subIndication, String reason, Throwable cause) {
        super(subIndication, Map.of(), cause, reason);
    }

    public SubIndication subIndication() {
        return (SubIndication) errorCode();
    }
}
