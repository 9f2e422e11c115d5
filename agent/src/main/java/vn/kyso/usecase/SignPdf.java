package vn.kyso.usecase;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

import vn.kyso.app.AgentError;
import vn.kyso.audit.AuditLog;
import vn.kyso.audit.AuditRecord;
import vn.kyso.consent.ConsentPrompt;
import vn.kyso.consent.ConsentRequest;
import vn.kyso.errors.KysoException;
import vn.kyso.pdf.PadesLevel;
import vn.kyso.pdf.PadesOptions;
import vn.kyso.pdf.PadesSigner;
import vn.kyso.pdf.SignResult;
import vn.kyso.sign.TokenSignerPort;
import vn.kyso.token.CertificateEntry;
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
 * Signing a PDF, the way the regulations order it: check the signer's certificate first (valid now, allowed to sign,
 * trusted, not revoked — offline is decided by policy), show the person what is about to be signed and get their
 * consent, sign through the token, re-verify the result before anyone sees it, and record the outcome in the audit
 * log whatever it is.
 */
public final class SignPdf {

    /** What to do when revocation cannot be checked before signing. */
    public enum OfflinePolicy { REFUSE, SIGN_WITH_WARNING }

    public record Request(String origin, String documentName, byte[] pdf, String certificateId, String operationVi,
                          String operationEn, PadesOptions options) {
    }

    public record Result(byte[] document, PadesLevel level, List<String> warnings, DocumentReport verification) {
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    private final TokenManager tokens;
    private final List<X509Certificate> knownCas;
    private final ConsentPrompt consent;
    private final PinPrompt pins;
    private final AuditLog audit;
    private final PadesSigner signer;
    private final SignerCertificateCheck certificateCheck;
    private final PdfSignatureVerifier verifier;
    private final OfflinePolicy offline;

    public SignPdf(TokenManager tokens, List<X509Certificate> knownCas, ConsentPrompt consent, PinPrompt pins,
                   AuditLog audit, PadesSigner signer, SignerCertificateCheck certificateCheck,
                   PdfSignatureVerifier verifier, OfflinePolicy offline) {
        this.tokens = tokens;
        this.knownCas = List.copyOf(knownCas);
        this.consent = consent;
        this.pins = pins;
        this.audit = audit;
        this.signer = signer;
        this.certificateCheck = certificateCheck;
        this.verifier = verifier;
        this.offline = offline;
    }

    public Result sign(Request request) {
        CertificateEntry certificate = tokens.certificate(request.certificateId());
        String documentHash = sha256(request.pdf());
        try {
            List<String> warnings = new ArrayList<>();
            checkCertificate(certificate, warnings);
            int pages = pageCount(request);
            ConsentPrompt.Decision decision = consent.ask(new ConsentRequest(request.origin(), request.operationVi(),
                    request.operationEn(), request.documentName(), pages, documentHash, certificate.subject(),
                    certificate.tokenLabel(), false));
            if (decision != ConsentPrompt.Decision.APPROVE) {
                throw new KysoException(AgentError.CONSENT_REFUSED);
            }
            SignResult signed = signer.sign(request.pdf(),
                    new TokenSignerPort(tokens, certificate.id(), knownCas, pins), request.options());
            signed.warnings().forEach(w -> warnings.add(String.valueOf(w)));
            DocumentReport report = reverify(request.pdf(), signed.document(), warnings);
            audit.append(record(request, documentHash, certificate, "OK"));
            return new Result(signed.document(), signed.level(), warnings, report);
        } catch (KysoException e) {
            audit.append(record(request, documentHash, certificate, e.code()));
            throw e;
        }
    }

    private void checkCertificate(CertificateEntry certificate, List<String> warnings) {
        try {
            certificateCheck.check(certificate.certificate(), knownCas);
        } catch (VerificationFailure failure) {
            SubIndication sub = failure.subIndication();
            if (sub == SubIndication.TRY_LATER && offline == OfflinePolicy.SIGN_WITH_WARNING) {
                warnings.add("certificate status not checked (offline): " + failure.reason());
                return;
            }
            AgentError code = switch (sub) {
                case OUT_OF_BOUNDS_NO_POE, OUT_OF_BOUNDS_NOT_REVOKED, EXPIRED -> AgentError.CERT_EXPIRED;
                case NOT_YET_VALID -> AgentError.CERT_NOT_YET_VALID;
                case REVOKED, REVOKED_NO_POE -> AgentError.CERT_REVOKED;
                case SIG_CONSTRAINTS_FAILURE -> AgentError.CERT_KEY_USAGE;
                case TRY_LATER -> AgentError.CERT_STATUS_UNKNOWN;
                default -> AgentError.CERT_UNTRUSTED;
            };
            throw new KysoException(code, Map.of("subIndication", sub.code()), failure, failure.reason());
        }
    }

    /**
     * The new signature must pass (or, by policy, be undecidable only for lack of revocation data), and no signature
     * that passed before may fail now.
     */
    private DocumentReport reverify(byte[] before, byte[] after, List<String> warnings) {
        DocumentReport report = verifier.verify(after);
        List<SignatureReport> signatures = report.signatures().stream().filter(s -> !s.documentTimestamp()).toList();
        if (signatures.isEmpty()) {
            throw new KysoException(AgentError.SIGNED_OUTPUT_INVALID, "no signature found in the output");
        }
        SignatureReport ours = signatures.get(signatures.size() - 1);
        boolean acceptable = ours.indication() == Indication.TOTAL_PASSED
                || ours.indication() == Indication.INDETERMINATE && ours.subIndication() == SubIndication.TRY_LATER
                && offline == OfflinePolicy.SIGN_WITH_WARNING;
        if (!acceptable) {
            throw new KysoException(AgentError.SIGNED_OUTPUT_INVALID,
                    ours.indication() + " " + ours.subIndication() + ": " + ours.reason());
        }
        if (ours.indication() != Indication.TOTAL_PASSED) {
            warnings.add("the new signature could not be fully verified offline: " + ours.reason());
        }
        DocumentReport earlier = verifier.verify(before);
        for (SignatureReport old : earlier.signatures()) {
            if (old.indication() != Indication.TOTAL_PASSED) {
                continue;
            }
            report.signatures().stream().filter(s -> s.fieldName().equals(old.fieldName())).findFirst()
                    .filter(now -> now.indication() != Indication.TOTAL_PASSED)
                    .ifPresent(now -> {
                        throw new KysoException(AgentError.SIGNED_OUTPUT_INVALID, "earlier signature "
                                + old.fieldName() + " would become " + now.indication() + ": " + now.reason());
                    });
        }
        return report;
    }

    private static int pageCount(Request request) {
        String password = request.options().password();
        try (PDDocument document = password == null ? Loader.loadPDF(request.pdf())
                : Loader.loadPDF(request.pdf(), password)) {
            return document.getNumberOfPages();
        } catch (IOException e) {
            return 0; // the engine reports damaged or protected input with its own codes
        }
    }

    private static AuditRecord record(Request request, String documentHash, CertificateEntry certificate,
                                      String result) {
        return new AuditRecord(request.origin(), "sign.pdf/" + request.operationEn(), request.documentName(),
                documentHash, certificate.id(), certificate.subject(), result);
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
