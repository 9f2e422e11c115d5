package vn.kyso.app;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

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

/**
 * The protocol's methods, each a thin adapter from JSON params to a use case. Methods that wait for the person or
 * the token are registered through {@link Method#asking}, so the server limits how many of them one origin has
 * pending and {@code info} lists them; the prompts they are given open only for such methods ({@link PromptGuard}).
 */
public final class AgentMethods {

    private AgentMethods() {
    }

    /**
     * The document use cases and verifiers the methods call, each built once by {@link AgentAssembly}.
     */
    public record DocumentServices(SignPdf signPdf, PdfSignatureVerifier verifier, SignPdfBatch signPdfBatch,
                                   TwoStepPdf twoStepPdf, SignCms signCms, CmsSignatureVerifier cmsVerifier,
                                   SignXml signXml, XmlSignatureVerifier xmlVerifier, SignJson signJson,
                                   JwsSignatureVerifier jwsVerifier, ProfileImages profile) {
    }

    /**
     * @param signHash  hash signing, shared with the VGCA methods
     * @param documents the document methods, built on first use so the agent answers its first request before the
     *                  PDF engine and the verifier are loaded (cold start); null leaves them out
     * @param statuses  the certificates' revocation status, checked in the background
     */
    static Map<String, Method> standard(TokenManager tokens, SignHash signHash, Supplier<DocumentServices> documents,
                                        CertificateStatuses statuses) {
        Map<String, Method> methods = new LinkedHashMap<>();
        methods.put("tokens.list", (session, params) -> TokenInventoryView.of(tokens, statuses));
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
