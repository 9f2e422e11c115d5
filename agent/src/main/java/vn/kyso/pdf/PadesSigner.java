package vn.kyso.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TimeStampToken;

import vn.kyso.cms.CmsSignatureBuilder;
import vn.kyso.cms.SignatureTimeStamps;
import vn.kyso.errors.KysoException;
import vn.kyso.pki.TimeStamp;
import vn.kyso.sign.SignerPort;
import vn.kyso.token.DigestAlgorithm;
import vn.kyso.token.SignatureAlgorithm;
import vn.kyso.pki.RevocationCollector;
import vn.kyso.pki.ValidationData;

/**
 * Signs PDFs as PAdES baseline signatures (ETSI EN 319 142-1) with PDFBox incremental updates, so the input bytes
 * stay an exact prefix of the output and earlier signatures stay valid:
 * <ol>
 *   <li>the signature revision (/SubFilter ETSI.CAdES.detached, /M = claimed time, optional signature time-stamp);
 *   <li>for B-LT, a /DSS revision with the certificates and OCSP/CRL of the signer's and the TSA's chains;
 *   <li>for B-LTA, a document time-stamp revision, then a /DSS revision for its TSA chain when something is missing.
 * </ol>
 */
public final class PadesSigner {

    static final COSName ETSI_CADES_DETACHED = COSName.getPDFName("ETSI.CAdES.detached");
    static final COSName ETSI_RFC3161 = COSName.getPDFName("ETSI.RFC3161");
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    /** Room for the signature time-stamp token (token, TSA certificate chain) inside /Contents. */
    static final int TIMESTAMP_ALLOWANCE = 12 * 1024;
    /** Room for a document time-stamp's /Contents. */
    static final int DOCUMENT_TIMESTAMP_SIZE = 16 * 1024;
    /** Signed attributes, SignerInfo and SignedData framing, and the signature value of keys up to RSA-8192. */
    static final int CMS_OVERHEAD = 4 * 1024;

    private final PadesServices services;
    private final RevocationCollector revocation;

    public PadesSigner(PadesServices services) {
        this.services = services;
        this.revocation = new RevocationCollector(services.ocsp(), services.crl(), PdfError.REVOCATION_DATA_UNAVAILABLE);
    }

    /** The TSA and revocation clients this engine uses (shared with two-step and CAdES signing). */
    public PadesServices services() {
        return services;
    }

    /**
     * Signs {@code input} into {@code output}, file to file: the document is parsed lazily from disk, the input
     * bytes are copied file to file and only the new revisions are appended, so memory does not grow with the file's
     * size beyond what PDFBox needs to parse it. The result is written next to {@code output} and moved into place
     * at the end; {@code input} is never written, and nothing is left behind on failure.
     *
     * @return the level reached and the warnings; its {@link SignResult#document()} is null (the document is in
     *     {@code output})
     */
    public SignResult sign(Path input, Path output, SignerPort signer, PadesOptions options) throws IOException {
        if (Files.exists(output) && Files.isSameFile(input, output)) {
            throw new IllegalArgumentException("output must not be the input file: " + output);
        }
        Path work = FileRevisions.scratchFor(output);
        boolean published = false;
        try {
            List<SignWarning> warnings = new ArrayList<>();
            PadesLevel level = signFile(input, work, signer, options, warnings);
            FileRevisions.publish(work, output);
            published = true;
            return new SignResult(null, level, warnings);
        } finally {
            if (!published) {
                Files.deleteIfExists(work);
            }
        }
    }

    /** Signs a PDF held in memory; {@code pdf} is not modified. */
    public SignResult sign(byte[] pdf, SignerPort signer, PadesOptions options) {
        byte[] input = pdf.clone();
        SignatureAlgorithm algorithm = options.algorithm() != null ? options.algorithm() : signer.algorithms().get(0);
        List<SignWarning> warnings = new ArrayList<>();
        boolean wantsTimeStamp = timeStampWanted(options, warnings);
        try {
            PreparedRevision revision = PreparedRevision.write(input, options,
                    reservedSize(signer.chain(), wantsTimeStamp), algorithm.digest());
            // PAdES baseline: no CMS signing-time; the claimed time is /M.
            CMSSignedData cms = new CmsSignatureBuilder(signer, algorithm).build(revision.digest(), null);
            return complete(revision, cms, signer.chain(), wantsTimeStamp, options, warnings);
        } catch (IOException e) {
            throw new KysoException(PdfError.PDF_WRITE_FAILED, Map.of(), e, String.valueOf(e.getMessage()));
        }
    }

