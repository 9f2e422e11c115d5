package vn.kyso.pki;

import java.security.cert.X509Certificate;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;

/**
 * BouncyCastle's form of a certificate, parsed once per certificate value (compared by its DER encoding) for the
 * whole agent: every signature puts the signer's certificate and chain into its CMS and its signing-certificate
 * attribute, and every verification reads the same CA, TSA and OCSP certificates again. Parsing them anew each time
 * was a sixth of a one-page signature's time. At most {@value #CAPACITY} kept; a holder is immutable.
 */
public final class CertificateHolders {

    static final int CAPACITY = 128;
    private static final BoundedMemo<X509Certificate, X509CertificateHolder> HOLDERS = new BoundedMemo<>(CAPACITY);

    private CertificateHolders() {
    }

    /** {@code certificate} as BouncyCastle reads it; null when its encoding cannot be read back. */
    public static X509CertificateHolder of(X509Certificate certificate) {
        return HOLDERS.get(certificate, c -> {
            try {
                return new JcaX509CertificateHolder(c);
            } catch (Exception e) {
                return null;
            }
        });
    }
}
