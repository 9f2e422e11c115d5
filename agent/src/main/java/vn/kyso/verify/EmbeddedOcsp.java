package vn.kyso.verify;

import java.security.cert.X509Certificate;
import java.time.Instant;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Reads an OCSP response stored in the document (no nonce, no freshness to the present: it speaks about the time it
 * was made). Accepted only when signed by the issuer or by a responder certificate the issuer issued for
 * id-kp-OCSPSigning.
 */
final class EmbeddedOcsp {

    /** What one stored response says about one certificate. */
    record Answer(CertificateStatus status, Instant revocationTime, Instant thisUpdate, Instant nextUpdate) {
        boolean good() {
            return status == CertificateStatus.GOOD;
        }
    }

    private EmbeddedOcsp() {
    }

    /** Null when {@code encoded} says nothing (verifiable) about {@code certificate}. */
    static Answer answer(byte[] encoded, X509Certificate certificate, X509Certificate issuer,
                         java.util.List<X509Certificate> documentCertificates) {
        try {
            OCSPResp response = new OCSPResp(encoded);
            if (response.getStatus() != OCSPResp.SUCCESSFUL
                    || !(response.getResponseObject() instanceof BasicOCSPResp basic)) {
                return null;
            }
            JcaX509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
            for (SingleResp single : basic.getResponses()) {
                CertificateID id = single.getCertID();
                if (!id.getSerialNumber().equals(certificate.getSerialNumber())
                        || !id.matchesIssuer(issuerHolder, new JcaDigestCalculatorProviderBuilder().build())) {
                    continue;
                }
                if (!signedByIssuerOrDelegate(basic, issuer, issuerHolder, documentCertificates)) {
                    return null;
                }
                CertificateStatus status = single.getCertStatus();
                Instant revoked = status instanceof RevokedStatus r ? r.getRevocationTime().toInstant() : null;
                return new Answer(status, revoked, single.getThisUpdate().toInstant(),
                        single.getNextUpdate() == null ? null : single.getNextUpdate().toInstant());
            }
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * The responder's certificate is looked for in the response and, as DSS does, among the certificates the
     * document carries (/DSS Certs): some signers store it there only.
     */
    private static boolean signedByIssuerOrDelegate(BasicOCSPResp basic, X509Certificate issuer,
                                                    X509CertificateHolder issuerHolder,
                                                    java.util.List<X509Certificate> documentCertificates)
            throws Exception {
        if (basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer.getPublicKey()))) {
            return true;
        }
        java.util.List<X509Certificate> candidates = new java.util.ArrayList<>();
        for (X509CertificateHolder holder : basic.getCerts()) {
            X509Certificate responder = Certificates.convert(holder);
            if (responder != null) {
                candidates.add(responder);
            }
        }
        candidates.addAll(documentCertificates);
        for (X509Certificate responder : candidates) {
            if (Certificates.issued(issuer, responder)
                    && responder.getExtendedKeyUsage() != null
                    && responder.getExtendedKeyUsage().contains(KeyPurposeId.id_kp_OCSPSigning.getId())
                    && basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(responder))) {
                return true;
            }
        }
        return false;
    }
}
