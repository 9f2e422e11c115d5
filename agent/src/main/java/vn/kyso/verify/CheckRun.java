package vn.kyso.verify;

import java.util.List;

/**
 * Runs one signature's checks in order; the first rule that fails decides. Shared by the PDF, CMS, XML and JWS
 * verifiers so a crash on hostile input is judged the same everywhere.
 *
 * @param failed null when every check passed
 */
record CheckRun(SubIndication failed, String reason) {

    static CheckRun of(SignatureContext context, List<SignatureCheck> checks) {
        try {
            for (SignatureCheck check : checks) {
                check.check(context);
            }
            return new CheckRun(null, null);
        } catch (VerificationFailure e) {
            return new CheckRun(e.subIndication(), e.reason());
        } catch (RuntimeException e) {
            // A rule that crashed on hostile input proves nothing either way.
            return new CheckRun(SubIndication.FORMAT_FAILURE, "unexpected error: " + e);
        }
    }

    Indication indication() {
        return failed == null ? Indication.TOTAL_PASSED : failed.indication();
    }

    /**
     * The report of a signature outside a PDF (detached CMS, JWS): it covers all it signs, nothing changed after.
     *
     * @param level the format level the signature carries, decided apart from this run's verdict
     */
    SignatureReport detachedReport(String name, SignatureContext context, FormatLevel.Result level) {
        return new SignatureReport(name, false, indication(), failed, reason,
                context.signerCertificate == null ? null : Certificates.describe(context.signerCertificate),
                context.signingTime, level.level(), context.revocation, context.timestamp, null,
                context.digestAlgorithm, context.signatureAlgorithm, true, List.of(), context.warnings, level.gaps());
    }
}