    /**
     * {@link #sign(byte[], SignerPort, PadesOptions)} and {@link #complete} on files: the same revisions in the same
     * order, each appended to {@code work}.
     */
    private PadesLevel signFile(Path input, Path work, SignerPort signer, PadesOptions options,
                                List<SignWarning> warnings) {
        SignatureAlgorithm algorithm = options.algorithm() != null ? options.algorithm() : signer.algorithms().get(0);
        boolean wantsTimeStamp = timeStampWanted(options, warnings);
        try {
            FileRevisions.Prepared revision = FileRevisions.prepare(input, work, options,
                    reservedSize(signer.chain(), wantsTimeStamp), algorithm.digest());
            CMSSignedData cms = new CmsSignatureBuilder(signer, algorithm).build(revision.digest(), null);
            SignatureTimeStamps.Stamped stamped = wantsTimeStamp ? signatureTimeStamp(cms, options, warnings) : null;
            TimeStamp stamp = null;
            if (stamped != null) {
                cms = stamped.signedData();
                stamp = stamped.stamp();
            }
            FileRevisions.embed(work, revision.byteRange(), CmsSignatureBuilder.encode(cms));
            if (stamp == null) {
                return PadesLevel.B_B;
            }
            if (!options.level().atLeast(PadesLevel.B_LT)) {
                return PadesLevel.B_T;
            }
            List<X509Certificate> targets = new ArrayList<>(signer.chain());
            targets.addAll(certificatesOf(stamp.token()));
            ValidationData data = collectValidationData(targets, options, warnings, stamp.time());
            if (data == null) {
                return PadesLevel.B_T;
            }
            FileRevisions.addValidationData(work, data, options.password());
            if (!options.level().atLeast(PadesLevel.B_LTA)) {
                return PadesLevel.B_LT;
            }
            TimeStamp archive = FileRevisions.addDocumentTimeStamp(work, options.password(),
                    digest -> documentTimeStamp(digest, options, warnings));
            if (archive == null) {
                return PadesLevel.B_LT;
            }
            ValidationData archiveData = collectValidationData(certificatesOf(archive.token()), options, warnings,
                    archive.time());
            if (archiveData != null) {
                FileRevisions.addValidationData(work, archiveData, options.password());
            }
            return PadesLevel.B_LTA;
        } catch (IOException e) {
            throw new KysoException(PdfError.PDF_WRITE_FAILED, Map.of(), e, String.valueOf(e.getMessage()));
        }
    }

    /**
     * Whether to ask for a signature time-stamp. Known before the PIN is asked: without a TSA, strict mode refuses
     * now rather than after the token has signed.
     */
    boolean timeStampWanted(PadesOptions options, List<SignWarning> warnings) {
        boolean wanted = options.level().atLeast(PadesLevel.B_T);
        if (wanted && services.timeStamps() == null) {
            unreachable(options, warnings, PdfError.TIMESTAMP_REQUIRED_UNAVAILABLE, "no TSA configured");
            return false;
        }
        return wanted;
    }

