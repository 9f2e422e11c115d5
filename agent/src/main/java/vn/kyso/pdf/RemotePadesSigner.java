package vn.kyso.pdf;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
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
import vn.kyso.token.SignatureAlgorithm;

/**
 * Two-step PAdES signing for web apps that keep the PDF on their server: {@link #prepare} writes the signature
 * revision and hands out the digest to sign; the key signs it wherever it is; {@link #completeWithCms} or
 * {@link #completeWithSignatureValue} check that signature against the prepared digest and certificate, write it,
 * and raise the level (B-T, B-LT, B-LTA) with the same steps as {@link PadesSigner}.
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
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the chain needs at least the signer's certificate");
        }
        SignatureAlgorithm algorithm = algorithmFor(options, chain.get(0));
        List<SignWarning> warnings = new ArrayList<>();
        boolean wantsTimeStamp = engine.timeStampWanted(options, warnings);
        try {
            PreparedRevision revision = PreparedRevision.write(pdf.clone(), options,
                    PadesSigner.reservedSize(chain, wantsTimeStamp) + FOREIGN_CMS_ALLOWANCE, algorithm.digest());
            // PAdES baseline: no CMS signing-time; the claimed time is /M.
            ExternalCmsSignature.ToBeSigned toBeSigned =
                    ExternalCmsSignature.toBeSigned(chain, algorithm, revision.digest(), null);
            List<byte[]> certificates = chain.stream().map(RevocationCollector::encoded).toList();
            return new PreparedSignature(revision.document(), revision.byteRange(), algorithm, revision.digest(),
                    toBeSigned.signedAttributes(), toBeSigned.digest(), certificates, options.level(),
                    options.policy(), wantsTimeStamp, warnings);
        } catch (IOException e) {
            throw new KysoException(PdfError.PDF_WRITE_FAILED, Map.of(), e, String.valueOf(e.getMessage()));
        }
    }

    /** Completes with a whole detached CMS made by the caller over {@code prepared.contentDigest()}. */
    public SignResult completeWithCms(PreparedSignature prepared, byte[] cms) {
        return completeWithCms(prepared, cms, null);
    }

    /** @param password the PDF's password when it is encrypted, else null (never kept in the prepared state) */
    public SignResult completeWithCms(PreparedSignature prepared, byte[] cms, String password) {
        PreparedRevision revision = revisionOf(prepared);
        List<X509Certificate> chain = prepared.chain();
        CMSSignedData signedData = CmsSignatureMatch.parse(cms);
        CmsSignatureMatch.require(signedData, prepared.algorithm().digest(), revision.digest(), chain.get(0));
        return finish(prepared, revision, withChain(signedData, chain), chain, password);
    }

    /** Completes with a raw signature value over {@code prepared.signedAttributesDigest()}. */
    public SignResult completeWithSignatureValue(PreparedSignature prepared, byte[] signatureValue) {
        return completeWithSignatureValue(prepared, signatureValue, null);
    }

    public SignResult completeWithSignatureValue(PreparedSignature prepared, byte[] signatureValue,
                                                 String password) {
        PreparedRevision revision = revisionOf(prepared);
        List<X509Certificate> chain = prepared.chain();
        CMSSignedData signedData = ExternalCmsSignature.assemble(chain, prepared.algorithm(), revision.digest(),
                null, signatureValue);
        return finish(prepared, revision, signedData, chain, password);
    }

    private SignResult finish(PreparedSignature prepared, PreparedRevision revision, CMSSignedData cms,
                              List<X509Certificate> chain, String password) {
        // Checked once more as it will be written (DER): a BER-encoded CMS from elsewhere could change on re-encoding.
        CMSSignedData written = CmsSignatureMatch.parse(CmsSignatureBuilder.encode(cms));
        CmsSignatureMatch.require(written, prepared.algorithm().digest(), revision.digest(), chain.get(0));
        PadesOptions options = PadesOptions.defaults().withLevel(prepared.level()).withPolicy(prepared.policy())
                .withPassword(password);
        try {
            return engine.complete(revision, written, chain, prepared.timeStampWanted(), options,
                    new ArrayList<>(prepared.warnings()));
        } catch (IOException e) {
            throw new KysoException(PdfError.PDF_WRITE_FAILED, Map.of(), e, String.valueOf(e.getMessage()));
        }
    }

    /** The revision as prepared, after checking the state still describes it (it may have been stored anywhere). */
    private static PreparedRevision revisionOf(PreparedSignature prepared) {
        if (prepared.document() == null || prepared.byteRange() == null || prepared.algorithm() == null
                || prepared.contentDigest() == null || prepared.level() == null || prepared.policy() == null) {
            throw new KysoException(RemoteSigningError.PREPARED_STATE_INVALID, "incomplete state");
        }
        PreparedRevision revision = new PreparedRevision(prepared.document(), prepared.byteRange(),
                prepared.contentDigest());
        revision.requireConsistent(prepared.algorithm().digest());
        return revision;
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
