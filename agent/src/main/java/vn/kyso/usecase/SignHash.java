package vn.kyso.usecase;

import java.security.cert.CertificateEncodingException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import vn.kyso.audit.AuditLog;
import vn.kyso.audit.AuditRecord;
import vn.kyso.consent.ConsentPrompt;
import vn.kyso.consent.ConsentRequest;
import vn.kyso.errors.KysoException;
import vn.kyso.request.RequestError;
import vn.kyso.token.CertificateEntry;
import vn.kyso.token.DigestAlgorithm;
import vn.kyso.token.PinPrompt;
import vn.kyso.token.SignatureAlgorithm;
import vn.kyso.token.TokenError;
import vn.kyso.token.TokenManager;

/**
 * Blind hash signing, the weakest mode (the agent cannot show what is signed): the consent dialog says so, the PIN
 * goes to the agent's own prompt, and every outcome — signature or refusal — is written to the audit log before the
 * answer leaves the agent.
 */
public final class SignHash {

    /**
     * What the page asks for.
     *
     * @param known the document this hash stands for, when the agent itself prepared it (two-step signing): the
     *              person is then shown that document instead of a blind hash; null otherwise
     */
    public record Request(String origin, String certificateId, String hashBase64, String hashAlgorithm,
                          String signatureAlgorithm, KnownDocument known) {

        public Request(String origin, String certificateId, String hashBase64, String hashAlgorithm,
                       String signatureAlgorithm) {
            this(origin, certificateId, hashBase64, hashAlgorithm, signatureAlgorithm, null);
        }
    }

    /** A document the agent holds and whose prepared signature digest is the hash to sign. */
    public record KnownDocument(String name, int pages, String sha256) {
    }

    /** What the page gets: the signature value and the signer's certificate (both base64). */
    public record Result(String signature, String certificate, String algorithm) {
    }

    private final TokenManager tokens;
    private final ConsentPrompt consent;
    private final PinPrompt pins;
    private final AuditLog audit;

    public SignHash(TokenManager tokens, ConsentPrompt consent, PinPrompt pins, AuditLog audit) {
        this.tokens = tokens;
        this.consent = consent;
        this.pins = pins;
        this.audit = audit;
    }

    public Result sign(Request request) {
        DigestAlgorithm digest = digestOf(request.hashAlgorithm());
        byte[] hash = decode(request.hashBase64());
        if (hash.length != digest.length()) {
            throw invalid("hash length " + hash.length + " does not match " + digest.jcaName());
        }
        CertificateEntry certificate = tokens.certificate(request.certificateId());
        SignatureAlgorithm algorithm = algorithmFor(certificate, digest, request.signatureAlgorithm());
        String hashHex = HexFormat.of().formatHex(hash);
        String signer = certificate.subject();
        try {
            KnownDocument known = request.known();
            consent.require(known == null
                    ? new ConsentRequest(request.origin(), "Ký giá trị băm", "Sign a hash", "", 0, hashHex, signer,
                            certificate.tokenLabel(), true)
                    : new ConsentRequest(request.origin(), "Ký số", "Sign", known.name(), known.pages(),
                            known.sha256(), signer, certificate.tokenLabel(), false));
            byte[] signature = tokens.sign(certificate.id(), hash, algorithm, pins);
            record(request, hashHex, certificate, "OK");
            return new Result(Base64.getEncoder().encodeToString(signature),
                    Base64.getEncoder().encodeToString(certificate.certificate().getEncoded()), algorithm.name());
        } catch (KysoException e) {
            record(request, hashHex, certificate, e.code());
            throw e;
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void record(Request request, String hashHex, CertificateEntry certificate, String result) {
        audit.append(new AuditRecord(request.origin(), "sign.hash", request.known() == null ? ""
                : request.known().name(), hashHex, certificate.id(),
                certificate.subject(), result));
    }

    private static DigestAlgorithm digestOf(String name) {
        String n = name == null ? "SHA-256" : name.toUpperCase(java.util.Locale.ROOT).replace("_", "-");
        return switch (n) {
            case "SHA-256", "SHA256" -> DigestAlgorithm.SHA256;
            case "SHA-384", "SHA384" -> DigestAlgorithm.SHA384;
            case "SHA-512", "SHA512" -> DigestAlgorithm.SHA512;
            default -> throw new KysoException(TokenError.ALGORITHM_NOT_ALLOWED, Map.of(), null, name);
        };
    }

    private static SignatureAlgorithm algorithmFor(CertificateEntry certificate, DigestAlgorithm digest, String asked) {
        if (asked != null && !asked.isBlank()) {
            SignatureAlgorithm parsed = SignatureAlgorithm.parse(asked);
            if (parsed.digest() != digest) {
                throw invalid("signature algorithm " + asked + " does not use " + digest.jcaName());
            }
            return parsed;
        }
        SignatureAlgorithm.KeyKind kind = SignatureAlgorithm.KeyKind.valueOf(certificate.keyAlgorithm());
        return SignatureAlgorithm.of(kind, kind == SignatureAlgorithm.KeyKind.RSA ? SignatureAlgorithm.Scheme.PKCS1
                : SignatureAlgorithm.Scheme.ECDSA, digest);
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64 == null ? "" : base64);
        } catch (IllegalArgumentException e) {
            throw invalid("hash is not base64");
        }
    }

    private static KysoException invalid(String what) {
        return new KysoException(RequestError.INVALID_PARAMS, Map.of(), null, what);
    }
}
