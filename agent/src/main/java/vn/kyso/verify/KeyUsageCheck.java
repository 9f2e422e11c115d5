package vn.kyso.verify;

/** The signer certificate allows signing: keyUsage digitalSignature or nonRepudiation (when keyUsage is present). */
final class KeyUsageCheck implements SignatureCheck {

    @Override
    public void check(SignatureContext context) {
        boolean[] usage = context.signerCertificate.getKeyUsage();
        if (usage != null && !(usage[0] || usage[1])) {
            throw new VerificationFailure(SubIndication.SIG_CONSTRAINTS_FAILURE,
                    "keyUsage has neither digitalSignature nor nonRepudiation");
        }
    }
}
