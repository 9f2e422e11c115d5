package vn.kyso.vgca;

import java.util.Map;
import java.util.Optional;

import vn.kyso.errors.KysoException;
import vn.kyso.request.RequestError;
import vn.kyso.token.CertificateEntry;
import vn.kyso.usecase.SignHash;
import vn.kyso.vgca.VgcaMessages.MsgJob;
import vn.kyso.vgca.VgcaMessages.MsgResult;

/**
 * SignMsg: a hash signed with a personal key. Blind signing, so {@link SignHash} flags it in the consent dialog and
 * audits it; the reply carries the raw signature and the certificate as the old plugin's did.
 */
public final class VgcaSignMsg {

    private final SigningCertificates certificates;
    private final SignHash signHash;

    public VgcaSignMsg(SigningCertificates certificates, SignHash signHash) {
        this.certificates = certificates;
        this.signHash = signHash;
    }

    public MsgResult sign(Optional<String> origin, MsgJob job) {
        try {
            if (job.encode() != null && !job.encode().isBlank() && !job.encode().equalsIgnoreCase("RSA")) {
                throw new KysoException(RequestError.INVALID_PARAMS, Map.of("param", "Encode"), null,
                        "Encode must be RSA");
            }
            CertificateEntry certificate = certificates.choose(job.certificateId(), false);
            SignHash.Result result = signHash.sign(new SignHash.Request(origin.orElse("local program"),
                    certificate.id(), job.hashValue(), job.hashAlg() == null ? "SHA256" : job.hashAlg(), null));
            return new MsgResult(VgcaMessages.OK, "Thành công", result.signature(), result.certificate(), null, null);
        } catch (KysoException e) {
            return new MsgResult(VgcaMessages.FAILED, e.messageVi(), null, null, e.code(), e.messageEn());
        }
    }
}
