package vn.kyso.verify;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.tsp.TimeStampToken;

import vn.kyso.errors.KysoException;
import vn.kyso.json.JadesUnsignedProperties;
import vn.kyso.json.JwsDocument;
import vn.kyso.pki.CertificateHolders;

/**
 * The format level a signature carries — what the document holds, not whether it verifies nor what could be fetched
 * online — decided by ETSI EN 319 142-1/-2 (PAdES) and EN 319 122-1 (CAdES) as EU DSS 6.4 reads them:
 * <ul>
 *   <li>/SubFilter adbe.pkcs7.detached (or adbe.pkcs7.sha1) with a message-digest and the signer's certificate:
 *       the PKCS7-B/T/LT/LTA ladder; without them PDF-NOT-ETSI;</li>
 *   <li>/SubFilter ETSI.CAdES.detached with a detached CMS of one signer and an id-data content-type: PAdES; it is
 *       BASELINE-B only when it keeps the baseline rules (one ESS signing-certificate(-v2), no CMS signing-time, a
 *       /M entry, the signer's certificate in SignedData.certificates), else the extended PAdES-BES, -EPES or -LTV;
 *       any other /SubFilter, or no signed attributes, is PDF-NOT-ETSI;</li>
 *   <li>T: a signature time-stamp in the CMS, or a document time-stamp in a later revision;</li>
 *   <li>LT: revocation data (OCSP or CRL) for every certificate that needs it — not self-signed, not a trust anchor,
 *       no id-pkix-ocsp-nocheck — in the chains of the signer and of every time-stamp but the last archive one,
 *       found anywhere in the document (/DSS with or without VRI, SignedData CRLs, adbe-revocationInfoArchival,
 *       CAdES revocation-values, time-stamp tokens), and a /DSS dictionary (EN 319 142-1 §5.4.2);</li>
 *   <li>LTA: a later document time-stamp whose revision already holds that validation data.</li>
 * </ul>
 * A failing signature keeps the level it carries; {@link LevelGap}s say why it stops where it does.
 */
final class FormatLevel {

    private static final String OCSP_NO_CHECK = "1.3.6.1.5.5.7.48.1.5";
    private static final ASN1ObjectIdentifier ARCHIVE_TIMESTAMP_V3 = new ASN1ObjectIdentifier("0.4.0.1733.2.4");

    record Result(SignatureLevel level, List<LevelGap> gaps) {
        static final Result NONE = new Result(SignatureLevel.NONE, List.of());
    }

    /** What the document offers a PDF signature beyond its own CMS. */
    record PdfContext(EmbeddedEvidence evidence, boolean hasDssDictionary, List<PdfSignature> laterTimestamps,
                      Function<PdfSignature, EmbeddedEvidence> evidenceCoveredBy, Collection<X509Certificate> anchors,
                      Collection<X509Certificate> intermediates) {
    }

    private FormatLevel() {
    }

