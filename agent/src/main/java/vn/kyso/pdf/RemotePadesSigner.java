package vn.kyso.pdf;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.util.CollectionStore;

import vn.kyso.cms.CmsError;
import vn.kyso.cms.CmsSignatureBuilder;
import vn.kyso.cms.CmsSignatureMatch;
import vn.kyso.cms.ExternalCmsSignature;
import vn.kyso.errors.KysoException;
import vn.kyso.pki.RevocationCollector;
import vn.kyso.pki.TimeStamp;
import vn.kyso.token.SignatureAlgorithm;

/**
 * Two-step PAdES signing for web apps that keep the PDF on their server: {@link #prepare} writes the signature
 * revision and hands out the digest to sign; the key signs it wherever it is; {@link #completeWithCms} or
 * {@link #completeWithSignatureValue} check that signature against the prepared digest and certificate, write it,
 * and raise the level (B-T, B-LT, B-LTA) with the same pipeline stages as {@link PadesSigner}.
 */
public final class RemotePadesSigner {

    /** Extra /Contents room: a CMS built elsewhere may carry more (certificates, attributes) than Kyso's own. */
    static final int FOREIGN_CMS_ALLOWANCE = 8 * 1024;

    private final PadesSigner engine;

    public RemotePadesSigner(PadesServices services) {
        this.engine = new PadesSigner(services);
    }

    /**
     * @param chain the signer's certificate first, then its issuers as far as known (embedded in the CMS and, for
     *              B-LT, covered by revocation evidence)
     */
    public PreparedSignature prepare(byte[] pdf, PadesOptions options, List<X509Certificate> chain) {
        return prepare(pdf, options, chain, FOREIGN_CMS_ALLOWANCE).signature();
    }

    /**
     * A prepared signature and the page count of the document, read while the signature revision was written.
     *
     * @param pages the input's pages, as {@code PDDocument.getNumberOfPages} gives them
     */
    public record Prepared(PreparedSignature signature, int pages) {
    }

    /**
     * {@link #prepare} for a completion with a raw signature value only ({@link #stampWithSignatureValue}): Kyso
     * builds the CMS, so /Contents keeps the room one-step signing reserves, none for a larger CMS from elsewhere —
     * a smaller file, and less for every reader to parse. The page count comes from the same parse, for a consent
     * that shows it.
     */
    public Prepared prepareForSignatureValue(byte[] pdf, PadesOptions options, List<X509Certificate> chain) {
        return prepare(pdf, options, chain, 0);
    }

