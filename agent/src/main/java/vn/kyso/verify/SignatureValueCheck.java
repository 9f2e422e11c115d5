package vn.kyso.verify;

import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The signature value verifies with the signer certificate's public key (RSA PKCS#1 v1.5, RSA-PSS, ECDSA). Built
 * from the bare key so BouncyCastle does not also judge the certificate's validity: that is a rule of its own,
 * judged at the best signing time.
 */
final class SignatureValueCheck implements SignatureCheck {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    @Override
    public void check(SignatureContext context) {
        try {
            SignerInformationVerifier verifier = new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC)
                    .build(context.signerCertificate.getPublicKey());
            if (!context.signer.verify(verifier)) {
                throw new VerificationFailure(SubIndication.SIG_CRYPTO_FAILURE,
                        "the signature value does not match the signed attributes");
            }
        } catch (VerificationFailure e) {
            throw e;
        } catch (Exception e) {
            // Digest mismatches were caught by MessageDigestCheck, so what is left is the signature value itself.
            throw new VerificationFailure(SubIndication.SIG_CRYPTO_FAILURE, String.valueOf(e.getMessage()), e);
        }
    }
}
