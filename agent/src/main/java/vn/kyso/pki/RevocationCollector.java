package vn.kyso.pki;

import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;

import vn.kyso.errors.ErrorCode;
import vn.kyso.errors.KysoException;

/**
 * Gathers what a verifier needs years later for a set of certificates: each certificate's chain up to its root and,
 * for every certificate that is not self-signed, an OCSP response (preferred) or a CRL from its issuer. OCSP
 * responder certificates are followed too unless they carry id-pkix-ocsp-nocheck. Shared by the PAdES, XAdES and
 * JAdES engines (/DSS, Encapsulated* elements, etsiU xVals/rVals); each reports a failure with its own code (taking
 * two arguments: the certificate and the reason).
 */
public final class RevocationCollector {

    private static final String OCSP_NO_CHECK = "1.3.6.1.5.5.7.48.1.5";

    private final OcspClient ocsp;
    private final CrlClient crl;
    private final ErrorCode unavailable;

    /** @param unavailable the caller's code for "no revocation data", with arguments (certificate, reason) */
    public RevocationCollector(OcspClient ocsp, CrlClient crl, ErrorCode unavailable) {
        this.ocsp = ocsp;
        this.crl = crl;
        this.unavailable = unavailable;
    }

    /**
     * @param targets the certificates to cover (signer, TSA …)
     * @param pool    every certificate that may be an issuer
     * @throws KysoException the caller's code when an issuer is unknown or neither OCSP nor CRL answers
     */
    public ValidationData collect(Collection<X509Certificate> targets, Collection<X509Certificate> pool) {
        return collect(targets, pool, null);
    }

    /**
     * @param freshAfter the time-stamp the data is for: OCSP answers cached from before it are fetched again, so the
     *                   evidence postdates the signature (null: any cached answer)
     */
    public ValidationData collect(Collection<X509Certificate> targets, Collection<X509Certificate> pool,
                                  java.time.Instant freshAfter) {
        List<X509Certificate> issuers = new ArrayList<>(pool);
        issuers.addAll(targets);
        Map<X509Certificate, Boolean> done = new LinkedHashMap<>();
        List<byte[]> ocspResponses = new ArrayList<>();
        List<byte[]> crls = new ArrayList<>();
        Deque<X509Certificate> queue = new ArrayDeque<>(targets);
        while (!queue.isEmpty()) {
            X509Certificate certificate = queue.poll();
            if (done.containsKey(certificate)) {
                continue;
            }
            done.put(certificate, Boolean.TRUE);
            if (isSelfSigned(certificate)) {
                continue;
            }
            X509Certificate issuer = issuerOf(certificate, issuers);
            queue.add(issuer);
            try {
                byte[] response = (freshAfter == null ? ocsp.check(certificate, issuer)
                        : ocsp.check(certificate, issuer, freshAfter)).encodedResponse();
                ocspResponses.add(response);
                for (X509Certificate responder : responderCertificates(response)) {
                    issuers.add(responder);
                    if (responder.getExtensionValue(OCSP_NO_CHECK) == null) {
                        queue.add(responder);
                    } else {
                        done.putIfAbsent(responder, Boolean.TRUE);
                    }
                }
            } catch (KysoException ocspProblem) {
                try {
                    crls.add(crl.check(certificate, issuer).encoded());
                } catch (KysoException crlProblem) {
                    throw new KysoException(unavailable, Map.of(), crlProblem,
                            certificate.getSubjectX500Principal().getName(),
                            ocspProblem.messageEn() + "; " + crlProblem.messageEn());
                }
            }
        }
        List<byte[]> certificates = new ArrayList<>();
        for (X509Certificate certificate : done.keySet()) {
            certificates.add(encoded(certificate));
        }
        return new ValidationData(certificates, ocspResponses, crls);
    }

    private X509Certificate issuerOf(X509Certificate certificate, List<X509Certificate> candidates) {
        for (X509Certificate candidate : candidates) {
            if (candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                try {
                    certificate.verify(candidate.getPublicKey());
                    return candidate;
                } catch (Exception notThisOne) {
                    // same name, other key (e.g. a renewed CA): keep looking
                }
            }
        }
        throw new KysoException(unavailable,
                certificate.getSubjectX500Principal().getName(), "issuer certificate not available");
    }

    private static List<X509Certificate> responderCertificates(byte[] encodedResponse) {
        try {
            Object basic = new OCSPResp(encodedResponse).getResponseObject();
            List<X509Certificate> out = new ArrayList<>();
            if (basic instanceof BasicOCSPResp response) {
                JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
                for (X509CertificateHolder holder : response.getCerts()) {
                    out.add(converter.getCertificate(holder));
                }
            }
            return out;
        } catch (java.io.IOException | org.bouncycastle.cert.ocsp.OCSPException | CertificateException e) {
            // OcspClient validated this response already; an unreadable one here is a bug, not a network problem.
            throw new IllegalStateException(e);
        }
    }

    public static boolean isSelfSigned(X509Certificate certificate) {
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    public static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
