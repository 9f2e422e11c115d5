package vn.kyso.verify;

import java.util.Map;

import vn.kyso.errors.KysoException;

/**
 * Thrown by one {@link SignatureCheck} when its rule fails. Each failure carries its own sub-indication, so the
 * report can say exactly which rule failed (the web-eid idea, with a code instead of an exception class per rule).
 */
public final class VerificationFailure extends KysoException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    public VerificationFailure(SubIndication subIndication, String reason) {
        this(subIndication, reason, null);
    }

    public VerificationFailure(SubIndication subIndication, String reason, Throwable cause) {
        super(subIndication, Map.of(), cause, reason);
        this.reason = reason;
    }

    /** The detail of the failure, without the sub-indication's sentence around it. */
    public String reason() {
        return reason;
    }

    public SubIndication subIndication() {
        return (SubIndication) errorCode();
    }
}