    /**
     * Everything after the key has signed, shared by one-step and two-step signing: the signature time-stamp (B-T),
     * the CMS into /Contents, then B-LT's /DSS and B-LTA's document time-stamp.
     *
     * @param chain the signer's chain (leaf first), whose revocation evidence B-LT embeds
     */
    SignResult complete(PreparedRevision revision, CMSSignedData cms, List<X509Certificate> chain,
                        boolean wantsTimeStamp, PadesOptions options, List<SignWarning> warnings) throws IOException {
        SignatureTimeStamps.Stamped stamped = wantsTimeStamp ? signatureTimeStamp(cms, options, warnings) : null;
        TimeStamp stamp = null;
        if (stamped != null) {
            cms = stamped.signedData();
            stamp = stamped.stamp();
        }
        byte[] document = revision.embed(CmsSignatureBuilder.encode(cms));
        if (stamp == null) {
            return new SignResult(document, PadesLevel.B_B, warnings);
        }
        if (!options.level().atLeast(PadesLevel.B_LT)) {
            return new SignResult(document, PadesLevel.B_T, warnings);
        }
        List<X509Certificate> targets = new ArrayList<>(chain);
        targets.addAll(certificatesOf(stamp.token()));
        byte[] withDss = addValidationData(document, targets, options, warnings, stamp.time());
        if (withDss == null) {
            return new SignResult(document, PadesLevel.B_T, warnings);
        }
        if (!options.level().atLeast(PadesLevel.B_LTA)) {
            return new SignResult(withDss, PadesLevel.B_LT, warnings);
        }
        return archiveTimeStamp(withDss, options, warnings);
    }

    /** The CMS with its signature time-stamp; null when the TSA could not be had (best effort). */
    private SignatureTimeStamps.Stamped signatureTimeStamp(CMSSignedData cms, PadesOptions options,
                                                           List<SignWarning> warnings) {
        try {
            return SignatureTimeStamps.timeStamp(cms, services.timeStamps());
        } catch (KysoException tsaProblem) {
            unreachable(options, warnings, PdfError.TIMESTAMP_REQUIRED_UNAVAILABLE, tsaProblem.messageEn());
            return null;
        }
    }

    /** The /Contents reservation: the chain and overhead, plus the time-stamp token when one is coming. */
    static int reservedSize(List<X509Certificate> chain, boolean withTimeStamp) {
        int size = CMS_OVERHEAD;
        for (X509Certificate certificate : chain) {
            size += RevocationCollector.encoded(certificate).length;
        }
        if (withTimeStamp) {
            size += TIMESTAMP_ALLOWANCE;
        }
        return size;
    }

