package vn.kyso.app;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import vn.kyso.audit.AuditLog;
import vn.kyso.cms.CadesSigner;
import vn.kyso.consent.ConsentPrompt;
import vn.kyso.json.JsonSigner;
import vn.kyso.pdf.PadesServices;
import vn.kyso.pdf.RemotePadesSigner;
import vn.kyso.pki.RevocationCollector;
import vn.kyso.token.PinPrompt;
import vn.kyso.token.TokenManager;
import vn.kyso.usecase.CertificateStatuses;
import vn.kyso.usecase.SignCms;
import vn.kyso.usecase.SignHash;
import vn.kyso.usecase.SignJson;
import vn.kyso.usecase.SignPdf;
import vn.kyso.usecase.SignPdfBatch;
import vn.kyso.usecase.SignXml;
import vn.kyso.usecase.TwoStepPdf;
import vn.kyso.verify.CmsSignatureVerifier;
import vn.kyso.verify.JwsSignatureVerifier;
import vn.kyso.verify.PdfSignatureVerifier;
import vn.kyso.verify.XmlSignatureVerifier;
import vn.kyso.xml.XmlError;
import vn.kyso.xml.XmlLimits;
import vn.kyso.xml.XmlSigner;

/**
 * The protocol's methods, each a thin adapter from JSON params to a use case. Methods that wait for the person or
 * the token are registered through {@link Method#asking}, so the server limits how many of them one origin has
 * pending and {@code info} lists them; the prompts they are given open only for such methods ({@link PromptGuard}).
 */
public final class AgentMethods {

    private AgentMethods() {
    }

    /** Everything the document methods need besides the token layer's hash signing. */
    public record DocumentServices(SignPdf signPdf, PdfSignatureVerifier verifier, SignPdfBatch signPdfBatch,
                                   TwoStepPdf twoStepPdf, SignCms signCms, CmsSignatureVerifier cmsVerifier,
                                   SignXml signXml, XmlSignatureVerifier xmlVerifier, SignJson signJson,
                                   JwsSignatureVerifier jwsVerifier, ProfileImages profile) {

        /** The other use cases share {@code signPdf}'s rules and engine services; images from {@code profile}. */
        public DocumentServices(SignPdf signPdf, PdfSignatureVerifier verifier, ProfileImages profile) {
            this(signPdf, verifier,
                    new SignPdfBatch(signPdf.rules(), new RemotePadesSigner(signPdf.engine().services())),
                    new TwoStepPdf(signPdf.rules(), new RemotePadesSigner(signPdf.engine().services())),
                    new SignCms(signPdf.rules(), new CadesSigner(signPdf.engine().services().timeStamps())),
                    verifier.cmsVerifier(), new SignXml(signPdf.rules(), xmlSigner(signPdf.engine().services())),
                    verifier.xmlVerifier(), new SignJson(signPdf.rules(), new JsonSigner(signPdf.engine().services())),
                    verifier.jwsVerifier(), profile);
        }

        /** The XML engine on the same TSA, OCSP/CRL clients and known CAs as PAdES. */
        public static XmlSigner xmlSigner(PadesServices services) {
            return new XmlSigner(services.timeStamps(), new RevocationCollector(services.ocsp(), services.crl(),
                    XmlError.XML_REVOCATION_UNAVAILABLE), services.knownCertificates(), XmlLimits.defaults());
        }

        /** With the current user's profile images. */
        public DocumentServices(SignPdf signPdf, PdfSignatureVerifier verifier) {
            this(signPdf, verifier, ProfileImages.forCurrentUser());
        }
    }

    public static Map<String, Method> standard(TokenManager tokens, ConsentPrompt consent, PinPrompt pins,
                                               AuditLog audit) {
        return standard(tokens, consent, pins, audit, (Supplier<DocumentServices>) null);
    }

    /**
     * @param documents the document methods (PDF, CMS); null leaves them out
     */
    public static Map<String, Method> standard(TokenManager tokens, ConsentPrompt consent, PinPrompt pins,
                                               AuditLog audit, DocumentServices documents) {
        return standard(tokens, consent, pins, audit, documents == null ? null : () -> documents);
    }

    /**
     * @param documents built on first use, so the agent answers its first request before the PDF engine and the
     *                  verifier are loaded (cold start)
     */
    public static Map<String, Method> standard(TokenManager tokens, ConsentPrompt consent, PinPrompt pins,
                                               AuditLog audit, Supplier<DocumentServices> documents) {
        return standard(tokens, consent, pins, audit, documents, null);
    }

    /**
     * @param statuses the certificates' revocation status, checked in the background; null lists every certificate's
     *                 revocation as unknown
     */
    public static Map<String, Method> standard(TokenManager tokens, ConsentPrompt consent, PinPrompt pins,
                                               AuditLog audit, Supplier<DocumentServices> documents,
                                               CertificateStatuses statuses) {
        Map<String, Method> methods = new LinkedHashMap<>();
        methods.put("tokens.list", (session, params) -> statuses == null ? TokenInventoryView.of(tokens)
                : TokenInventoryView.of(tokens, statuses));
        SignHash signHash = new SignHash(tokens, PromptGuard.consent(consent), PromptGuard.pins(pins), audit);
        methods.put("sign.hash", Method.asking((session, params) -> {
            String hash = Params.required(params, "hash");
            return signHash.sign(new SignHash.Request(session.caller().describe(),
                    Params.required(params, "certificateId"), hash, Params.optional(params, "hashAlgorithm"),
                    Params.optional(params, "signatureAlgorithm"), PdfMethods.knownDocument(session, hash)));
        }));
        if (documents != null) {
            PdfMethods pdf = new PdfMethods(documents);
            CmsMethods cms = new CmsMethods(documents);
            methods.put("verify.pdf", pdf::verify);
            methods.put("sign.pdf", Method.asking(pdf::sign));
            methods.put("sign.pdf.batch", Method.asking(pdf::signBatch));
            methods.put("pdf.prepare", pdf::prepare);
            methods.put("pdf.complete", pdf::complete);
            methods.put("sign.cms", Method.asking(cms::sign));
            methods.put("verify.cms", cms::verify);
            JsonMethods json = new JsonMethods(documents);
            methods.put("sign.json", Method.asking(json::sign));
            methods.put("verify.json", json::verify);
            XmlMethods xml = new XmlMethods(documents);
            methods.put("sign.xml", Method.asking(xml::sign));
            methods.put("verify.xml", xml::verify);
        }
        return methods;
    }
}
