package vn.kyso.verify;

import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import vn.kyso.cms.PrecomputedDigestProvider;
import vn.kyso.pki.BouncyCastle;

/**
 * The signature value verifies with the signer certificate's public key (RSA PKCS#1 v1.5, RSA-PSS, ECDSA). Built
 * from the bare key so BouncyCastle does not also judge the certificate's validity: that is a rule of its own,
 * judged at the best signing time. The content is not hashed again when its digest is known — given by the caller
 * or computed by the messageDigest check — and otherwise with the platform's digest (hardware-assisted SHA-2),
 * not BouncyCastle's: hashing the byte ranges twice in pure Java was a fifth of a PDF verification.
 */
final class SignatureValueCheck implements SignatureCheck {

    /** Read-only tables after construction, and building them was a tenth of this check: made once. */
    private static final DefaultCMSSignatureAlgorithmNameGenerator NAMES = new DefaultCMSSignatureAlgorithmNameGenerator();
    private static final DefaultSignatureAlgorithmIdentifierFinder ALGORITHMS =
            new DefaultSignatureAlgorithmIdentifierFinder();

    @Override
    public void check(SignatureContext context) {
        try {
            SignerInformationVerifier verifier = new SignerInformationVerifier(NAMES, ALGORITHMS,
                    new JcaContentVerifierProviderBuilder().setProvider(BouncyCastle.provider())
                            .build(context.signerCertificate.getPublicKey()),
                    contentDigests(context));
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

    private static DigestCalculatorProvider contentDigests(SignatureContext context) throws Exception {
        if (context.contentDigest != null) {
            // Content known only by its digest: BouncyCastle takes it from this provider instead of hashing.
            return new PrecomputedDigestProvider(context.contentDigestAlgorithm, context.contentDigest);
        }
        if (context.signedContentDigest != null) {
            return new PrecomputedDigestProvider(context.signer.getDigestAlgorithmID(), context.signedContentDigest);
        }
        return new JcaDigestCalculatorProviderBuilder().build();
    }
}
