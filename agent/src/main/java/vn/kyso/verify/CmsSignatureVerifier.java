package vn.kyso.verify;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;

import vn.kyso.token.DigestAlgorithm;

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

    private SignatureReport verifyOne(String name, SignatureContext context) {
        CheckRun run = CheckRun.of(context, PdfSignatureVerifier.cmsSignatureChecks(timestamps, chains));
        return run.detachedReport(name, context, FormatLevel.ofCms(context.cms, context.signer,
                settings.trustStore().anchors(), settings.trustStore().knownIntermediates()));
    }
}
