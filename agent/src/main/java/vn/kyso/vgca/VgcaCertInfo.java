package vn.kyso.vgca;

import java.security.cert.CertificateEncodingException;
import java.util.Base64;
import java.util.Optional;

import vn.kyso.audit.AuditLog;
import vn.kyso.audit.AuditRecord;
import vn.kyso.errors.KysoException;
import vn.kyso.token.CertificateEntry;
import vn.kyso.vgca.VgcaMessages.CertInfo;
import vn.kyso.vgca.VgcaMessages.CertInfoResult;

/** GetCertInfo: the signing certificate the page would get (the personal one, or the one it names). */
public final class VgcaCertInfo {

    private final SigningCertificates certificates;
    private final AuditLog audit;

    public VgcaCertInfo(SigningCertificates certificates, AuditLog audit) {
        this.certificates = certificates;
        this.audit = audit;
    }

    public CertInfoResult get(Optional<String> origin, String certificateId) {
        try {
            CertificateEntry c = certificates.choose(certificateId, false);
            audit.append(new AuditRecord(origin.orElse("local program"), "vgca.GetCertInfo", "", "", c.id(),
                    c.subject(), "OK"));
            return new CertInfoResult(VgcaMessages.OK, "Thành công", new CertInfo(c.id(),
                    SigningCertificates.commonName(c), c.subject(), c.issuer(), c.serialNumber(),
                    c.notBefore().toString(), c.notAfter().toString(), c.tokenLabel(),
                    Base64.getEncoder().encodeToString(c.certificate().getEncoded())), null, null);
        } catch (KysoException e) {
            audit.append(new AuditRecord(origin.orElse("local program"), "vgca.GetCertInfo", "", "", "", "",
                    e.code()));
            return new CertInfoResult(VgcaMessages.FAILED, e.messageVi(), null, e.code(), e.messageEn());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
