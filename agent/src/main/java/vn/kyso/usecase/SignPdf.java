package vn.kyso.usecase;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

import vn.kyso.audit.AuditRecord;
import vn.kyso.consent.ConsentRequest;
import vn.kyso.errors.KysoException;
import vn.kyso.pdf.PadesLevel;
import vn.kyso.pdf.PadesOptions;
import vn.kyso.pdf.PadesSigner;
import vn.kyso.pdf.SignResult;
import vn.kyso.sign.TokenSignerPort;
import vn.kyso.token.CertificateEntry;
import vn.kyso.verify.DocumentReport;

/**
 * Signing a PDF, the way the regulations order it: check the signer's certificate first (valid now, allowed to sign,
 * trusted, not revoked — offline is decided by policy), show the person what is about to be signed and get their
 * consent, sign through the token, re-verify the result before anyone sees it, and record the outcome in the audit
 * log whatever it is.
 */
public final class SignPdf {

    /** What to do when revocation cannot be checked before signing. */
    public enum OfflinePolicy { REFUSE, SIGN_WITH_WARNING }

    /**
     * @param incoming an incoming document (văn bản đến): its signatures are verified first, the result is part of
     *                 the consent, and one that is not valid needs the person's confirmation of the reason
     */
    public record Request(String origin, String documentName, byte[] pdf, String certificateId, String operationVi,
                          String operationEn, PadesOptions options, boolean incoming) {

        public Request(String origin, String documentName, byte[] pdf, String certificateId, String operationVi,
                       String operationEn, PadesOptions options) {
            this(origin, documentName, pdf, certificateId, operationVi, operationEn, options, false);
        }
    }

    public record Result(byte[] document, PadesLevel level, List<String> warnings, DocumentReport verification) {
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    private final SigningRules rules;
    private final PadesSigner signer;

    /** Signs with {@code signer} by {@code rules} (built through {@link SigningRules#builder()}). */
    public SignPdf(SigningRules rules, PadesSigner signer) {
        this.rules = Objects.requireNonNull(rules, "SignPdf: rules");
        this.signer = Objects.requireNonNull(signer, "SignPdf: signer");
    }

    public Result sign(Request request) {
        CertificateEntry certificate = rules.tokens().certificate(request.certificateId());
        String documentHash = SigningRules.sha256(request.pdf());
        try {
            List<String> warnings = new ArrayList<>();
            rules.checkCertificate(certificate.certificate(), warnings);
            int pages = pageCount(request.pdf(), request.options().password());
            IncomingCheck incoming = request.incoming()
                    ? IncomingCheck.of(rules.verifier(), request.pdf(), request.options().password()) : null;
            rules.requireConsent(consent(request, pages, documentHash, certificate, incoming, false));
            if (incoming != null && incoming.acknowledgementRequired()) {
                // The person has seen the reason; a second, explicit question makes that a decision, kept in the log.
                rules.requireConsent(consent(request, pages, documentHash, certificate, incoming, true));
                rules.record(new AuditRecord(request.origin(), "sign.pdf/incoming-not-valid-confirmed",
                        request.documentName(), documentHash, certificate.id(), certificate.subject(),
                        incoming.summaryEn()));
            }
            if (incoming != null) {
                warnings.add(incoming.summaryEn());
            }
            SignResult signed = signer.sign(request.pdf(),
                    new TokenSignerPort(rules.tokens(), certificate.id(), rules.knownCas(), rules.pins()),
                    request.options());
            signed.warnings().forEach(w -> warnings.add(String.valueOf(w)));
            DocumentReport report = rules.reverify(request.pdf(), signed.document(), request.options().password(),
                    warnings);
            rules.record(record(request, documentHash, certificate, "OK"));
            return new Result(signed.document(), signed.level(), warnings, report);
        } catch (KysoException e) {
            rules.record(record(request, documentHash, certificate, e.code()));
            throw e;
        }
    }

    private static ConsentRequest consent(Request request, int pages, String documentHash,
                                          CertificateEntry certificate, IncomingCheck incoming, boolean confirmation) {
        ConsentRequest.Verification verification = incoming == null ? null : new ConsentRequest.Verification(
                confirmation ? "Xác nhận đã xem lý do và vẫn ký: " + incoming.summaryVi() : incoming.summaryVi(),
                confirmation ? "Confirm you have seen the reason and still sign: " + incoming.summaryEn()
                        : incoming.summaryEn(),
                !incoming.acknowledgementRequired(), confirmation);
        return new ConsentRequest(request.origin(), request.operationVi(), request.operationEn(),
                request.documentName(), pages, documentHash, certificate.subject(), certificate.tokenLabel(), false,
                List.of(), verification);
    }

    static int pageCount(byte[] pdf, String password) {
        try (PDDocument document = password == null ? Loader.loadPDF(pdf) : Loader.loadPDF(pdf, password)) {
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
}
