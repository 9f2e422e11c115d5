package vn.kyso.usecase;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import vn.kyso.audit.AuditLog;
import vn.kyso.audit.AuditRecord;
import vn.kyso.consent.ConsentPrompt;
import vn.kyso.consent.ConsentRequest;
import vn.kyso.errors.KysoException;
import vn.kyso.token.PinPrompt;
import vn.kyso.token.TokenManager;
import vn.kyso.verify.DocumentReport;
import vn.kyso.verify.Indication;
import vn.kyso.verify.PdfSignatureVerifier;
import vn.kyso.verify.SignatureReport;
import vn.kyso.verify.SignerCertificateCheck;
import vn.kyso.verify.SubIndication;
import vn.kyso.verify.VerificationFailure;

/**
 * The rules every signing use case follows, in one place: the signer's certificate is checked before anything is
 * signed (offline decided by policy), the person consents to exactly what is signed, a signed PDF is re-verified
 * before anyone sees it, and every outcome goes to the audit log.
 */
public final class SigningRules {

    private final TokenManager tokens;
    private final List<X509Certificate> knownCas;
    private final ConsentPrompt consent;
    private final PinPrompt pins;
    private final AuditLog audit;
    private final SignerCertificateCheck certificateCheck;
    private final PdfSignatureVerifier verifier;
    private final SignPdf.OfflinePolicy offline;

    private SigningRules(Builder b) {
        this.tokens = required(b.tokens, "tokens");
        this.knownCas = List.copyOf(required(b.knownCas, "knownCas"));
        this.consent = required(b.consent, "consent");
        this.pins = required(b.pins, "pins");
        this.audit = required(b.audit, "audit");
        this.certificateCheck = required(b.certificateCheck, "certificateCheck");
        this.verifier = required(b.verifier, "verifier");
        this.offline = required(b.offline, "offline");
    }

    /** Every part is required except the known CAs (none) and the offline policy ({@code REFUSE}). */
    public static Builder builder() {
        return new Builder();
    }

    /** The parts of the rules, each named; {@link #build()} refuses a missing one. */
    public static final class Builder {
        private TokenManager tokens;
        private List<X509Certificate> knownCas = List.of();
        private ConsentPrompt consent;
        private PinPrompt pins;
        private AuditLog audit;
        private SignerCertificateCheck certificateCheck;
        private PdfSignatureVerifier verifier;
        private SignPdf.OfflinePolicy offline = SignPdf.OfflinePolicy.REFUSE;

        private Builder() {
        }

        public Builder tokens(TokenManager value) {
            tokens = value;
            return this;
        }

        /** CAs that may complete the signer's chain (intermediates the token does not hold). */
        public Builder knownCas(List<X509Certificate> value) {
            knownCas = value;
            return this;
        }

        public Builder consent(ConsentPrompt value) {
            consent = value;
            return this;
        }

        public Builder pins(PinPrompt value) {
            pins = value;
            return this;
        }

        public Builder audit(AuditLog value) {
            audit = value;
            return this;
        }

        public Builder certificateCheck(SignerCertificateCheck value) {
            certificateCheck = value;
            return this;
        }

        public Builder verifier(PdfSignatureVerifier value) {
            verifier = value;
            return this;
        }

        public Builder offline(SignPdf.OfflinePolicy value) {
            offline = value;
            return this;
        }

        public SigningRules build() {
            return new SigningRules(this);
        }
    }

    private static <T> T required(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("SigningRules: " + name + " is required");
        }
        return value;
    }

    public TokenManager tokens() {
        return tokens;
    }

    public List<X509Certificate> knownCas() {
        return knownCas;
    }

    public PinPrompt pins() {
        return pins;
    }

    public PdfSignatureVerifier verifier() {
        return verifier;
    }

    /** Valid now, allowed to sign, trusted, not revoked; an unknown status only with the offline policy's consent. */
    void checkCertificate(X509Certificate certificate, List<String> warnings) {
        if (certificate.getBasicConstraints() >= 0) {
            throw SigningRefusal.caCertificate();
        }
        try {
            certificateCheck.check(certificate, knownCas);
        } catch (VerificationFailure failure) {
            SubIndication sub = failure.subIndication();
            if (sub == SubIndication.TRY_LATER && offline == SignPdf.OfflinePolicy.SIGN_WITH_WARNING) {
                warnings.add("certificate status not checked (offline): " + failure.reason());
                return;
            }
            SigningRefusal code = switch (sub) {
                case OUT_OF_BOUNDS_NO_POE, OUT_OF_BOUNDS_NOT_REVOKED, EXPIRED -> SigningRefusal.CERT_EXPIRED;
                case NOT_YET_VALID -> SigningRefusal.CERT_NOT_YET_VALID;
                case REVOKED, REVOKED_NO_POE -> SigningRefusal.CERT_REVOKED;
                case SIG_CONSTRAINTS_FAILURE -> SigningRefusal.CERT_KEY_USAGE;
                case TRY_LATER -> SigningRefusal.CERT_STATUS_UNKNOWN;
                default -> SigningRefusal.CERT_UNTRUSTED;
            };
            throw new KysoException(code, Map.of("subIndication", sub.code()), failure, failure.reason());
        }
    }

    /** CONSENT_REFUSED unless the person approves exactly this request. */
    void requireConsent(ConsentRequest request) {
        consent.require(request);
    }

    void record(AuditRecord record) {
        audit.append(record);
    }

    /**
     * The new signature must pass (or, by policy, be undecidable only for lack of revocation data), and no signature
     * that passed before may fail now.
     */
    DocumentReport reverify(byte[] before, byte[] after, String password, List<String> warnings) {
        DocumentReport report = verifier.verify(after, password);
        List<SignatureReport> signatures = report.signatures().stream().filter(s -> !s.documentTimestamp()).toList();
        if (signatures.isEmpty()) {
            throw new KysoException(SigningRefusal.SIGNED_OUTPUT_INVALID, "no signature found in the output");
        }
        SignatureReport ours = signatures.get(signatures.size() - 1);
        boolean acceptable = ours.indication() == Indication.TOTAL_PASSED
                || ours.indication() == Indication.INDETERMINATE && ours.subIndication() == SubIndication.TRY_LATER
                && offline == SignPdf.OfflinePolicy.SIGN_WITH_WARNING;
        if (!acceptable) {
            throw new KysoException(SigningRefusal.SIGNED_OUTPUT_INVALID,
                    ours.indication() + " " + ours.subIndication() + ": " + ours.reason());
        }
        if (ours.indication() != Indication.TOTAL_PASSED) {
            warnings.add("the new signature could not be fully verified offline: " + ours.reason());
        }
        if (report.signatures().size() == 1) {
            // Ours is the document's only signature: no earlier one can have been broken, so the input is not
            // verified again (the loop below looks earlier signatures up in this report, and would find none).
            return report;
        }
        DocumentReport earlier = verifier.verify(before, password);
        for (SignatureReport old : earlier.signatures()) {
            if (old.indication() != Indication.TOTAL_PASSED) {
                continue;
            }
            report.signatures().stream().filter(s -> s.fieldName().equals(old.fieldName())).findFirst()
                    .filter(now -> now.indication() != Indication.TOTAL_PASSED)
                    .ifPresent(now -> {
                        throw new KysoException(SigningRefusal.SIGNED_OUTPUT_INVALID, "earlier signature "
                                + old.fieldName() + " would become " + now.indication() + ": " + now.reason());
                    });
        }
        return report;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
