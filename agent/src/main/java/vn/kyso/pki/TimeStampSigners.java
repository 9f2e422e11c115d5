package vn.kyso.pki;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPUtil;
import org.bouncycastle.tsp.TSPValidationException;

/**
 * What a time-stamp token's signing certificate alone decides, worked out once per certificate: the certificate
 * decoded, whether it is fit to sign time-stamps (critical EKU with id-kp-timeStamping only, RFC 3161 §2.3), and a
 * verifier built from its key. A batch gets a hundred tokens from one TSA; building these took a good part of each
 * token's check. Keyed by the certificate's exact DER, so a memo entry is only ever used for the very certificate
 * it was made from; every token is still checked on its own with it (imprint, nonce, signature, ESSCertID binding,
 * validity at the token's time). Bounded: a handful of TSAs at most are in use at once.
 */
public final class TimeStampSigners {

    /** Certificates remembered; the least recently used goes first. */
    static final int MAX = 16;

    /**
     * @param certificate the decoded certificate
     * @param unfit       why it may not sign time-stamps, or null when it may
     * @param verifier    checks a token's signature with its key; null when unfit
     */
    public record Signer(X509Certificate certificate, String unfit, SignerInformationVerifier verifier) {
    }

    private static final Map<ByteBuffer, Signer> KNOWN = new LinkedHashMap<>(MAX, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Signer> eldest) {
            return size() > MAX;
        }
    };

    private TimeStampSigners() {
    }

    /** The checks of {@code holder}'s certificate, made now or remembered from an earlier token. */
    public static Signer of(X509CertificateHolder holder) throws IOException, CertificateException {
        ByteBuffer key = ByteBuffer.wrap(holder.getEncoded());
        synchronized (KNOWN) {
            Signer known = KNOWN.get(key);
            if (known != null) {
                return known;
            }
        }
        Signer made = make(holder);
        synchronized (KNOWN) {
            KNOWN.put(key, made);
        }
        return made;
    }

    /** How many certificates are remembered (for tests). */
    static int size() {
        synchronized (KNOWN) {
            return KNOWN.size();
        }
    }

    private static Signer make(X509CertificateHolder holder) throws CertificateException {
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
        try {
            TSPUtil.validateCertificate(holder);
        } catch (TSPValidationException e) {
            return new Signer(certificate, String.valueOf(e.getMessage()), null);
        }
        try {
            return new Signer(certificate, null, new JcaSimpleSignerInfoVerifierBuilder().build(certificate));
        } catch (OperatorCreationException e) {
            throw new CertificateException("no verifier for the TSA's key: " + e.getMessage(), e);
        }
    }
}