    /**
     * @param cms    the parsed CMS when the checks got that far, else null (parsed here)
     * @param signer its SignerInfo, likewise
     * @param pdf    {@link PdfContext#evidence()} holds the document's /DSS evidence plus the CMS's when {@code cms}
     *               is given
     */
    static Result ofPdf(PdfSignature signature, CMSSignedData cms, SignerInformation signer, PdfContext pdf) {
        EmbeddedEvidence evidence = pdf.evidence();
        if (cms == null || signer == null) {
            try {
                cms = new CMSSignedData(signature.cms());
                signer = cms.getSignerInfos().getSigners().iterator().next();
                evidence = evidence.plus(CmsEvidence.of(cms, signer));
            } catch (Exception e) {
                return Result.NONE;
            }
        }
        List<TimeStampToken> documentTimestamps = new ArrayList<>();
        for (PdfSignature timestamp : pdf.laterTimestamps()) {
            TimeStampToken token = documentTimestamp(timestamp);
            documentTimestamps.add(token);
            if (token != null) {
                evidence = evidence.plus(new EmbeddedEvidence(certificates(token.toCMSSignedData()), List.of(),
                        List.of()));
            }
        }
        X509Certificate signerCertificate = signerCertificate(cms, signer, evidence);
        String subFilter = signature.subFilter();
        boolean pkcs7 = "adbe.pkcs7.detached".equals(subFilter) || "adbe.pkcs7.sha1".equals(subFilter);
        AttributeTable signed = signer.getSignedAttributes();
        Ladder ladder;
        if (pkcs7) {
            boolean sha1 = "adbe.pkcs7.sha1".equals(subFilter);
            boolean profile = signerCertificate != null && (sha1
                    ? !cms.isDetachedSignature() && cms.getSignedContent().getContent() instanceof byte[] b
                    && b.length == 20
                    : signed != null && signed.get(CMSAttributes.messageDigest) != null
                    && cms.isDetachedSignature());
            if (!profile) {
                return notEtsi(LevelGap.Reason.LEVEL_NOT_ETSI_NO_SIGNED_ATTRIBUTES, "");
            }
            ladder = Ladder.PKCS7;
        } else {
            if (!"ETSI.CAdES.detached".equals(subFilter)) {
                return notEtsi(LevelGap.Reason.LEVEL_NOT_ETSI_SUBFILTER, String.valueOf(subFilter));
            }
            if (signed == null || !PKCSObjectIdentifiers.data.equals(contentType(signed))
                    || cms.getSignerInfos().size() != 1 || !cms.isDetachedSignature()) {
                return notEtsi(LevelGap.Reason.LEVEL_NOT_ETSI_NO_SIGNED_ATTRIBUTES, "");
            }
            List<Baseline> broken = baselineViolations(cms, signer, signerCertificate, true);
            if (signature.claimedTime() == null) {
                broken.add(Baseline.NO_M);
            }
            if (!broken.isEmpty()) {
                return extended(broken, cms, signer, signerCertificate, evidence, pdf, documentTimestamps);
            }
            ladder = Ladder.PADES;
        }
        List<TimeStampToken> signatureTimestamps = CmsEvidence.signatureTimestamps(signer);
        if (signatureTimestamps.isEmpty() && documentTimestamps.isEmpty()) {
            return new Result(ladder.b, List.of(LevelGap.of(LevelGap.Reason.LEVEL_NO_TIMESTAMP, "")));
        }
        List<TimeStampToken> timestamps = ltTimestamps(signatureTimestamps, documentTimestamps);
        List<LevelGap> gaps = validationDataGaps(signerCertificate, timestamps, evidence, pdf.anchors(),
                pdf.intermediates());
        if (gaps.isEmpty() && !pdf.hasDssDictionary()) {
            gaps.add(LevelGap.of(LevelGap.Reason.LEVEL_NO_DSS_DICTIONARY, ""));
        }
        if (!gaps.isEmpty()) {
            return new Result(ladder.t, gaps);
        }
        if (!archived(signerCertificate, timestamps, cms, signer, pdf)) {
            return new Result(ladder.lt, List.of(LevelGap.of(LevelGap.Reason.LEVEL_NO_ARCHIVE_TIMESTAMP, "")));
        }
        return new Result(ladder.lta, List.of());
    }

