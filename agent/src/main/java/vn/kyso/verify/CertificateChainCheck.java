package vn.kyso.verify;

/** The signer certificate chains to a trusted root (NO_CERTIFICATE_CHAIN_FOUND otherwise). */
final class CertificateChainCheck implements SignatureCheck {

    private final ChainBuilder chains;

    CertificateChainCheck(ChainBuilder chains) {
        this.chains = chains;
    }

    @Override
    public void check(SignatureContext context) {
        context.chain = chains.build(context.signerCertificate, context.certificatePool());
    }
}
