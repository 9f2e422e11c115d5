package vn.kyso.token;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.PSSSigner;

/**
 * Verifies a token's signature over a digest with the certificate's public key, and converts ECDSA output to DER.
 * A faulty token (or a key object that does not belong to the certificate) is caught here, before a document
 * carries a signature nobody can verify.
 */
final class SignatureCheck {

    private SignatureCheck() {
    }

    static boolean verify(PublicKey key, SignatureAlgorithm algorithm, byte[] digest, byte[] signature) {
        try {
            switch (algorithm.scheme()) {
                case PKCS1 -> {
                    Signature verifier = Signature.getInstance("NONEwithRSA");
                    verifier.initVerify(key);
                    verifier.update(algorithm.digest().digestInfo(digest));
                    return verifier.verify(signature);
                }
                case PSS -> {
                    RSAPublicKey rsa = (RSAPublicKey) key;
                    int saltLength = algorithm.digest().length();
                    PSSSigner verifier = PSSSigner.createRawSigner(new RSABlindedEngine(),
                            bcDigest(algorithm.digest()), bcDigest(algorithm.digest()), saltLength, PSSSigner.TRAILER_IMPLICIT);
                    verifier.init(false, new RSAKeyParameters(false, rsa.getModulus(), rsa.getPublicExponent()));
                    verifier.update(digest, 0, digest.length);
                    return verifier.verifySignature(signature);
                }
                case ECDSA -> {
                    Signature verifier = Signature.getInstance("NONEwithECDSA");
                    verifier.initVerify(key);
                    verifier.update(digest);
                    return verifier.verify(signature);
                }
                default -> throw new IllegalStateException(algorithm.toString());
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static Digest bcDigest(DigestAlgorithm algorithm) {
        return switch (algorithm) {
            case SHA256 -> new SHA256Digest();
            case SHA384 -> new SHA384Digest();
            case SHA512 -> new SHA512Digest();
        };
    }

    /**
     * PKCS#11 CKM_ECDSA returns r||s; CMS and PDF want the DER SEQUENCE of two INTEGERs. A few vendor libraries
     * already return DER, so accept that too.
     */
    static byte[] ecdsaToDer(byte[] signature, ECPublicKey key) {
        int fieldBytes = (key.getParams().getCurve().getField().getFieldSize() + 7) / 8;
        if (signature.length == 2 * fieldBytes) {
            BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, fieldBytes));
            BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, fieldBytes, signature.length));
            ASN1EncodableVector v = new ASN1EncodableVector();
            v.add(new ASN1Integer(r));
            v.add(new ASN1Integer(s));
            try {
                return new DERSequence(v).getEncoded();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(signature));
            return signature;
        } catch (IOException | IllegalArgumentException e) {
            return signature; // neither form; the self-check will refuse it
        }
    }
}
