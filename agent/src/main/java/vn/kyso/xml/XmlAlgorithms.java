package vn.kyso.xml;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;

import org.apache.xml.security.algorithms.MessageDigestAlgorithm;
import org.apache.xml.security.signature.XMLSignature;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;

import vn.kyso.errors.KysoException;
import vn.kyso.sign.SignerPort;
import vn.kyso.token.DigestAlgorithm;
import vn.kyso.token.SignatureAlgorithm;

/**
 * The XMLDSig identifiers of the algorithms the token layer offers (RFC 6931 for RSA-PSS with MGF1 and ECDSA), and
 * the one encoding difference: XMLDSig carries ECDSA values as r‖s, fixed length, where the token returns DER.
 */
public final class XmlAlgorithms {

    private XmlAlgorithms() {
    }

    public static String signatureUri(SignatureAlgorithm algorithm) {
        return switch (algorithm) {
            case RSA_PKCS1_SHA256 -> XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256;
            case RSA_PKCS1_SHA384 -> XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA384;
            case RSA_PKCS1_SHA512 -> XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA512;
            case RSA_PSS_SHA256 -> XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256_MGF1;
            case RSA_PSS_SHA384 -> XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA384_MGF1;
            case RSA_PSS_SHA512 -> XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA512_MGF1;
            case ECDSA_SHA256 -> XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA256;
            case ECDSA_SHA384 -> XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA384;
            case ECDSA_SHA512 -> XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA512;
        };
    }

    /** The algorithm a SignatureMethod URI names; null for one the agent does not accept (SHA-1, MD5, DSA, HMAC …). */
    public static SignatureAlgorithm fromSignatureUri(String uri) {
        for (SignatureAlgorithm algorithm : SignatureAlgorithm.values()) {
            if (signatureUri(algorithm).equals(uri)) {
                return algorithm;
            }
        }
        return null;
    }

    public static String digestUri(DigestAlgorithm algorithm) {
        return switch (algorithm) {
            case SHA256 -> MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA256;
            case SHA384 -> MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA384;
            case SHA512 -> MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA512;
        };
    }

    /** The digest a DigestMethod URI names; null for SHA-1, MD5 and anything else below SHA-256. */
    public static DigestAlgorithm fromDigestUri(String uri) {
        for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
            if (digestUri(algorithm).equals(uri)) {
                return algorithm;
            }
        }
        return null;
    }

    /**
     * The requested algorithm if the key offers it, else the key's preferred one.
     *
     * @throws KysoException XML_ALGORITHM_NOT_OFFERED
     */
    public static SignatureAlgorithm choose(SignerPort signer, SignatureAlgorithm requested) {
        if (requested == null) {
            if (signer.algorithms().isEmpty()) {
                throw new KysoException(XmlError.XML_ALGORITHM_NOT_OFFERED, "*");
            }
            return signer.algorithms().get(0);
        }
        if (!signer.algorithms().contains(requested)) {
            throw new KysoException(XmlError.XML_ALGORITHM_NOT_OFFERED, requested.name());
        }
        return requested;
    }

    /** The token's signature value as XMLDSig wants it: RSA unchanged, ECDSA from DER to r‖s. */
    public static byte[] toXmlDsig(byte[] value, SignatureAlgorithm algorithm, PublicKey key) {
        if (algorithm.keyKind() != SignatureAlgorithm.KeyKind.EC) {
            return value;
        }
        int size = (((ECPublicKey) key).getParams().getCurve().getField().getFieldSize() + 7) / 8;
        try {
            ASN1Sequence sequence = ASN1Sequence.getInstance(value);
            byte[] out = new byte[2 * size];
            copyUnsigned(ASN1Integer.getInstance(sequence.getObjectAt(0)).getValue(), out, 0, size);
            copyUnsigned(ASN1Integer.getInstance(sequence.getObjectAt(1)).getValue(), out, size, size);
            return out;
        } catch (IllegalArgumentException e) {
            throw new KysoException(XmlError.XML_SIGNING_FAILED, java.util.Map.of(), e,
                    "the token returned an ECDSA value that is not DER");
        }
    }

    private static void copyUnsigned(BigInteger value, byte[] out, int offset, int size) {
        byte[] bytes = value.toByteArray();
        int skip = bytes.length > size ? bytes.length - size : 0; // a leading sign byte
        int length = bytes.length - skip;
        if (length > size) {
            throw new IllegalArgumentException("integer longer than the curve");
        }
        System.arraycopy(bytes, skip, out, offset + size - length, length);
    }

    public static byte[] digest(DigestAlgorithm algorithm, byte[] data) {
        try {
            return java.security.MessageDigest.getInstance(algorithm.jcaName()).digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