    /** A detached CMS: CAdES-BASELINE-B/T/LT/LTA from what the CMS alone carries; CAdES-BES when not baseline. */
    static Result ofCms(CMSSignedData cms, SignerInformation signer, Collection<X509Certificate> anchors,
                        Collection<X509Certificate> intermediates) {
        AttributeTable signed = signer.getSignedAttributes();
        if (signed == null || signed.get(CMSAttributes.messageDigest) == null) {
            return new Result(SignatureLevel.CMS_NOT_ETSI,
                    List.of(LevelGap.of(LevelGap.Reason.LEVEL_NOT_ETSI_NO_SIGNED_ATTRIBUTES, "")));
        }
        EmbeddedEvidence evidence = CmsEvidence.of(cms, signer);
        X509Certificate signerCertificate = signerCertificate(cms, signer, evidence);
        List<Baseline> broken = baselineViolations(cms, signer, signerCertificate, false);
        if (!broken.isEmpty()) {
            return new Result(SignatureLevel.CADES_BES, List.of(Baseline.gap(broken)));
        }
        List<TimeStampToken> timestamps = CmsEvidence.signatureTimestamps(signer);
        if (timestamps.isEmpty()) {
            return new Result(SignatureLevel.CADES_B_B, List.of(LevelGap.of(LevelGap.Reason.LEVEL_NO_TIMESTAMP, "")));
        }
        List<LevelGap> gaps = validationDataGaps(signerCertificate, timestamps, evidence, anchors, intermediates);
        if (!gaps.isEmpty()) {
            return new Result(SignatureLevel.CADES_B_T, gaps);
        }
        var unsigned = signer.getUnsignedAttributes();
        if (unsigned == null || unsigned.get(ARCHIVE_TIMESTAMP_V3) == null) {
            return new Result(SignatureLevel.CADES_B_LT,
                    List.of(LevelGap.of(LevelGap.Reason.LEVEL_NO_ARCHIVE_TIMESTAMP, "")));
        }
        return new Result(SignatureLevel.CADES_B_LTA, List.of());
    }

    /**
     * A JWS: JSON-NOT-ETSI without the signed properties JAdES B-B adds ({@link JwsHeaderCheck#carriesJadesProperties});
     * else JAdES-BASELINE-B, -T with a sigTst, -LT with validation data (xVals/rVals, the tokens' own, x5c) for every
     * certificate of the signer's and the time-stamping units' chains, -LTA with an arcTst — the same ladder and
     * the same validation-data rule as {@link #ofCms}, from what the etsiU header carries.
     */
    static Result ofJws(JwsDocument.Signature jws, Collection<X509Certificate> anchors,
                        Collection<X509Certificate> intermediates) {
        if (!JwsHeaderCheck.carriesJadesProperties(jws.header())) {
            return new Result(SignatureLevel.JSON_NOT_ETSI,
                    List.of(LevelGap.of(LevelGap.Reason.LEVEL_NOT_ETSI_NO_JADES_PROPERTIES, "")));
        }
        JadesUnsignedProperties unsigned;
        try {
            unsigned = JadesUnsignedProperties.read(jws.unprotected());
        } catch (KysoException e) {
            unsigned = JadesUnsignedProperties.none(); // a malformed etsiU carries nothing a level could rest on
        }
        List<TimeStampToken> timestamps = JadesEvidence.timestamps(unsigned.signatureTimeStamps());
        if (timestamps.isEmpty()) {
            return new Result(SignatureLevel.JADES_B_B, List.of(LevelGap.of(LevelGap.Reason.LEVEL_NO_TIMESTAMP, "")));
        }
        List<X509Certificate> x5c;
        try {
            x5c = JwsSigningCertificateCheck.chain(jws.header().get("x5c"));
        } catch (VerificationFailure e) {
            x5c = List.of();
        }
        EmbeddedEvidence evidence = JadesEvidence.of(unsigned).plus(new EmbeddedEvidence(x5c, List.of(), List.of()));
        List<X509Certificate> pool = new ArrayList<>(evidence.certificates());
        pool.addAll(intermediates);
        X509Certificate signerCertificate;
        try {
            signerCertificate = JwsSigningCertificateCheck.signer(jws.header(), x5c, pool);
        } catch (VerificationFailure e) {
            return new Result(SignatureLevel.JADES_B_T,
                    List.of(LevelGap.of(LevelGap.Reason.LEVEL_NO_VALIDATION_DATA_SIGNER, e.reason())));
        }
        List<LevelGap> gaps = validationDataGaps(signerCertificate, timestamps, evidence, anchors, intermediates);
        if (!gaps.isEmpty()) {
            return new Result(SignatureLevel.JADES_B_T, gaps);
        }
        if (JadesEvidence.timestamps(unsigned.archiveTimeStamps()).isEmpty()) {
            return new Result(SignatureLevel.JADES_B_LT,
                    List.of(LevelGap.of(LevelGap.Reason.LEVEL_NO_ARCHIVE_TIMESTAMP, "")));
        }
        return new Result(SignatureLevel.JADES_B_LTA, List.of());
    }