    /** Adds a /DSS revision for {@code targets}; null when the revocation data could not be had (best effort). */
    private byte[] addValidationData(byte[] document, List<X509Certificate> targets, PadesOptions options,
                                     List<SignWarning> warnings, java.time.Instant freshAfter) throws IOException {
        ValidationData data = collectValidationData(targets, options, warnings, freshAfter);
        if (data == null) {
            return null;
        }
        try (PDDocument pdf = PdfDocuments.load(document, options.password())) {
            if (DssWriter.alreadyContains(pdf, newestSignatureContents(pdf), data)) {
                return document;
            }
            DssWriter.add(pdf, newestSignatureContents(pdf), data);
            if (IncrementWriter.supports(pdf)) {
                byte[] increment = IncrementWriter.write(pdf, document.length).bytes();
                byte[] result = java.util.Arrays.copyOf(document, document.length + increment.length);
                System.arraycopy(increment, 0, result, document.length, increment.length);
                return result;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(document.length + 64 * 1024);
            pdf.saveIncremental(out);
            return out.toByteArray();
        }
    }

    /** Certificates and OCSP/CRL for {@code targets}; null when they could not be had (best effort). */
    private ValidationData collectValidationData(List<X509Certificate> targets, PadesOptions options,
                                                 List<SignWarning> warnings, java.time.Instant freshAfter) {
        try {
            Set<X509Certificate> pool = new LinkedHashSet<>(targets);
            pool.addAll(services.knownCertificates());
            return revocation.collect(new LinkedHashSet<>(targets), pool, freshAfter);
        } catch (KysoException problem) {
            if (options.policy() == LevelPolicy.STRICT) {
                throw problem;
            }
            warnings.add(SignWarning.of(problem));
            return null;
        }
    }

    /** The TSA's token for a document time-stamp; null when the TSA could not be had (best effort). */
    private TimeStamp documentTimeStamp(byte[] sha256, PadesOptions options, List<SignWarning> warnings) {
        try {
            return services.timeStamps().timestamp(DigestAlgorithm.SHA256, sha256);
        } catch (KysoException tsaProblem) {
            unreachable(options, warnings, PdfError.TIMESTAMP_REQUIRED_UNAVAILABLE, tsaProblem.messageEn());
            return null;
        }
    }

    /** An invisible /DocTimeStamp dictionary (/SubFilter ETSI.RFC3161). */
    static PDSignature documentTimeStampDictionary() {
        PDSignature timeStamp = new PDSignature();
        timeStamp.setType(COSName.DOC_TIME_STAMP);
        timeStamp.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
        timeStamp.setSubFilter(ETSI_RFC3161);
        return timeStamp;
    }

    /** The document time-stamp revision (B-LTA) and, when its TSA chain is not yet covered, one more /DSS. */
    private SignResult archiveTimeStamp(byte[] document, PadesOptions options, List<SignWarning> warnings)
            throws IOException {
        TimeStamp stamp = null;
        byte[] stamped;
        try (PDDocument pdf = PdfDocuments.load(document, options.password())) {
            PDSignature timeStamp = documentTimeStampDictionary();
            SignatureFieldPreparer.prepare(pdf, timeStamp, SignatureAppearance.INVISIBLE, DOCUMENT_TIMESTAMP_SIZE);
            if (IncrementWriter.supports(pdf)) {
                PreparedRevision revision = PreparedRevision.appended(document,
                        IncrementWriter.write(pdf, document.length), DigestAlgorithm.SHA256);
                stamp = documentTimeStamp(revision.digest(), options, warnings);
                if (stamp == null) {
                    return new SignResult(document, PadesLevel.B_LT, warnings);
                }
                stamped = revision.embed(stamp.encoded());
            } else {
                stamped = null;
            }
        }
        if (stamped == null) {
            return archiveTimeStampWithPdfBox(document, options, warnings);
        }
        return withArchiveEvidence(stamped, stamp, options, warnings);
    }

    /** Encrypted documents: PDFBox writes the document time-stamp revision. */
    private SignResult archiveTimeStampWithPdfBox(byte[] document, PadesOptions options, List<SignWarning> warnings)
            throws IOException {
        TimeStamp stamp;
        byte[] stamped;
        try (PDDocument pdf = PdfDocuments.load(document, options.password())) {
            PDSignature timeStamp = documentTimeStampDictionary();
            SignatureFieldPreparer.prepare(pdf, timeStamp, SignatureAppearance.INVISIBLE, DOCUMENT_TIMESTAMP_SIZE);
            ByteArrayOutputStream out = new ByteArrayOutputStream(document.length + 2 * DOCUMENT_TIMESTAMP_SIZE + 8192);
            ExternalSigningSupport external = pdf.saveIncrementalForExternalSigning(out);
            byte[] digest = PreparedRevision.digest(DigestAlgorithm.SHA256, external.getContent());
            stamp = documentTimeStamp(digest, options, warnings);
            if (stamp == null) {
                // Nothing of this revision is kept: the caller gets the B-LT document as it was.
                return new SignResult(document, PadesLevel.B_LT, warnings);
            }
            if (stamp.encoded().length > DOCUMENT_TIMESTAMP_SIZE) {
                throw new KysoException(PdfError.SIGNATURE_TOO_LARGE, stamp.encoded().length, DOCUMENT_TIMESTAMP_SIZE);
            }
            external.setSignature(stamp.encoded());
            stamped = out.toByteArray();
        }
        return withArchiveEvidence(stamped, stamp, options, warnings);
    }

    private SignResult withArchiveEvidence(byte[] stamped, TimeStamp stamp, PadesOptions options,
                                           List<SignWarning> warnings) throws IOException {
        byte[] withDss = addValidationData(stamped, certificatesOf(stamp.token()), options, warnings, stamp.time());
        // Without the time-stamp's own revocation data the document is still B-LTA: the archive time-stamp covers
        // the signature's evidence; its chain's evidence is only needed for the next renewal.
        return new SignResult(withDss != null ? withDss : stamped, PadesLevel.B_LTA, warnings);
    }

    private static void unreachable(PadesOptions options, List<SignWarning> warnings, PdfError code, String why) {
        KysoException problem = new KysoException(code, why);
        if (options.policy() == LevelPolicy.STRICT) {
            throw problem;
        }
        warnings.add(SignWarning.of(problem));
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

    private static List<X509Certificate> certificatesOf(TimeStampToken token) {
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
