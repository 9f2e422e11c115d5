package vn.kyso.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.GregorianCalendar;
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
        this.revocation = new RevocationCollector(services.ocsp(), services.crl());
    }

    /** Signs {@code input} into a new file {@code output}; the input file is never written. */
    public SignResult sign(Path input, Path output, SignerPort signer, PadesOptions options) throws IOException {
        if (Files.exists(output) && Files.isSameFile(input, output)) {
            throw new IllegalArgumentException("output must not be the input file: " + output);
        }
        SignResult result = sign(Files.readAllBytes(input), signer, options);
        Files.write(output, result.document());
        return result;
    }

    /** Signs a PDF held in memory; {@code pdf} is not modified. */
    public SignResult sign(byte[] pdf, SignerPort signer, PadesOptions options) {
        byte[] input = pdf.clone();
        SignatureAlgorithm algorithm = options.algorithm() != null ? options.algorithm() : signer.algorithms().get(0);
        List<SignWarning> warnings = new ArrayList<>();
        boolean wantsTimeStamp = options.level().atLeast(PadesLevel.B_T);
        if (wantsTimeStamp && services.timeStamps() == null) {
            // Known before the PIN is asked: refuse now in strict mode rather than after the token has signed.
            unreachable(options, warnings, PdfError.TIMESTAMP_REQUIRED_UNAVAILABLE, "no TSA configured");
            wantsTimeStamp = false;
        }
        try {
            SignedRevision signed = signatureRevision(input, signer, algorithm, options, wantsTimeStamp, warnings);
            byte[] document = signed.document();
            if (signed.timeStamp() == null) {
                return new SignResult(document, PadesLevel.B_B, warnings);
            }
            if (!options.level().atLeast(PadesLevel.B_LT)) {
                return new SignResult(document, PadesLevel.B_T, warnings);
            }
            List<X509Certificate> targets = new ArrayList<>(signer.chain());
            targets.addAll(certificatesOf(signed.timeStamp().token()));
            byte[] withDss = addValidationData(document, targets, options, warnings);
            if (withDss == null) {
                return new SignResult(document, PadesLevel.B_T, warnings);
            }
            if (!options.level().atLeast(PadesLevel.B_LTA)) {
                return new SignResult(withDss, PadesLevel.B_LT, warnings);
            }
            return archiveTimeStamp(withDss, options, warnings);
        } catch (IOException e) {
            throw new KysoException(PdfError.PDF_WRITE_FAILED, Map.of(), e, String.valueOf(e.getMessage()));
        }
    }

    private record SignedRevision(byte[] document, TimeStamp timeStamp) {
    }

    private SignedRevision signatureRevision(byte[] pdf, SignerPort signer, SignatureAlgorithm algorithm,
                                             PadesOptions options, boolean wantsTimeStamp,
                                             List<SignWarning> warnings) throws IOException {
        try (PDDocument document = PdfDocuments.load(pdf, options.password())) {
            PdfDocuments.requireChangesPermitted(document);
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(ETSI_CADES_DETACHED);
            Instant claimed = options.signingTime() != null ? options.signingTime() : Instant.now();
            signature.setSignDate(GregorianCalendar.from(ZonedDateTime.ofInstant(claimed, VIETNAM)));
            if (options.name() != null) {
                signature.setName(options.name());
            }
            if (options.reason() != null) {
                signature.setReason(options.reason());
            }
            if (options.location() != null) {
                signature.setLocation(options.location());
            }
            if (options.contactInfo() != null) {
                signature.setContactInfo(options.contactInfo());
            }
            int reserved = reservedSize(signer, wantsTimeStamp);
            SignatureFieldPreparer.prepare(document, signature, options.appearance(), reserved);

            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 2 * reserved + 64 * 1024);
            ExternalSigningSupport external = document.saveIncrementalForExternalSigning(out);
            byte[] digest = digest(algorithm.digest(), external.getContent());
            // PAdES baseline: no CMS signing-time; the claimed time is /M above.
            CMSSignedData cms = new CmsSignatureBuilder(signer, algorithm).build(digest, null);
            TimeStamp stamp = null;
            if (wantsTimeStamp) {
                try {
                    SignatureTimeStamps.Stamped stamped = SignatureTimeStamps.timeStamp(cms, services.timeStamps());
                    cms = stamped.signedData();
                    stamp = stamped.stamp();
                } catch (KysoException tsaProblem) {
                    unreachable(options, warnings, PdfError.TIMESTAMP_REQUIRED_UNAVAILABLE, tsaProblem.messageEn());
                }
            }
            byte[] contents = CmsSignatureBuilder.encode(cms);
            if (contents.length > reserved) {
                throw new KysoException(PdfError.SIGNATURE_TOO_LARGE, contents.length, reserved);
            }
            external.setSignature(contents);
            return new SignedRevision(out.toByteArray(), stamp);
        }
    }

    /** The /Contents reservation: the chain and overhead, plus the time-stamp token when one is coming. */
    static int reservedSize(SignerPort signer, boolean withTimeStamp) {
        int size = CMS_OVERHEAD;
        for (X509Certificate certificate : signer.chain()) {
            size += RevocationCollector.encoded(certificate).length;
        }
        if (withTimeStamp) {
            size += TIMESTAMP_ALLOWANCE;
        }
        return size;
    }

    /** Adds a /DSS revision for {@code targets}; null when the revocation data could not be had (best effort). */
    private byte[] addValidationData(byte[] document, List<X509Certificate> targets, PadesOptions options,
                                     List<SignWarning> warnings) throws IOException {
        ValidationData data;
        try {
            Set<X509Certificate> pool = new LinkedHashSet<>(targets);
            pool.addAll(services.knownCertificates());
            data = revocation.collect(new LinkedHashSet<>(targets), pool);
        } catch (KysoException problem) {
            if (options.policy() == LevelPolicy.STRICT) {
                throw problem;
            }
            warnings.add(SignWarning.of(problem));
            return null;
        }
        try (PDDocument pdf = PdfDocuments.load(document, options.password())) {
            if (DssWriter.alreadyContains(pdf, data)) {
                return document;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(document.length + 64 * 1024);
            DssWriter.write(pdf, newestSignatureContents(pdf), data, out);
            return out.toByteArray();
        }
    }

    /** The document time-stamp revision (B-LTA) and, when its TSA chain is not yet covered, one more /DSS. */
    private SignResult archiveTimeStamp(byte[] document, PadesOptions options, List<SignWarning> warnings)
            throws IOException {
        TimeStamp stamp;
        byte[] stamped;
        try (PDDocument pdf = PdfDocuments.load(document, options.password())) {
            PDSignature timeStamp = new PDSignature();
            timeStamp.setType(COSName.DOC_TIME_STAMP);
            timeStamp.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            timeStamp.setSubFilter(ETSI_RFC3161);
            SignatureFieldPreparer.prepare(pdf, timeStamp, SignatureAppearance.INVISIBLE, DOCUMENT_TIMESTAMP_SIZE);
            ByteArrayOutputStream out = new ByteArrayOutputStream(document.length + 2 * DOCUMENT_TIMESTAMP_SIZE + 8192);
            ExternalSigningSupport external = pdf.saveIncrementalForExternalSigning(out);
            byte[] digest = digest(DigestAlgorithm.SHA256, external.getContent());
            try {
                stamp = services.timeStamps().timestamp(DigestAlgorithm.SHA256, digest);
            } catch (KysoException tsaProblem) {
                unreachable(options, warnings, PdfError.TIMESTAMP_REQUIRED_UNAVAILABLE, tsaProblem.messageEn());
                // Nothing of this revision is kept: the caller gets the B-LT document as it was.
                return new SignResult(document, PadesLevel.B_LT, warnings);
            }
            if (stamp.encoded().length > DOCUMENT_TIMESTAMP_SIZE) {
                throw new KysoException(PdfError.SIGNATURE_TOO_LARGE, stamp.encoded().length, DOCUMENT_TIMESTAMP_SIZE);
            }
            external.setSignature(stamp.encoded());
            stamped = out.toByteArray();
        }
        byte[] withDss = addValidationData(stamped, certificatesOf(stamp.token()), options, warnings);
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
    private static byte[] newestSignatureContents(PDDocument pdf) throws IOException {
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

    private static byte[] digest(DigestAlgorithm algorithm, InputStream content) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm.jcaName());
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = content.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
