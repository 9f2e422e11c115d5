package vn.kyso.verify;

import java.time.Instant;

/** Who signed, read from the certificate subject as its DER carries it (Vietnamese names intact). */
public record SignerInfo(String name, String organisation, String subject, String issuer, String serialHex,
                         CertificateType certificateType, Instant notBefore, Instant notAfter, String keyAlgorithm,
                         int keyBits) {
}
