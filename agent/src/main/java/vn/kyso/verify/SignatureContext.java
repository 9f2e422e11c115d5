package vn.kyso.verify;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;

import vn.kyso.json.JadesUnsignedProperties;
import vn.kyso.json.JwsDocument;

/**
 * The working state while one signature is checked: the inputs, and the facts the checks establish for the checks
 * after them (the order is fixed by {@link PdfSignatureVerifier}).
 */
final class SignatureContext {

    /** The PDF file; null for a detached CMS. */
    final byte[] file;
    /** The PDF signature dictionary; null for a detached CMS. */
    final PdfSignature signature;
    final VerifierSettings settings;
    EmbeddedEvidence evidence;
    final Instant verificationTime;

    /** The byte ranges of every signature of the same PDF, read once for all of them; null outside a PDF. */
    SignedRanges ranges;
    /** The bytes the byte ranges cover, set by the byte-range check; for a detached CMS its content, if given. */
    byte[] signedBytes;
    /** A detached CMS's content given only as a digest (instead of {@link #signedBytes}), and its algorithm. */
    byte[] contentDigest;
    AlgorithmIdentifier contentDigestAlgorithm;
    /**
     * The digest of the signed content with the signer's digest algorithm, as the messageDigest check computed it:
     * the signature value check reuses it instead of hashing the content (hundreds of kilobytes of PDF) again.
     */
    byte[] signedContentDigest;
    CMSSignedData cms;
    /** True for a detached CMS (PAdES); false when it encapsulates its content (adbe.pkcs7.sha1). */
    boolean detached;
    SignerInformation signer;
    X509Certificate signerCertificate;
    /** Certificates the CMS (and its timestamp) carry, for chain building. */
    final Set<X509Certificate> carriedCertificates = new LinkedHashSet<>();
    String digestAlgorithm;
    String signatureAlgorithm;

    /** A JSON signature (JWS/JAdES) being checked, null otherwise, and the payload the caller gave for it. */
    JwsDocument.Signature jws;
    /** The JWS payload as written (base64url), "" when detached or empty. */
    String jwsPayload;
    byte[] detachedPayload;
    /** Set by the JWS header check: the header's claimed signing time, and whether it carries JAdES properties. */
    Instant claimedTime;
    JadesUnsignedProperties jadesUnsigned = JadesUnsignedProperties.none();

    SigningTime signingTime;
    TimestampInfo timestamp;
    /** Signer first, trust anchor last. */
    List<X509Certificate> chain = List.of();
    RevocationInfo revocation = RevocationInfo.notChecked();
    final List<String> warnings = new ArrayList<>();
    /** The XML side of an XMLDSig/XAdES signature; null for PDF and CMS. */
    XmlSignatureState xml;

    SignatureContext(byte[] file, PdfSignature signature, VerifierSettings settings, EmbeddedEvidence evidence,
                     Instant verificationTime) {
        this.file = file;
        this.signature = signature;
        this.settings = settings;
        this.evidence = evidence;
        this.verificationTime = verificationTime;
    }

    /**
     * One SignerInfo of a detached CMS (CAdES): the caller has parsed the CMS and set {@link #cms} and
     * {@link #signer}, so the checks start from the signer instead of a PDF's /Contents.
     */
    static SignatureContext forDetachedCms(VerifierSettings settings, Instant verificationTime) {
        return new SignatureContext(null, null, settings, EmbeddedEvidence.empty(), verificationTime);
    }

    /** One signature of a JWS: the checks start from its headers instead of a CMS. */
    static SignatureContext forJws(VerifierSettings settings, Instant verificationTime, JwsDocument.Signature jws,
                                   String payload, byte[] detachedPayload) {
        SignatureContext context = new SignatureContext(null, null, settings, EmbeddedEvidence.empty(),
                verificationTime);
        context.jws = jws;
        context.jwsPayload = payload;
        context.detachedPayload = detachedPayload;
        return context;
    }

    /** One ds:Signature of an XML document: the XML checks start from {@link #xml}. */
    static SignatureContext forXml(VerifierSettings settings, Instant verificationTime, XmlSignatureState xml) {
        SignatureContext context = new SignatureContext(null, null, settings, EmbeddedEvidence.empty(),
                verificationTime);
        context.xml = xml;
        return context;
    }

    /** The /SubFilter of a PDF signature; null for a detached CMS. */
    String subFilter() {
        return signature == null ? null : signature.subFilter();
    }

    /** The /M of a PDF signature; null for a detached CMS (its claim is the signing-time attribute). */
    Instant claimedPdfTime() {
        return signature == null ? null : signature.claimedTime();
    }

    /** The best signing time established so far: the timestamp's when verified, else the verification time. */
    Instant bestSigningTime() {
        return signingTime != null ? signingTime.time() : verificationTime;
    }

    boolean hasProofOfTime() {
        return signingTime != null && signingTime.source() == TimeSource.TIMESTAMP;
    }

    /** Every certificate the document offers for path building. */
    List<X509Certificate> certificatePool() {
        List<X509Certificate> pool = new ArrayList<>(carriedCertificates);
        pool.addAll(evidence.certificates());
        pool.addAll(settings.trustStore().knownIntermediates());
        return pool;
    }
}
