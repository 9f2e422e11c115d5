package vn.kyso.usecase;

import java.util.ArrayList;
import java.util.List;

import vn.kyso.audit.AuditRecord;
import vn.kyso.consent.ConsentRequest;
import vn.kyso.errors.ErrorText;
import vn.kyso.errors.KysoException;
import vn.kyso.sign.TokenSignerPort;
import vn.kyso.token.CertificateEntry;
import vn.kyso.xml.EInvoice;
import vn.kyso.xml.SignedNode;
import vn.kyso.xml.XmlSignOptions;
import vn.kyso.xml.XmlSignResult;
import vn.kyso.xml.XmlSigner;

/**
 * An XML signature (XMLDSig or XAdES) over a document the agent holds. The document is read before anyone is asked
 * (hostile XML is refused with its own code), then the certificate is checked, and the consent dialog shows what
 * will be signed as the agent reads it — the element's path and Id and, for an e-invoice, its number, seller, buyer
 * and total — before the PIN is asked through the agent's prompt. Every attempt is in the audit log.
 */
public final class SignXml {

    /** @param contentName the document's name as the page gave it (shown, never used as a path) */
    public record Request(String origin, String certificateId, String contentName, byte[] content,
                          XmlSignOptions options) {
    }

    public record Result(XmlSignResult signature, CertificateEntry certificate, List<String> warnings) {
    }

    private final SigningRules rules;
    private final XmlSigner engine;

    public SignXml(SigningRules rules, XmlSigner engine) {
        this.rules = rules;
        this.engine = engine;
    }

    public Result sign(Request request) {
        XmlSigner.Preview preview = engine.preview(request.content(), request.options());
        CertificateEntry certificate = rules.tokens().certificate(request.certificateId());
        String hash = SigningRules.sha256(request.content());
        String name = request.contentName() == null ? "" : request.contentName();
        try {
            List<String> warnings = new ArrayList<>();
            rules.checkCertificate(certificate.certificate(), warnings);
            rules.requireConsent(new ConsentRequest(request.origin(), "Ký XML", "Sign XML", name, 0, hash,
                    certificate.subject(), certificate.tokenLabel(), false, List.of(), null, contents(preview)));
            TokenSignerPort signer = new TokenSignerPort(rules.tokens(), certificate.id(), rules.knownCas(),
                    rules.pins());
            XmlSignResult signature = engine.sign(request.content(), signer, request.options());
            record(request, name, hash, certificate, "OK");
            return new Result(signature, certificate, warnings);
        } catch (KysoException e) {
            record(request, name, hash, certificate, e.code());
            throw e;
        }
    }

    /** The consent dialog's lines, bilingual because the dialog's language is the person's, not ours. */
    static List<String> contents(XmlSigner.Preview preview) {
        List<String> lines = new ArrayList<>();
        SignedNode node = preview.signedNode();
        lines.add(new ErrorText("Phần được ký", "Signed").both() + ": " + node.path()
                + (node.id() == null ? "" : " (Id " + node.id() + ")"));
        EInvoice.Summary invoice = preview.invoice();
        if (invoice != null) {
            lines.add(new ErrorText("Hóa đơn số", "Invoice").both() + ": " + invoice.number());
            lines.add(new ErrorText("Người bán", "Seller").both() + ": " + invoice.seller());
            lines.add(new ErrorText("Người mua", "Buyer").both() + ": " + invoice.buyer());
            lines.add(new ErrorText("Tổng tiền", "Total").both() + ": " + invoice.total());
        }
        return lines;
    }

    private void record(Request request, String name, String hash, CertificateEntry certificate, String result) {
        rules.record(new AuditRecord(request.origin(), "sign.xml", name, hash, certificate.id(),
                certificate.subject(), result));
    }
}
