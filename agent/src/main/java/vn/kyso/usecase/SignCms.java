package vn.kyso.usecase;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import vn.kyso.audit.AuditRecord;
import vn.kyso.cms.CadesLevel;
import vn.kyso.cms.CadesOptions;
import vn.kyso.cms.CadesSignature;
import vn.kyso.cms.CadesSigner;
import vn.kyso.cms.CmsError;
import vn.kyso.consent.ConsentRequest;
import vn.kyso.errors.KysoException;
import vn.kyso.sign.TokenSignerPort;
import vn.kyso.token.CertificateEntry;
import vn.kyso.token.DigestAlgorithm;

/**
 * A detached CAdES signature over a document the agent holds (it shows the document's name and SHA-256) or, blind,
 * over a digest the page computed. Certificate checked first, consent, PIN through the agent's prompt, audit log.
 */
public final class SignCms {

    /**
     * @param content  the document to sign, or null when only its digest is given
     * @param digest   the digest of the content (when {@code content} is null), made with {@code digestAlgorithm}
     * @param actVi    the act the consent dialog names (Vietnamese); {@code actEn} in English
     * @param contents lines the dialog shows about what is signed (the file's kind and size), may be empty
     */
    public record Request(String origin, String certificateId, String contentName, byte[] content, byte[] digest,
                          DigestAlgorithm digestAlgorithm, CadesLevel level, String actVi, String actEn,
                          List<String> contents) {

        public Request {
            contents = contents == null ? List.of() : List.copyOf(contents);
        }

        /** {@code sign.cms}: the act is "Ký CMS". */
        public Request(String origin, String certificateId, String contentName, byte[] content, byte[] digest,
                       DigestAlgorithm digestAlgorithm, CadesLevel level) {
            this(origin, certificateId, contentName, content, digest, digestAlgorithm, level, "Ký CMS",
                    "Sign CMS (CAdES)", List.of());
        }
    }

    public record Result(CadesSignature signature, CertificateEntry certificate, List<String> warnings) {
    }

    private final SigningRules rules;
    private final CadesSigner engine;

    public SignCms(SigningRules rules, CadesSigner engine) {
        this.rules = rules;
        this.engine = engine;
    }

    public Result sign(Request request) {
        boolean blind = request.content() == null;
        if (blind && (request.digest() == null || request.digest().length != request.digestAlgorithm().length())) {
            // refused before anyone is asked to approve it
            throw new KysoException(CmsError.DIGEST_INVALID, request.digestAlgorithm().jcaName() + " digests are "
                    + request.digestAlgorithm().length() + " bytes");
        }
        CertificateEntry certificate = rules.tokens().certificate(request.certificateId());
        String shownHash = blind ? HexFormat.of().formatHex(request.digest()) : SigningRules.sha256(request.content());
        String name = request.contentName() == null ? "" : request.contentName();
        try {
            List<String> warnings = new ArrayList<>();
            rules.checkCertificate(certificate.certificate(), warnings);
            rules.requireConsent(new ConsentRequest(request.origin(), request.actVi(), request.actEn(), name, 0,
                    shownHash, certificate.subject(), certificate.tokenLabel(), blind, List.of(), null,
                    request.contents()));
            TokenSignerPort signer = new TokenSignerPort(rules.tokens(), certificate.id(), rules.knownCas(),
                    rules.pins());
            CadesOptions options = CadesOptions.of(request.level());
            CadesSignature signature = blind
                    ? engine.signDigest(request.digest(), request.digestAlgorithm(), signer, options)
                    : engine.sign(request.content(), signer, options);
            record(request, name, shownHash, certificate, "OK");
            return new Result(signature, certificate, warnings);
        } catch (KysoException e) {
            record(request, name, shownHash, certificate, e.code());
            throw e;
        }
    }

    private void record(Request request, String name, String hash, CertificateEntry certificate, String result) {
        rules.record(new AuditRecord(request.origin(), "sign.cms", name, hash, certificate.id(),
                certificate.subject(), result));
    }
}
