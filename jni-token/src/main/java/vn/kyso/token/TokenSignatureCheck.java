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
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.PSSSigner;

/**
 * Verifies a token's signature over a digest with the certificate's public key, and converts ECDSA output to DER.
 * A faulty token (or a key object that does not belong to the certificate) is caught here, before a document
 * carries a signature nobody can verify.
 */
final class TokenSignatureCheck {

    private TokenSignatureCheck() {
    }

    static boolean verify(PublicKey key, SignatureAlgorithm algorithm, byte[] digest, byte[] signature) {
        try {
            switch (algorithm.scheme()) {
                case PKCS1 -> {
                    return verifyPkcs1((RSAPublicKey) key, algorithm.digest().digestInfo(digest), signature);
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

    /**
     * RSASSA-PKCS1-v1_5 verification by re-encoding (RFC 8017 §8.2.2): s^e mod n must equal
     * 00 01 FF…FF 00 || DigestInfo byte for byte. Exact comparison, no parsing, and cheaper than a JCA round trip.
     */
    private static boolean verifyPkcs1(RSAPublicKey key, byte[] digestInfo, byte[] signature) {
        int k = (key.getModulus().bitLength() + 7) / 8;
        BigInteger s = new BigInteger(1, signature);
        if (signature.length != k || s.compareTo(key.getModulus()) >= 0) {
            return false;
        }
        byte[] recovered = s.modPow(key.getPublicExponent(), key.getModulus()).toByteArray();
        byte[] expected = new byte[k];
        expected[1] = 0x01;
        Arrays.fill(expected, 2, k - digestInfo.length - 1, (byte) 0xFF);
        System.arraycopy(digestInfo, 0, expected, k - digestInfo.length, digestInfo.length);
        // toByteArray drops the leading 00 (and may add a sign byte); compare the last k bytes
        byte[] actual = new byte[k];
        int copy = Math.min(recovered.length, k);
        System.arraycopy(recovered, recovered.length - copy, actual, k - copy, copy);
        return java.security.MessageDigest.isEqual(expected, actual);
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
