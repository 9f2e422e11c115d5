package vn.kyso.pdf;

import java.security.cert.X509Certificate;
import java.util.List;

import vn.kyso.pki.CrlClient;
import vn.kyso.pki.OcspClient;
import vn.kyso.pki.TimeStampClient;

/**
 * The network side of PAdES levels above B-B.
 *
 * @param timeStamps        the configured TSA, or null when none is configured (then B-B at most)
 * @param ocsp              for revocation evidence (preferred)
 * @param crl               for revocation evidence when OCSP fails
 * @param knownCertificates CA certificates to complete chains with (trust anchors, known intermediates), e.g.
 *                          for the TSA certificate's issuer
 */
public record PadesServices(TimeStampClient timeStamps, OcspClient ocsp, CrlClient crl,
                            List<X509Certificate> knownCertificates) {

    public PadesServices {
        knownCertificates = List.copyOf(knownCertificates);
    }
}
