package vn.kyso.verify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Certificates, OCSP responses and CRLs carried by the document's /DSS (PAdES B-LT). Unparsable entries are skipped:
 * embedded evidence can only help, never be required.
 */
record EmbeddedEvidence(List<X509Certificate> certificates, List<byte[]> ocspResponses, List<X509CRL> crls,
                        java.util.Map<String, java.util.Optional<EmbeddedOcsp.Answer>> ocspAnswers) {

    /**
     * The same stored response is asked about the same certificate once per signature; parsing it and checking its
     * signature every time was a tenth of a verification. Answers are remembered for this document only.
     */
    EmbeddedEvidence(List<X509Certificate> certificates, List<byte[]> ocspResponses, List<X509CRL> crls) {
        this(certificates, ocspResponses, crls, new java.util.concurrent.ConcurrentHashMap<>());
    }

    EmbeddedOcsp.Answer ocspAnswer(byte[] response, X509Certificate certificate, X509Certificate issuer) {
        String key = System.identityHashCode(response) + ":" + certificate.getSerialNumber() + ":"
                + issuer.getSubjectX500Principal().getName() + ":" + issuer.getSerialNumber();
        return ocspAnswers.computeIfAbsent(key, k -> java.util.Optional.ofNullable(
                EmbeddedOcsp.answer(response, certificate, issuer))).orElse(null);
    }


    static EmbeddedEvidence empty() {
        return new EmbeddedEvidence(List.of(), List.of(), List.of());
    }

    static EmbeddedEvidence fromDss(PDDocument document) {
        COSDictionary dss = document.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.getPDFName("DSS"));
        if (dss == null) {
            return empty();
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (byte[] der : streams(dss, "Certs")) {
            X509Certificate certificate = Certificates.parse(der);
            if (certificate != null) {
                certificates.add(certificate);
            }
        }
        List<X509CRL> crls = new ArrayList<>();
        for (byte[] der : streams(dss, "CRLs")) {
            try {
                crls.add((X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der)));
            } catch (Exception e) {
                // skipped: see class comment
            }
        }
        return new EmbeddedEvidence(certificates, streams(dss, "OCSPs"), crls);
    }

    EmbeddedEvidence plus(List<byte[]> moreOcsp, List<X509CRL> moreCrls) {
        List<byte[]> ocsp = new ArrayList<>(ocspResponses);
        ocsp.addAll(moreOcsp);
        List<X509CRL> crl = new ArrayList<>(crls);
        crl.addAll(moreCrls);
        return new EmbeddedEvidence(certificates, ocsp, crl);
    }

    private static List<byte[]> streams(COSDictionary dss, String key) {
        List<byte[]> result = new ArrayList<>();
        COSBase value = dss.getDictionaryObject(COSName.getPDFName(key));
        if (!(value instanceof COSArray array)) {
            return result;
        }
        for (COSBase item : array) {
            COSBase resolved = item instanceof COSObject object ? object.getObject() : item;
            if (resolved instanceof COSStream stream) {
                try (InputStream in = stream.createInputStream()) {
                    result.add(in.readAllBytes());
                } catch (IOException e) {
                    // skipped: see class comment
                }
            }
        }
        return result;
    }
}