    private Prepared prepare(byte[] pdf, PadesOptions options, List<X509Certificate> chain, int allowance) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the chain needs at least the signer's certificate");
        }
        SignatureAlgorithm algorithm = algorithmFor(options, chain.get(0));
        LevelRun run = new LevelRun(options, List.of());
        boolean wantsTimeStamp = engine.timeStampWanted(run);
        PdfOutput.Memory out = PdfOutput.memory(pdf.clone());
        PrepareStage.Placed placed = engine.prepare(out, options,
                SignStage.reservedSize(chain, wantsTimeStamp) + allowance, algorithm);
        SignatureGap gap = placed.gap();
        // PAdES baseline: no CMS signing-time; the claimed time is /M.
        ExternalCmsSignature.ToBeSigned toBeSigned =
                ExternalCmsSignature.toBeSigned(chain, algorithm, gap.digest(), null);
        List<byte[]> certificates = chain.stream().map(RevocationCollector::encoded).toList();
        return new Prepared(new PreparedSignature(out.bytes(), gap.byteRange(), algorithm, gap.digest(),
                toBeSigned.signedAttributes(), toBeSigned.digest(), certificates, options.level(),
                options.policy(), wantsTimeStamp, run.warnings()), placed.pages());
    }

    /** Completes with a whole detached CMS made by the caller over {@code prepared.contentDigest()}. */
    public SignResult completeWithCms(PreparedSignature prepared, byte[] cms) {
        return completeWithCms(prepared, cms, null);
    }

    /** @param password the PDF's password when it is encrypted, else null (never kept in the prepared state) */
    public SignResult completeWithCms(PreparedSignature prepared, byte[] cms, String password) {
        SignatureGap gap = gapOf(prepared);
        List<X509Certificate> chain = prepared.chain();
        CMSSignedData signedData = CmsSignatureMatch.parse(cms);
        CmsSignatureMatch.require(signedData, prepared.algorithm().digest(), gap.digest(), chain.get(0));
        return finish(prepared, gap, withChain(signedData, chain), chain, password);
    }

    /** Completes with a raw signature value over {@code prepared.signedAttributesDigest()}. */
    public SignResult completeWithSignatureValue(PreparedSignature prepared, byte[] signatureValue) {
        return completeWithSignatureValue(prepared, signatureValue, null);
    }

    public SignResult completeWithSignatureValue(PreparedSignature prepared, byte[] signatureValue,
                                                 String password) {
        return raise(stampWithSignatureValue(prepared, signatureValue, password), null);
    }

    /**
     * Completion up to the signature time-stamp (B-T): the first half of {@link #completeWithSignatureValue}, for
     * signatures made together whose evidence is collected once ({@link #evidenceFor}) before each is raised
     * ({@link #raise}).
     */
    public Stamped stampWithSignatureValue(PreparedSignature prepared, byte[] signatureValue, String password) {
        SignatureGap gap = gapOf(prepared);
        List<X509Certificate> chain = prepared.chain();
        // assemble built this CMS in DER and checked the value over it: written as it is, nothing to check again
        CMSSignedData signedData = ExternalCmsSignature.assemble(chain, prepared.algorithm(), gap.digest(),
                null, signatureValue);
        return stamp(prepared, gap, signedData, chain, password);
    }

    /**
     * The B-LT evidence of {@code stamped}, collected once per distinct signer and TSA chain after the last of their
     * time-stamps.
     */
    public BatchEvidence evidenceFor(List<Stamped> stamped) {
        return BatchEvidence.collect(engine.evidenceStage(), stamped);
    }

    /**
     * The rest of the level ladder for a stamped signature: /DSS (B-LT) with {@code shared} evidence when it covers
     * this signature (collected here otherwise, or when null), then B-LTA's document time-stamp.
     */
    public SignResult raise(Stamped stamped, BatchEvidence shared) {
        PadesLevel level = engine.raise(stamped.out, stamped.gap, stamped.chain, stamped.stamp, stamped.run, shared);
        return new SignResult(stamped.out.bytes(), level, stamped.run.warnings());
    }

    /** A signature written with its time-stamp (when it got one), waiting for the rungs above B-T. */
    public static final class Stamped {
        private final PdfOutput.Memory out;
        private final SignatureGap gap;
        private final List<X509Certificate> chain;
        private final TimeStamp stamp;
        private final LevelRun run;

        private Stamped(PdfOutput.Memory out, SignatureGap gap, List<X509Certificate> chain, TimeStamp stamp,
                        LevelRun run) {
            this.out = out;
            this.gap = gap;
            this.chain = chain;
            this.stamp = stamp;
            this.run = run;
        }

        List<X509Certificate> chain() {
            return chain;
        }

        TimeStamp stamp() {
            return stamp;
        }

        LevelRun run() {
            return run;
        }
    }

    private SignResult finish(PreparedSignature prepared, SignatureGap gap, CMSSignedData cms,
                              List<X509Certificate> chain, String password) {
        // Checked once more as it will be written (DER): a BER-encoded CMS from elsewhere could change on re-encoding.
        CMSSignedData written = CmsSignatureMatch.parse(CmsSignatureBuilder.encode(cms));
        CmsSignatureMatch.require(written, prepared.algorithm().digest(), gap.digest(), chain.get(0));
        return raise(stamp(prepared, gap, written, chain, password), null);
    }

    private Stamped stamp(PreparedSignature prepared, SignatureGap gap, CMSSignedData written,
                          List<X509Certificate> chain, String password) {
        PadesOptions options = PadesOptions.defaults().withLevel(prepared.level()).withPolicy(prepared.policy())
                .withPassword(password);
        LevelRun run = new LevelRun(options, prepared.warnings());
        PdfOutput.Memory out = PdfOutput.memory(prepared.document());
        TimeStamp stamp = engine.stamp(out, gap, written, prepared.timeStampWanted(), run);
        return new Stamped(out, gap, chain, stamp, run);
    }

    /** The gap as prepared, after checking the state still describes it (it may have been stored anywhere). */
    private static SignatureGap gapOf(PreparedSignature prepared) {
        if (prepared.document() == null || prepared.byteRange() == null || prepared.algorithm() == null
                || prepared.contentDigest() == null || prepared.level() == null || prepared.policy() == null) {
            throw new KysoException(RemoteSigningError.PREPARED_STATE_INVALID, "incomplete state");
        }
        SignatureGap gap = new SignatureGap(prepared.byteRange(), prepared.contentDigest());
        gap.requireConsistent(prepared.document(), prepared.algorithm().digest());
        return gap;
    }

    /** The key's default when none is asked: SHA-256 with PKCS#1 v1.5 for RSA (as tokens do), ECDSA for EC. */
    private static SignatureAlgorithm algorithmFor(PadesOptions options, X509Certificate certificate) {
        SignatureAlgorithm.KeyKind kind = "EC".equals(certificate.getPublicKey().getAlgorithm())
                ? SignatureAlgorithm.KeyKind.EC : SignatureAlgorithm.KeyKind.RSA;
        if (options.algorithm() == null) {
            return kind == SignatureAlgorithm.KeyKind.EC ? SignatureAlgorithm.ECDSA_SHA256
                    : SignatureAlgorithm.RSA_PKCS1_SHA256;
        }
        if (options.algorithm().keyKind() != kind) {
            throw new KysoException(CmsError.ALGORITHM_NOT_OFFERED, options.algorithm().name());
        }
        return options.algorithm();
    }

    /** The caller's CMS with the prepared chain added where missing, so verifiers can build the path. */
    private static CMSSignedData withChain(CMSSignedData cms, List<X509Certificate> chain) {
        try {
            Map<String, X509CertificateHolder> all = new LinkedHashMap<>();
            for (Object holder : cms.getCertificates().getMatches(null)) {
                X509CertificateHolder h = (X509CertificateHolder) holder;
                all.put(java.util.HexFormat.of().formatHex(h.getEncoded()), h);
            }
            int carried = all.size();
            for (X509Certificate certificate : chain) {
                X509CertificateHolder h = new JcaX509CertificateHolder(certificate);
                all.putIfAbsent(java.util.HexFormat.of().formatHex(h.getEncoded()), h);
            }
            if (all.size() == carried) {
                return cms; // untouched: nothing missing, and other revocation formats stay as they are
            }
            return CMSSignedData.replaceCertificatesAndCRLs(cms, new CollectionStore<>(all.values()),
                    cms.getAttributeCertificates(), cms.getCRLs());
        } catch (IOException | CMSException | java.security.cert.CertificateEncodingException e) {
            throw new KysoException(CmsError.CMS_UNREADABLE, String.valueOf(e.getMessage()));
        }
    }
}