    private enum Ladder {
        PADES(SignatureLevel.PADES_B_B, SignatureLevel.PADES_B_T, SignatureLevel.PADES_B_LT, SignatureLevel.PADES_B_LTA),
        PKCS7(SignatureLevel.PKCS7_B, SignatureLevel.PKCS7_T, SignatureLevel.PKCS7_LT, SignatureLevel.PKCS7_LTA);

        final SignatureLevel b;
        final SignatureLevel t;
        final SignatureLevel lt;
        final SignatureLevel lta;

        Ladder(SignatureLevel b, SignatureLevel t, SignatureLevel lt, SignatureLevel lta) {
            this.b = b;
            this.t = t;
            this.lt = lt;
            this.lta = lta;
        }
    }

    /** The baseline rules (EN 319 122-1 §6.3, EN 319 142-1 §6.3) a CMS may break, in both languages. */
    private enum Baseline {
        NO_CERTIFICATES("CMS không mang chứng thư nào", "no SignedData.certificates"),
        CONTENT_TYPE("thuộc tính content-type không phải một giá trị id-data", "content-type is not one id-data"),
        MESSAGE_DIGEST("thuộc tính message-digest không có đúng một lần", "message-digest is not present once"),
        SIGNING_CERTIFICATE("không có đúng một thuộc tính ESS signing-certificate(-v2)",
                "no single ESS signing-certificate(-v2) attribute"),
        SIGNING_TIME_PRESENT("CMS có thuộc tính signing-time (PAdES lấy thời điểm ký từ /M)",
                "a CMS signing-time attribute (PAdES takes the time from /M)"),
        SIGNING_TIME_MISSING("thiếu thuộc tính signing-time", "no signing-time attribute"),
        POLICIES("nhiều thuộc tính signature-policy-identifier", "several signature-policy-identifier attributes"),
        SIGNER_NOT_CARRIED("CMS không mang chứng thư của người ký", "the signer's certificate is not in the CMS"),
        NO_M("từ điển chữ ký không có mục /M", "no /M entry");

        private final String vi;
        private final String en;

        Baseline(String vi, String en) {
            this.vi = vi;
            this.en = en;
        }

        static LevelGap gap(List<Baseline> broken) {
            return LevelGap.of(LevelGap.Reason.LEVEL_NOT_BASELINE,
                    String.join("; ", broken.stream().map(b -> b.vi).toList()),
                    String.join("; ", broken.stream().map(b -> b.en).toList()));
        }
    }

    private static Result notEtsi(LevelGap.Reason reason, String detail) {
        return new Result(SignatureLevel.PDF_NOT_ETSI, List.of(LevelGap.of(reason, detail)));
    }

