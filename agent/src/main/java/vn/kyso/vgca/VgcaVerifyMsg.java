package vn.kyso.vgca;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cms.CMSSignedData;

import vn.kyso.audit.AuditLog;
import vn.kyso.audit.AuditRecord;
import vn.kyso.errors.KysoException;
import vn.kyso.token.DigestAlgorithm;
import vn.kyso.token.SignatureAlgorithm;
import vn.kyso.token.TokenError;
import vn.kyso.verify.CmsSignatureVerifier;
import vn.kyso.verify.DocumentReport;
import vn.kyso.verify.ReportJson;
import vn.kyso.vgca.VgcaMessages.MsgVerifyJob;
import vn.kyso.vgca.VgcaMessages.VerifyResult;

/**
 * VerifyMsg: a signature over a message the page holds, verified with the same rules as a document's and answered
 * in VerifyPDF's shape. Three forms, told apart by the signature itself, never by a flag the page could misstate:
 * <ul>
 *   <li>a CMS/PKCS#7 SignedData with the data inside (attached): the encapsulated data is what is verified;</li>
 *   <li>a CMS/PKCS#7 SignedData without it (detached, a {@code .p7s} as SignFile makes): verified against
 *       {@code Data}, or against {@code HashValue} when only the digest is known;</li>
 *   <li>anything else is a bare signature value (SignMsg's answer): verified with {@code CertBase64}'s key over
 *       {@code Data} or {@code HashValue}.</li>
 * </ul>
 * The inputs are bounded by the protocol's frame limit; nothing is downloaded.
 */
public final class VgcaVerifyMsg {

    private final CmsSignatureVerifier verifier;
    private final AuditLog audit;

    public VgcaVerifyMsg(CmsSignatureVerifier verifier, AuditLog audit) {
        this.verifier = verifier;
        this.audit = audit;
    }

    public VerifyResult verify(Optional<String> origin, MsgVerifyJob job) {
        String shownHash = "";
        try {
            byte[] signature = signatureBytes(job.signature());
            byte[] data = data(job);
            byte[] hash = job.hashValue() == null || job.hashValue().isBlank() ? null
                    : base64("HashValue", job.hashValue());
            DigestAlgorithm hashAlgorithm = digestAlgorithm(job.hashAlg());
            shownHash = data != null ? VgcaFileJob.sha256(data) : hash == null ? "" : hex(hash);
            CMSSignedData cms = cms(signature);
            DocumentReport report;
            if (cms != null) {
                if (data == null && hash == null) {
                    data = encapsulated(cms);
                    shownHash = VgcaFileJob.sha256(data);
                }
                report = data != null ? verifier.verify(signature, data)
                        : verifier.verify(signature, hash, hashAlgorithm);
            } else {
                if (job.certBase64() == null || job.certBase64().isBlank()) {
                    throw new KysoException(VgcaError.MESSAGE_CERTIFICATE_MISSING);
                }
                if (data == null && hash == null) {
                    throw new KysoException(VgcaError.MESSAGE_DATA_MISSING, "Data | HashValue");
                }
                X509Certificate certificate = certificate(job.certBase64());
                report = verifier.verifyRaw(signature, certificate, algorithm(job.signatureAlgorithm(), certificate,
                        hashAlgorithm), data, hash);
            }
            VerifyResult result = VgcaVerifyPdf.result(report, ReportJson.tree(report), null);
            audit.append(new AuditRecord(origin.orElse("local program"), "vgca.VerifyMsg",
                    cms != null ? "CMS" : "raw signature", shownHash, "", "", report.indication().name()));
            return result;
        } catch (KysoException e) {
            audit.append(new AuditRecord(origin.orElse("local program"), "vgca.VerifyMsg", "", shownHash, "", "",
                    e.code()));
            return new VerifyResult(VgcaMessages.FAILED, e.messageVi(), null, null, null, e.code(), e.messageEn());
        }
    }

    /** Base64 (whitespace allowed), or PEM ("-----BEGIN PKCS7-----" …) as tools write .p7s files. */
    private static byte[] signatureBytes(String text) {
        if (text == null || text.isBlank()) {
            throw new KysoException(VgcaError.MESSAGE_SIGNATURE_UNREADABLE, "Signature", "empty");
        }
        String body = text.replaceAll("-----(BEGIN|END) [A-Z0-9 ]+-----", "");
        return base64("Signature", body);
    }

