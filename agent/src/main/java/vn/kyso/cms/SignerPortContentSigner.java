package vn.kyso.cms;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

import vn.kyso.sign.SignerPort;
import vn.kyso.token.SignatureAlgorithm;

/**
 * A BouncyCastle {@link ContentSigner} whose private key is behind a {@link SignerPort}: BouncyCastle writes the DER
 * signed attributes into it, we hash them once here and hand only the digest to the token (tokens sign digests).
 */
final class SignerPortContentSigner implements ContentSigner {

    private final SignerPort signer;
    private final SignatureAlgorithm algorithm;
    private final AlgorithmIdentifier algorithmIdentifier;
    private final ByteArrayOutputStream signedBytes = new ByteArrayOutputStream();

    SignerPortContentSigner(SignerPort signer, SignatureAlgorithm algorithm) {
        this.signer = signer;
        this.algorithm = algorithm;
        // For RSA-PSS BouncyCastle's finder writes RSASSA-PSS-params with MGF1 over the same digest and a salt as long
        // as the digest — exactly what the token layer produces for RSA_PSS_*.
        this.algorithmIdentifier = new DefaultSignatureAlgorithmIdentifierFinder().find(algorithm.jcaName());
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return algorithmIdentifier;
    }

    @Override
    public OutputStream getOutputStream() {
        return signedBytes;
    }

    @Override
    public byte[] getSignature() {
        try {
            byte[] digest = MessageDigest.getInstance(algorithm.digest().jcaName()).digest(signedBytes.toByteArray());
            return signer.sign(digest, algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
