package vn.kyso.verify;

import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

import vn.kyso.cms.PrecomputedDigestProvider;
import vn.kyso.pki.BouncyCastle;

/**
 * The signature value verifies with the signer certificate's public key (RSA PKCS#1 v1.5, RSA-PSS, ECDSA). Built
 * from the bare key so BouncyCastle does not also judge the certificate's validity: that is a rule of its own,
 * judged at the best signing time.
 */
final class SignatureValueCheck implements SignatureCheck {

    @Override
    public void check(SignatureContext context) {
        try {
            SignerInformationVerifier verifier = context.contentDigest == null
                    ? new JcaSimpleSignerInfoVerifierBuilder().setProvider(BouncyCastle.provider())
                            .build(context.signerCertificate.getPublicKey())
                    // Content known only by its digest: BouncyCastle takes it from this provider instead of hashing.
                    : new SignerInformationVerifier(new DefaultCMSSignatureAlgorithmNameGenerator(),
                            new DefaultSignatureAlgorithmIdentifierFinder(),
                            new JcaContentVerifierProviderBuilder().setProvider(BouncyCastle.provider())
                                    .build(context.signerCertificate.getPublicKey()),
                            new PrecomputedDigestProvider(context.contentDigestAlgorithm, context.contentDigest));
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