    private static byte[] base64(String field, String text) {
        try {
            return Base64.getMimeDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new KysoException(VgcaError.MESSAGE_SIGNATURE_UNREADABLE, field, "not base64");
        }
    }

    /**
     * The data as bytes: base64 unless DataEncoding says text (utf-8, utf8, text, plain); without DataEncoding, text
     * that is not strict base64 (a Vietnamese sentence) is taken as its UTF-8 bytes.
     */
    static byte[] data(MsgVerifyJob job) {
        String data = job.data();
        if (data == null) {
            return null;
        }
        String encoding = job.dataEncoding() == null ? "" : job.dataEncoding().toLowerCase(Locale.ROOT);
        switch (encoding) {
            case "utf-8", "utf8", "text", "plain" -> {
                return data.getBytes(StandardCharsets.UTF_8);
            }
            case "base64" -> {
                return base64("Data", data);
            }
            case "" -> {
                try {
                    return Base64.getDecoder().decode(data);
                } catch (IllegalArgumentException notBase64) {
                    return data.getBytes(StandardCharsets.UTF_8);
                }
            }
            default -> throw new KysoException(VgcaError.MESSAGE_SIGNATURE_UNREADABLE, "DataEncoding",
                    "must be base64 or utf-8, not " + job.dataEncoding());
        }
    }

    /** A CMS SignedData, or null when the bytes are something else (a bare signature value). */
    private static CMSSignedData cms(byte[] signature) {
        try {
            ContentInfo info = ContentInfo.getInstance(ASN1Primitive.fromByteArray(signature));
            if (info == null || !CMSObjectIdentifiers.signedData.equals(info.getContentType())) {
                return null;
            }
            return new CMSSignedData(info);
        } catch (Exception notCms) {
            return null;
        }
    }

    private static byte[] encapsulated(CMSSignedData cms) {
        Object content = cms.getSignedContent() == null ? null : cms.getSignedContent().getContent();
        if (!(content instanceof byte[] bytes)) {
            throw new KysoException(VgcaError.MESSAGE_DATA_MISSING,
                    "the CMS is detached: give the signed Data or its HashValue");
        }
        return bytes;
    }

    private static X509Certificate certificate(String base64) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(base64("CertBase64",
                            base64.replaceAll("-----(BEGIN|END) CERTIFICATE-----", ""))));
        } catch (CertificateException | RuntimeException e) {
            if (e instanceof KysoException k) {
                throw k;
            }
            throw new KysoException(VgcaError.MESSAGE_SIGNATURE_UNREADABLE, "CertBase64", "not an X.509 certificate");
        }
    }

    private static DigestAlgorithm digestAlgorithm(String name) {
        String n = name == null ? "SHA256" : name.toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
        return switch (n) {
            case "SHA256" -> DigestAlgorithm.SHA256;
            case "SHA384" -> DigestAlgorithm.SHA384;
            case "SHA512" -> DigestAlgorithm.SHA512;
            default -> throw new KysoException(TokenError.ALGORITHM_NOT_ALLOWED, Map.of(), null, name);
        };
    }

    /**
     * The scheme of a bare value: named (a JCA name such as SHA256withRSAandMGF1, or the token's enum name), else
     * PKCS#1 v1.5 for an RSA key (SignMsg's "Encode": "RSA") and ECDSA for an EC key, with HashAlg's digest.
     */
    private static SignatureAlgorithm algorithm(String name, X509Certificate certificate, DigestAlgorithm digest) {
        if (name != null && !name.isBlank() && !name.equalsIgnoreCase("RSA") && !name.equalsIgnoreCase("ECDSA")) {
            return SignatureAlgorithm.parse(name);
        }
        boolean ec = "EC".equals(certificate.getPublicKey().getAlgorithm());
        return SignatureAlgorithm.of(ec ? SignatureAlgorithm.KeyKind.EC : SignatureAlgorithm.KeyKind.RSA,
                ec ? SignatureAlgorithm.Scheme.ECDSA : SignatureAlgorithm.Scheme.PKCS1, digest);
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
