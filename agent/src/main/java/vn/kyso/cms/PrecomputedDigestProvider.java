package vn.kyso.cms;

import java.io.OutputStream;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Lets CMSSignedDataGenerator sign content it never sees: the content digest was computed by the caller (the PDF
 * engine hashes the byte ranges while streaming), so the "calculator" ignores its input and returns that digest.
 * Public because the verifier checks signatures over a detached content known only by its digest the same way.
 */
public final class PrecomputedDigestProvider implements DigestCalculatorProvider {

    private final AlgorithmIdentifier digestAlgorithm;
    private final byte[] digest;

    public PrecomputedDigestProvider(AlgorithmIdentifier digestAlgorithm, byte[] digest) {
        this.digestAlgorithm = digestAlgorithm;
        this.digest = digest.clone();
    }

    @Override
    public DigestCalculator get(AlgorithmIdentifier requested) throws OperatorCreationException {
        if (!requested.getAlgorithm().equals(digestAlgorithm.getAlgorithm())) {
            throw new OperatorCreationException("content digest is " + digestAlgorithm.getAlgorithm()
                    + ", not " + requested.getAlgorithm());
        }
        return new DigestCalculator() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return digestAlgorithm;
            }

            @Override
            public OutputStream getOutputStream() {
                return OutputStream.nullOutputStream();
            }

            @Override
            public byte[] getDigest() {
                return digest.clone();
            }
        };
    }
}
