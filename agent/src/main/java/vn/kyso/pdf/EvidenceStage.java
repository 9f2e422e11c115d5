package vn.kyso.pdf;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.tsp.TimeStampToken;

import vn.kyso.errors.KysoException;
import vn.kyso.pki.RevocationCollector;
import vn.kyso.pki.ValidationData;

/**
 * Stage three of the PAdES pipeline (B-LT): a /DSS revision with the certificates and OCSP/CRL of the given
 * certificates' chains, and the VRI entry of the newest signature.
 */
final class EvidenceStage {

    private final RevocationCollector revocation;
    private final List<X509Certificate> knownCertificates;

    EvidenceStage(PadesServices services) {
        this.revocation = new RevocationCollector(services.ocsp(), services.crl(), PdfError.REVOCATION_DATA_UNAVAILABLE);
        this.knownCertificates = services.knownCertificates();
    }

    /**
     * Appends a /DSS revision covering {@code targets}, unless the /DSS already holds all of it.
     *
     * @param freshAfter the time-stamp the evidence is for: cached OCSP answers from before it are fetched again
     * @return false when the revocation data could not be had (nothing appended; a warning or, strict, thrown)
     */
    boolean add(PdfOutput out, List<X509Certificate> targets, Instant freshAfter, LevelRun run) throws IOException {
        return write(out, collect(targets, freshAfter), null, run);
    }

    /** The certificates and OCSP/CRL for {@code targets}' chains, or the problem that kept them from being had. */
    Collected collect(Collection<X509Certificate> targets, Instant freshAfter) {
        try {
            Set<X509Certificate> pool = new LinkedHashSet<>(targets);
            pool.addAll(knownCertificates);
            return new Collected(revocation.collect(new LinkedHashSet<>(targets), pool, freshAfter), null);
        } catch (KysoException problem) {
            return new Collected(null, problem);
        }
    }

    /**
     * Appends a /DSS revision with {@code collected} for the newest signature, unless the /DSS already holds all of
     * it.
     *
     * @param newest the newest signature's /Contents when the caller has them (its gap), else null: then they are
     *               parsed from the document, which for a 30 kB gap is most of this stage's work
     * @return false when the data could not be had (nothing appended; a warning or, strict, thrown)
     */
    boolean write(PdfOutput out, Collected collected, byte[] newest, LevelRun run) throws IOException {
        if (collected.problem() != null) {
            run.giveUp(collected.problem());
            return false;
        }
        ValidationData data = collected.data();
        long length = out.length();
        try (PDDocument pdf = out.load(run.options().password())) {
            byte[] contents = newest != null ? newest : newestSignatureContents(pdf);
            if (!DssWriter.alreadyContains(pdf, contents, data)) {
                DssWriter.add(pdf, contents, data);
                Revisions.append(out, pdf, length);
            }
        }
        return true;
    }

    /** Revocation evidence as collected: the data, or the problem that kept it from being had (then data is null). */
    record Collected(ValidationData data, KysoException problem) {
    }

    /** /Contents of the signature with the highest byte range, i.e. the one added last. */
    static byte[] newestSignatureContents(PDDocument pdf) throws IOException {
        PDSignature newest = null;
        long newestEnd = -1;
        for (PDSignature signature : pdf.getSignatureDictionaries()) {
            int[] range = signature.getByteRange();
            if (range.length == 4 && range[2] > newestEnd) {
                newestEnd = range[2];
                newest = signature;
            }
        }
        if (newest == null) {
            throw new IllegalStateException("no signature in the document just signed");
        }
        return newest.getContents();
    }

    /** The TSA certificates a time-stamp token carries, whose chain the evidence must cover too. */
    static List<X509Certificate> certificatesOf(TimeStampToken token) {
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        List<X509Certificate> out = new ArrayList<>();
        try {
            for (X509CertificateHolder holder : token.getCertificates().getMatches(null)) {
                out.add(converter.getCertificate(holder));
            }
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
