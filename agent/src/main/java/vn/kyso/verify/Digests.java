package vn.kyso.verify;

import java.security.MessageDigest;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** Digest by algorithm identifier, the way CMS and RFC 3161 name them. */
final class Digests {

    private Digests() {
    }

    static byte[] digest(AlgorithmIdentifier algorithm, byte[] data) {
        try {
            DigestCalculator calculator = new JcaDigestCalculatorProviderBuilder().build().get(algorithm);
            calculator.getOutputStream().write(data);
            calculator.getOutputStream().close();
            return calculator.getDigest();
        } catch (Exception e) {
            throw new VerificationFailure(SubIndication.FORMAT_FAILURE,
                    "unsupported digest algorithm " + algorithm.getAlgorithm(), e);
        }
    }

    static boolean equal(byte[] a, byte[] b) {
        return a != null && b != null && MessageDigest.isEqual(a, b);
    }
}
