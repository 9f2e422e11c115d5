package vn.kyso.verify;

import java.security.cert.X509Certificate;

/**
 * The signer certificate allows signing: keyUsage digitalSignature or nonRepudiation (when keyUsage is present).
 * The one home of this rule: the verifier runs it per signature, {@link SignerCertificateCheck} before signing.
 */
final class KeyUsageCheck implements SignatureCheck {

    @Override
    public void check(SignatureContext context) {
        requireSigningUsage(context.signerCertificate);
    }

    /** SIG_CONSTRAINTS_FAILURE unless {@code certificate} may sign. */
    static void requireSigningUsage(X509Certificate certificate) {
        boolean[] usage = certificate.getKeyUsage();
        if (usage != null && !(usage[0] || usage[1])) {
            throw new VerificationFailure(SubIndication.SIG_CONSTRAINTS_FAILURE,
                    "keyUsage has neither digitalSignature nor nonRepudiation");
        }
    }
}