    /** An ETSI PAdES signature that breaks a baseline rule: PAdES-LTV, -EPES or -BES (EN 319 142-2). */
    private static Result extended(List<Baseline> broken, CMSSignedData cms, SignerInformation signer,
                                   X509Certificate signerCertificate, EmbeddedEvidence evidence, PdfContext pdf,
                                   List<TimeStampToken> documentTimestamps) {
        List<LevelGap> gaps = List.of(Baseline.gap(broken));
        List<TimeStampToken> timestamps = ltTimestamps(CmsEvidence.signatureTimestamps(signer), documentTimestamps);
        if (pdf.hasDssDictionary() && !pdf.laterTimestamps().isEmpty()
                && validationDataGaps(signerCertificate, timestamps, evidence, pdf.anchors(), pdf.intermediates())
                .isEmpty()
                && archived(signerCertificate, timestamps, cms, signer, pdf)) {
            return new Result(SignatureLevel.PADES_LTV, gaps);
        }
        boolean policy = signer.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_ets_sigPolicyId) != null;
        return new Result(policy ? SignatureLevel.PADES_EPES : SignatureLevel.PADES_BES, gaps);
    }

    /** EN 319 122-1 §6.3 / EN 319 142-1 §6.3 requirements a B-level CMS must keep; empty when it keeps them all. */
    private static List<Baseline> baselineViolations(CMSSignedData cms, SignerInformation signer,
                                                     X509Certificate signerCertificate, boolean pades) {
        List<Baseline> broken = new ArrayList<>();
        AttributeTable signed = signer.getSignedAttributes();
        if (cms.getCertificates().getMatches(null).isEmpty()) {
            broken.add(Baseline.NO_CERTIFICATES);
        }
        if (count(signed, CMSAttributes.contentType) != 1 || !PKCSObjectIdentifiers.data.equals(contentType(signed))) {
            broken.add(Baseline.CONTENT_TYPE);
        }
        if (count(signed, CMSAttributes.messageDigest) != 1) {
            broken.add(Baseline.MESSAGE_DIGEST);
        }
        int v1 = count(signed, PKCSObjectIdentifiers.id_aa_signingCertificate);
        int v2 = count(signed, PKCSObjectIdentifiers.id_aa_signingCertificateV2);
        if (v1 + v2 != 1) {
            broken.add(Baseline.SIGNING_CERTIFICATE);
        }
        int signingTime = count(signed, CMSAttributes.signingTime);
        if (pades && signingTime != 0) {
            broken.add(Baseline.SIGNING_TIME_PRESENT);
        } else if (!pades && signingTime != 1) {
            broken.add(Baseline.SIGNING_TIME_MISSING);
        }
        if (count(signed, PKCSObjectIdentifiers.id_aa_ets_sigPolicyId) > 1) {
            broken.add(Baseline.POLICIES);
        }
        if (signerCertificate == null || cms.getCertificates().getMatches(signer.getSID()).isEmpty()) {
            broken.add(Baseline.SIGNER_NOT_CARRIED);
        }
        return broken;
    }

    /** The time-stamps whose chains LT covers: every one but the last archive (document) time-stamp. */
    private static List<TimeStampToken> ltTimestamps(List<TimeStampToken> signatureTimestamps,
                                                     List<TimeStampToken> documentTimestamps) {
        List<TimeStampToken> result = new ArrayList<>(signatureTimestamps);
        for (int i = 0; i < documentTimestamps.size() - 1; i++) {
            if (documentTimestamps.get(i) != null) {
                result.add(documentTimestamps.get(i));
            }
        }
        return result;
    }

    /** Why LT is not reached for want of validation data: nothing when every certificate that needs it has some. */
    private static List<LevelGap> validationDataGaps(X509Certificate signerCertificate,
                                                     List<TimeStampToken> timestamps, EmbeddedEvidence evidence,
                                                     Collection<X509Certificate> anchors,
                                                     Collection<X509Certificate> intermediates) {
        Set<X509Certificate> pool = new LinkedHashSet<>(evidence.certificates());
        pool.addAll(intermediates);
        List<LevelGap> gaps = new ArrayList<>();
        boolean anyData = evidence.hasRevocationData();
        if (signerCertificate != null) {
            List<String> missing = missing(signerCertificate, pool, evidence, anchors);
            if (!missing.isEmpty() || !anyData) {
                gaps.add(LevelGap.of(LevelGap.Reason.LEVEL_NO_VALIDATION_DATA_SIGNER, missing.isEmpty()
                        ? "\"" + Certificates.name(signerCertificate) + "\"" : String.join(", ", missing)));
            }
        }
        Set<String> tsaMissing = new LinkedHashSet<>();
        for (TimeStampToken token : timestamps) {
            X509Certificate tsa = tsaCertificate(token, pool);
            if (tsa != null) {
                tsaMissing.addAll(missing(tsa, pool, evidence, anchors));
            }
        }
        if (!tsaMissing.isEmpty()) {
            gaps.add(LevelGap.of(LevelGap.Reason.LEVEL_NO_VALIDATION_DATA_TSA, String.join(", ", tsaMissing)));
        }
        return gaps;
    }

    /** Whether a later document time-stamp's revision already holds the validation data LT needs. */
    private static boolean archived(X509Certificate signerCertificate, List<TimeStampToken> timestamps,
                                    CMSSignedData cms, SignerInformation signer, PdfContext pdf) {
        for (PdfSignature timestamp : pdf.laterTimestamps()) {
            EmbeddedEvidence covered = pdf.evidenceCoveredBy().apply(timestamp).plus(CmsEvidence.of(cms, signer));
            List<TimeStampToken> before = timestamps.stream()
                    .filter(t -> !t.getTimeStampInfo().getGenTime().after(tokenTime(timestamp))).toList();
            if (validationDataGaps(signerCertificate, before, covered, pdf.anchors(), pdf.intermediates()).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static java.util.Date tokenTime(PdfSignature timestamp) {
        TimeStampToken token = documentTimestamp(timestamp);
        return token == null ? new java.util.Date(0) : token.getTimeStampInfo().getGenTime();
    }

    /** Names of the certificates of {@code leaf}'s chain (as far as it can be built offline) lacking revocation data. */
    private static List<String> missing(X509Certificate leaf, Collection<X509Certificate> pool,
                                        EmbeddedEvidence evidence, Collection<X509Certificate> anchors) {
        List<String> missing = new ArrayList<>();
        X509Certificate current = leaf;
        for (int depth = 0; depth < 10 && current != null; depth++) {
            if (Certificates.selfSigned(current) || anchors.contains(current)) {
                break;
            }
            X509Certificate issuer = ChainBuilder.issuerIn(current, anchors);
            if (issuer == null) {
                issuer = ChainBuilder.issuerIn(current, pool);
            }
            boolean noCheck = current.getExtensionValue(OCSP_NO_CHECK) != null;
            if (!noCheck && !evidence.hasRevocationDataFor(current, issuer)) {
                missing.add("\"" + Certificates.name(current) + "\"");
            }
            current = issuer;
        }
        return missing;
    }

    private static int count(AttributeTable table, ASN1ObjectIdentifier type) {
        return table == null ? 0 : table.getAll(type).size();
    }

    private static ASN1ObjectIdentifier contentType(AttributeTable signed) {
        var attribute = signed == null ? null : signed.get(CMSAttributes.contentType);
        try {
            return attribute == null ? null
                    : ASN1ObjectIdentifier.getInstance(attribute.getAttrValues().getObjectAt(0));
        } catch (RuntimeException e) {
            return null;
        }
    }

    static TimeStampToken documentTimestamp(PdfSignature timestamp) {
        try {
            return new TimeStampToken(new CMSSignedData(timestamp.cms()));
        } catch (Exception e) {
            return null;
        }
    }

    private static List<X509Certificate> certificates(CMSSignedData cms) {
        List<X509Certificate> result = new ArrayList<>();
        for (X509CertificateHolder holder : cms.getCertificates().getMatches(null)) {
            X509Certificate certificate = Certificates.convert(holder);
            if (certificate != null) {
                result.add(certificate);
            }
        }
        return result;
    }

    /** The signer's certificate from the CMS, else (as DSS does) from the certificates the document carries. */
    private static X509Certificate signerCertificate(CMSSignedData cms, SignerInformation signer,
                                                     EmbeddedEvidence evidence) {
        Collection<X509CertificateHolder> matches = cms.getCertificates().getMatches(signer.getSID());
        if (!matches.isEmpty()) {
            return Certificates.convert(matches.iterator().next());
        }
        for (X509Certificate candidate : evidence.certificates()) {
            if (matches(signer.getSID(), candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static X509Certificate tsaCertificate(TimeStampToken token, Collection<X509Certificate> pool) {
        Collection<X509CertificateHolder> matches = token.getCertificates().getMatches(token.getSID());
        if (!matches.isEmpty()) {
            return Certificates.convert(matches.iterator().next());
        }
        return pool.stream().filter(c -> matches(token.getSID(), c)).findFirst().orElse(null);
    }

    private static boolean matches(org.bouncycastle.cms.SignerId id, X509Certificate certificate) {
        try {
            X509CertificateHolder holder = CertificateHolders.of(certificate);
            return holder != null && id.match(holder);
        } catch (Exception e) {
            return false;
        }
    }
}
