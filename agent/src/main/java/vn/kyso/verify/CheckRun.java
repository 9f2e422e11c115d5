package vn.kyso.verify;

import java.util.List;

/**
 * Runs a signature's rules in order; the first that fails decides. A rule that crashes on hostile input proves
 * nothing either way, so it counts as a format failure rather than escaping the verifier.
 */
final class CheckRun {

    /** Why a signature did not pass; null from {@link #run} when every rule held. */
    record Failure(SubIndication subIndication, String reason) {
    }

    private CheckRun() {
    }

    static Failure run(List<SignatureCheck> checks, SignatureContext context) {
        try {
            for (SignatureCheck check : checks) {
                check.check(context);
            }
            return null;
        } catch (VerificationFailure e) {
            return new Failure(e.subIndication(), e.reason());
        } catch (RuntimeException e) {
            return new Failure(SubIndication.FORMAT_FAILURE, "unexpected error: " + e);
        }
    }
}
