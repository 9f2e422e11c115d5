package vn.kyso.verify;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;

import vn.kyso.pki.BouncyCastle;
import vn.kyso.token.SignatureAlgorithm;

/**
 * A bare signature value — what the old plugin's SignMsg returned — verified with the certificate the caller gave:
 * over the data itself, or over its digest (RSA PKCS#1 v1.5 as a DigestInfo, ECDSA over the digest). Nothing in a
 * bare value binds the certificate or a time to it, so it is judged at the verification time and only the
 * certificate rules that follow this check can say more.
 */
final class RawSignatureValueCheck implements SignatureCheck {

    private final byte[] value;
    private final X509Certificate certificate;
    private final SignatureAlgorithm algorithm;
    private final byte[] content;
    private final byte[] digest;

    /** @param content the signed data, or null when only its {@code digest} is known */
    RawSignatureValueCheck(byte[] value, X509Certificate certificate, SignatureAlgorithm algorithm, byte[] content,
                           byte[] digest) {
        this.value = value.clone();
        this.certificate = certificate;
        this.algorithm = algorithm;
        this.content = content;
        this.digest = digest;
    }

    @Override
    public void check(SignatureContext context) {
        context.signerCertificate = certificate;
        context.carriedCertificates.add(certificate);
        context.digestAlgorithm = algorithm.digest().jcaName();
        context.signatureAlgorithm = algorithm.jcaName();
        SignatureTimestampCheck.withoutTimestamp(context, null);
        context.warnings.add("a bare signature value: nothing binds the certificate or a signing time to it");
        if (!certificate.getPublicKey().getAlgorithm().equals(algorithm.keyKind() == SignatureAlgorithm.KeyKind.RSA
                ? "RSA" : "EC")) {
            throw new VerificationFailure(SubIndication.SIG_CRYPTO_FAILURE, "the certificate's "
                    + certificate.getPublicKey().getAlgorithm() + " key cannot make a " + algorithm.jcaName()
                    + " signature");
        }
        boolean verified;
        try {
            verified = content != null ? verifyContent() : verifyDigest();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new VerificationFailure(SubIndication.SIG_CRYPTO_FAILURE, String.valueOf(e.getMessage()), e);
        }
        if (!verified) {
            throw new VerificationFailure(SubIndication.SIG_CRYPTO_FAILURE,
                    "the signature value does not match the data with the certificate's key");
        }
    }

    private boolean verifyContent() throws GeneralSecurityException {
        Signature signature = Signature.getInstance(algorithm.jcaName(), BouncyCastle.provider());
        signature.initVerify(certificate.getPublicKey());
        signature.update(content);
        return signature.verify(value);
    }

    /** A digest only: RSA-PSS has no digest-only verification here, so it must come with the data. */
    private boolean verifyDigest() throws GeneralSecurityException {
        if (digest.length != algorithm.digest().length()) {
            throw new VerificationFailure(SubIndication.SIGNED_DATA_NOT_FOUND, "a " + algorithm.digest().jcaName()
                    + " digest is " + algorithm.digest().length() + " bytes, not " + digest.length);
        }
        return switch (algorithm.scheme()) {
            case PKCS1 -> {
                AlgorithmIdentifier id = new DefaultDigestAlgorithmIdentifierFinder().find(
                        algorithm.digest().jcaName());
                byte[] digestInfo;
                try {
                    digestInfo = new DigestInfo(new AlgorithmIdentifier(id.getAlgorithm(), DERNull.INSTANCE), digest)
                            .getEncoded("DER");
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
                Signature signature = Signature.getInstance("NONEwithRSA", BouncyCastle.provider());
                signature.initVerify(certificate.getPublicKey());
                signature.update(digestInfo);
                yield signature.verify(value);
            }
            case ECDSA -> {
                Signature signature = Signature.getInstance("NONEwithECDSA", BouncyCastle.provider());
                signature.initVerify(certificate.getPublicKey());
                signature.update(digest);
                yield signature.verify(value);
            }
            case PSS -> throw new VerificationFailure(SubIndication.SIGNED_DATA_NOT_FOUND,
                    "an RSA-PSS signature is verified over the data, not a digest");
        };
    }
}
