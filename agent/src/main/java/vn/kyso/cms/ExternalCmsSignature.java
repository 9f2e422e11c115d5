package vn.kyso.cms;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;

import vn.kyso.errors.KysoException;
import vn.kyso.sign.SignerPort;
import vn.kyso.token.SignatureAlgorithm;

/**
 * CMS for a key that is not behind a {@link SignerPort} here: the signature value is made elsewhere over the digest
 * of the signed attributes. Both steps run the same {@link CmsSignatureBuilder}; because its signed attributes are
 * deterministic for a given content digest, certificate and signing time (DER sorts the SET), the attributes built
 * when completing are byte for byte the ones whose digest was handed out, and the same state (content digest,
 * chain, algorithm, signing time) is all that has to be kept in between.
 */
public final class ExternalCmsSignature {

    /**
     * @param signedAttributes the DER SET OF Attribute the signature value is computed over
     * @param digest           its digest with the algorithm's hash: what a token (or a web crypto API) signs
     */
    public record ToBeSigned(byte[] signedAttributes, byte[] digest) {
    }

    private ExternalCmsSignature() {
    }

    /** The signed attributes for {@code contentDigest} and the digest to sign. The key is never asked. */
    public static ToBeSigned toBeSigned(List<X509Certificate> chain, SignatureAlgorithm algorithm,
                                        byte[] contentDigest, Instant signingTime) {
        FixedValueSigner capture = new FixedValueSigner(chain, algorithm, new byte[] {0});
        CMSSignedData dummy = new CmsSignatureBuilder(capture, algorithm).build(contentDigest, signingTime);
        SignerInformation signer = dummy.getSignerInfos().getSigners().iterator().next();
        try {
            return new ToBeSigned(signer.getEncodedSignedAttributes(), capture.requested);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The CMS with {@code signatureValue} (RSA: the raw value; ECDSA: DER or the plain r‖s form web crypto APIs
     * return). SIGNATURE_MISMATCH unless the value verifies over these signed attributes with the leaf's key.
     */
    public static CMSSignedData assemble(List<X509Certificate> chain, SignatureAlgorithm algorithm,
                                         byte[] contentDigest, Instant signingTime, byte[] signatureValue) {
        byte[] value = algorithm.scheme() == SignatureAlgorithm.Scheme.ECDSA
                ? ecdsaDer(signatureValue, chain.get(0)) : signatureValue.clone();
        // Built once: the value is checked below over exactly the attributes it was put under, which are the ones
        // toBeSigned handed out (deterministic for the same content digest, chain and signing time).
        FixedValueSigner fixed = new FixedValueSigner(chain, algorithm, value);
        CMSSignedData cms = new CmsSignatureBuilder(fixed, algorithm).build(contentDigest, signingTime);
        CmsSignatureMatch.require(cms, algorithm.digest(), contentDigest, chain.get(0));
        return cms;
    }

    /** ECDSA values from web crypto are IEEE P1363 (r‖s, each the curve's size); CMS wants ECDSA-Sig-Value DER. */
    static byte[] ecdsaDer(byte[] value, X509Certificate certificate) {
        if (isDerSequenceOfTwoIntegers(value)) {
            return value.clone();
        }
        int half = value.length / 2;
        if (certificate.getPublicKey() instanceof ECPublicKey key) {
            int size = (key.getParams().getOrder().bitLength() + 7) / 8;
            if (value.length != 2 * size) {
                throw new KysoException(CmsError.SIGNATURE_MISMATCH,
                        "an ECDSA value is DER or " + 2 * size + " bytes r||s, not " + value.length + " bytes");
            }
        }
        ASN1EncodableVector rs = new ASN1EncodableVector();
        rs.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(value, 0, half))));
        rs.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(value, half, value.length))));
        try {
            return new DERSequence(rs).getEncoded("DER");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isDerSequenceOfTwoIntegers(byte[] value) {
        try {
            ASN1Sequence sequence = ASN1Sequence.getInstance(value);
            return sequence.size() == 2 && sequence.getObjectAt(0) instanceof ASN1Integer
                    && sequence.getObjectAt(1) instanceof ASN1Integer
                    && Arrays.equals(sequence.getEncoded("DER"), value);
        } catch (Exception e) {
            return false;
        }
    }

    /** A SignerPort that "signs" with a value known in advance, and keeps the digest it was asked to sign. */
    private static final class FixedValueSigner implements SignerPort {
        private final List<X509Certificate> chain;
        private final SignatureAlgorithm algorithm;
        private final byte[] value;
        private byte[] requested;

        FixedValueSigner(List<X509Certificate> chain, SignatureAlgorithm algorithm, byte[] value) {
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("the chain needs at least the signer's certificate");
            }
            this.chain = List.copyOf(chain);
            this.algorithm = algorithm;
            this.value = value;
        }

        @Override
        public X509Certificate certificate() {
            return chain.get(0);
        }

        @Override
        public List<X509Certificate> chain() {
            return chain;
        }

        @Override
        public List<SignatureAlgorithm> algorithms() {
            return List.of(algorithm);
        }

        @Override
        public byte[] sign(byte[] digest, SignatureAlgorithm requestedAlgorithm) {
            requested = digest.clone();
            return value.clone();
        }
    }
}
