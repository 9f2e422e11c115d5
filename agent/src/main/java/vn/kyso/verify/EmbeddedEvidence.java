package vn.kyso.verify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.SingleResp;

import vn.kyso.pki.CertificateHolders;

/**
 * Validation data the document carries: certificates, OCSP responses and CRLs from the /DSS dictionary — its Certs,
 * OCSPs and CRLs arrays and every /VRI entry's Cert, OCSP and CRL arrays — and, per signature, what its CMS carries
 * ({@link CmsEvidence}). Unparsable entries are skipped: embedded evidence can only help, never be required.
 */
record EmbeddedEvidence(List<X509Certificate> certificates, List<byte[]> ocspResponses, List<X509CRL> crls,
                        Map<AnswerKey, Optional<EmbeddedOcsp.Answer>> ocspAnswers,
                        Map<byte[], Optional<BasicOCSPResp>> parsedOcsp) {

    /**
     * The same stored response is asked about the same certificate once per signature; parsing it and checking its
     * signature every time was a tenth of a verification. Answers are remembered for this document only.
     */
    EmbeddedEvidence(List<X509Certificate> certificates, List<byte[]> ocspResponses, List<X509CRL> crls) {
        this(List.copyOf(certificates), List.copyOf(ocspResponses), List.copyOf(crls), new ConcurrentHashMap<>(),
                java.util.Collections.synchronizedMap(new IdentityHashMap<>()));
    }

    EmbeddedOcsp.Answer ocspAnswer(byte[] response, X509Certificate certificate, X509Certificate issuer) {
        BasicOCSPResp basic = parsed(response);
        if (basic == null) {
            return null;
        }
        return ocspAnswers.computeIfAbsent(new AnswerKey(response, certificate, issuer), k -> Optional.ofNullable(
                EmbeddedOcsp.answer(response, basic, certificate, issuer, certificates))).orElse(null);
    }

    /** Each stored response is parsed once per document, whichever rule asks first. */
    private BasicOCSPResp parsed(byte[] response) {
        return parsedOcsp.computeIfAbsent(response, r -> Optional.ofNullable(EmbeddedOcsp.basic(r))).orElse(null);
    }

    /** One stored response (this very array) asked about one certificate and its issuer. */
    record AnswerKey(byte[] response, X509Certificate certificate, X509Certificate issuer) {
        @Override
        public boolean equals(Object other) {
            return other instanceof AnswerKey key && key.response == response && key.certificate.equals(certificate)
                    && key.issuer.equals(issuer);
        }

        @Override
        public int hashCode() {
            return (System.identityHashCode(response) * 31 + certificate.hashCode()) * 31 + issuer.hashCode();
        }
    }

    static EmbeddedEvidence empty() {
        return new EmbeddedEvidence(List.of(), List.of(), List.of());
    }

    static EmbeddedEvidence fromDss(PDDocument document) {
        COSDictionary dss = document.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.getPDFName("DSS"));
        if (dss == null) {
            return empty();
        }
        // A stream listed both at the top and in a VRI entry is read once.
        Set<COSStream> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        List<byte[]> certs = streams(dss, "Certs", seen);
        List<byte[]> ocsps = streams(dss, "OCSPs", seen);
        List<byte[]> crls = streams(dss, "CRLs", seen);
        if (dss.getDictionaryObject(COSName.getPDFName("VRI")) instanceof COSDictionary vri) {
            for (COSName key : vri.keySet()) {
                if (vri.getDictionaryObject(key) instanceof COSDictionary entry) {
                    certs.addAll(streams(entry, "Cert", seen));
                    ocsps.addAll(streams(entry, "OCSP", seen));
                    crls.addAll(streams(entry, "CRL", seen));
                }
            }
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (byte[] der : certs) {
            X509Certificate certificate = Certificates.parse(der);
            if (certificate != null) {
                certificates.add(certificate);
            }
        }
        return new EmbeddedEvidence(certificates, ocsps, parseCrls(crls));
    }

    /**
     * Where the file's /DSS was last written: the offset of the DSS dictionary's object (or of the catalog holding
     * it directly, or of the object stream holding either); -1 without a /DSS. EN 319 142-1 B-LT wants the DSS added
     * after the signature, so a signature made after the last DSS update carries no DSS of its own.
     */
    static long dssWrittenAt(PDDocument document) {
        COSDictionary catalog = document.getDocumentCatalog().getCOSObject();
        COSBase item = catalog.getItem(COSName.getPDFName("DSS"));
        if (item == null) {
            return -1;
        }
        org.apache.pdfbox.cos.COSObjectKey key = item instanceof COSObject object ? object.getKey() : catalog.getKey();
        Map<org.apache.pdfbox.cos.COSObjectKey, Long> xref = document.getDocument().getXrefTable();
        Long offset = key == null ? null : xref.get(key);
        if (offset != null && offset < 0) { // compressed: where its object stream was written
            offset = xref.get(new org.apache.pdfbox.cos.COSObjectKey(-offset, 0));
        }
        return offset == null ? Long.MAX_VALUE : offset;
    }

    static List<X509CRL> parseCrls(List<byte[]> ders) {
        List<X509CRL> result = new ArrayList<>();
        for (byte[] der : ders) {
            try {
                result.add((X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der)));
            } catch (Exception e) {
                // skipped: see class comment
            }
        }
        return result;
    }

    /** This evidence and {@code more}, without duplicates (the same CRL or response often sits in both). */
    EmbeddedEvidence plus(EmbeddedEvidence more) {
        if (more.certificates.isEmpty() && more.ocspResponses.isEmpty() && more.crls.isEmpty()) {
            return this;
        }
        Set<X509Certificate> certificates = new LinkedHashSet<>(this.certificates);
        certificates.addAll(more.certificates);
        List<byte[]> ocsp = new ArrayList<>(ocspResponses);
        for (byte[] response : more.ocspResponses) {
            if (ocsp.stream().noneMatch(r -> Arrays.equals(r, response))) {
                ocsp.add(response);
            }
        }
        Set<X509CRL> crl = new LinkedHashSet<>(crls);
        crl.addAll(more.crls);
        return new EmbeddedEvidence(List.copyOf(certificates), ocsp, List.copyOf(crl), ocspAnswers, parsedOcsp);
    }

    /**
     * Whether the document carries revocation data about {@code certificate}: an OCSP response naming its serial
     * number (and issuer, when the issuer is known) or a CRL of its issuer. Whether that data verifies is the
     * revocation rule's question; the format level only asks what is there (EN 319 142-1 §6.3, B-LT).
     */
    boolean hasRevocationDataFor(X509Certificate certificate, X509Certificate issuer) {
        if (issuer == null) {
            return false; // without its issuer no OCSP CertID nor CRL signature can be matched to it
        }
        var holder = CertificateHolders.of(issuer);
        if (!ocspResponses.isEmpty() && holder != null) {
            try {
                var digests = new org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder().build();
                for (byte[] response : ocspResponses) {
                    BasicOCSPResp basic = parsed(response);
                    if (basic != null && namesIssuer(basic, certificate, holder, digests)) {
                        return true;
                    }
                }
            } catch (Exception e) {
                // an issuer that cannot be encoded names nothing: the CRLs may still speak for it
            }
        }
        for (X509CRL crl : crls) {
            if (crl.getIssuerX500Principal().equals(certificate.getIssuerX500Principal())
                    && Certificates.issuedCrl(issuer, crl)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the document carries any OCSP response or CRL at all. */
    boolean hasRevocationData() {
        return !ocspResponses.isEmpty() || !crls.isEmpty();
    }

    private static boolean namesIssuer(BasicOCSPResp basic, X509Certificate certificate,
                                       org.bouncycastle.cert.X509CertificateHolder holder,
                                       org.bouncycastle.operator.DigestCalculatorProvider digests) {
        try {
            for (SingleResp single : basic.getResponses()) {
                CertificateID id = single.getCertID();
                if (id.getSerialNumber().equals(certificate.getSerialNumber()) && id.matchesIssuer(holder, digests)) {
                    return true;
                }
            }
        } catch (Exception e) {
            return false;
        }
        return false;
    }

    private static List<byte[]> streams(COSDictionary dictionary, String key, Set<COSStream> seen) {
        List<byte[]> result = new ArrayList<>();
        COSBase value = dictionary.getDictionaryObject(COSName.getPDFName(key));
        if (!(value instanceof COSArray array)) {
            return result;
        }
        for (COSBase item : array) {
            COSBase resolved = item instanceof COSObject object ? object.getObject() : item;
            if (resolved instanceof COSStream stream && seen.add(stream)) {
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
