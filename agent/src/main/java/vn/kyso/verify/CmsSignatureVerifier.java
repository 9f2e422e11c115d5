package vn.kyso.verify;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;

import vn.kyso.token.DigestAlgorithm;
import vn.kyso.token.SignatureAlgorithm;

/**
 * Verifies a detached CMS (CAdES) signature over content given as bytes or as a digest, with the same rules as a
 * PDF signature ({@link PdfSignatureVerifier#cmsSignatureChecks}) run for every SignerInfo: message digest,
 * signature value, signing-certificate binding, signature time-stamp, chain, validity, path, revocation, key usage,
 * algorithms. One {@link SignatureReport} per SignerInfo, in the CMS's order. Never throws for a bad signature.
 * Built with {@link PdfSignatureVerifier.Builder#buildCmsVerifier()}.
 */
public final class CmsSignatureVerifier {

    private final VerifierSettings settings;
    private final ChainBuilder chains;
    private final TimestampVerifier timestamps;

    CmsSignatureVerifier(VerifierSettings settings) {
        this.settings = settings;
        this.chains = new ChainBuilder(settings.trustStore(), settings.http(), settings.online());
        this.timestamps = new TimestampVerifier(settings, chains);
    }

    /** @param content the detached content the CMS signs */
    public DocumentReport verify(byte[] cms, byte[] content) {
        return verify(cms, content, null, null);
    }

    /** @param contentDigest the detached content's digest, computed with {@code algorithm} */
    public DocumentReport verify(byte[] cms, byte[] contentDigest, DigestAlgorithm algorithm) {
        return verify(cms, null, contentDigest.clone(),
                new DefaultDigestAlgorithmIdentifierFinder().find(algorithm.jcaName()));
    }

    private DocumentReport verify(byte[] cms, byte[] content, byte[] digest, AlgorithmIdentifier digestAlgorithm) {
        Instant now = settings.clock().instant();
        CMSSignedData signedData;
        try (ASN1InputStream in = new ASN1InputStream(new ByteArrayInputStream(cms))) {
            ASN1Primitive object = in.readObject();
            ContentInfo contentInfo = ContentInfo.getInstance(object);
            // The given content replaces any encapsulated one: what is verified is what the caller holds.
            signedData = content != null
                    ? new CMSSignedData(new CMSProcessableByteArray(content), contentInfo)
                    : new CMSSignedData(contentInfo);
        } catch (Exception e) {
            return DocumentReport.failed(now, VerifyError.CMS_UNREADABLE, String.valueOf(e.getMessage()));
        }
        List<SignerInformation> signers = new ArrayList<>(signedData.getSignerInfos().getSigners());
        if (signers.isEmpty()) {
            return DocumentReport.failed(now, VerifyError.CMS_UNREADABLE, "no SignerInfo");
        }
        List<SignatureReport> reports = new ArrayList<>();
        for (int i = 0; i < signers.size(); i++) {
            SignatureContext context = SignatureContext.forDetachedCms(settings, now);
            context.cms = signedData;
            context.signer = signers.get(i);
            context.detached = true;
            context.signedBytes = content;
            context.contentDigest = digest;
            context.contentDigestAlgorithm = digestAlgorithm;
            reports.add(verifyOne("SignerInfo #" + (i + 1), context));
        }
        return DocumentReport.of(now, reports);
    }

    /**
     * A bare signature value (no CMS) over {@code content}, or over its {@code digest} when content is null, made
     * with the key of {@code certificate}: the value, then the same certificate rules as a CMS signer's at the
     * verification time (chain, validity, path, revocation, key usage, algorithm strength). An ECDSA value may be
     * DER or the fixed-length r‖s. Its level is NONE: nothing in it is an ETSI format.
     */
    public DocumentReport verifyRaw(byte[] value, X509Certificate certificate, SignatureAlgorithm algorithm,
                                    byte[] content, byte[] digest) {
        Instant now = settings.clock().instant();
        byte[] signature = algorithm.keyKind() == SignatureAlgorithm.KeyKind.EC ? ecdsaDer(value) : value;
        SignatureContext context = SignatureContext.forDetachedCms(settings, now);
        List<SignatureCheck> checks = new ArrayList<>();
        checks.add(new RawSignatureValueCheck(signature, certificate, algorithm, content, digest));
        checks.addAll(PdfSignatureVerifier.certificateChecks(chains, List.of()));
        CheckRun run = CheckRun.of(context, checks);
        return DocumentReport.of(now, List.of(run.detachedReport("Signature", context,
                FormatLevel.Result.NONE)));
    }

    /** r‖s (JWS, XMLDSig and many plugins) to the DER SEQUENCE Java verifies; DER is kept as it is. */
    private static byte[] ecdsaDer(byte[] value) {
        try {
            ASN1Sequence sequence = ASN1Sequence.getInstance(value);
            if (sequence.size() == 2) {
                return value;
            }
        } catch (RuntimeException notDer) {
            // r‖s below
        }
        if (value.length == 0 || value.length % 2 != 0) {
            return value; // neither form: the value check says so
        }
        int half = value.length / 2;
        try {
            return new DERSequence(new ASN1Encodable[] {
                    new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(value, 0, half))),
                    new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(value, half, value.length)))}).getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private SignatureReport verifyOne(String name, SignatureContext context) {
        CheckRun run = CheckRun.of(context, PdfSignatureVerifier.cmsSignatureChecks(timestamps, chains));
        return run.detachedReport(name, context, FormatLevel.ofCms(context.cms, context.signer,
                settings.trustStore().anchors(), settings.trustStore().knownIntermediates()));
    }
}
