package vn.kyso.usecase;

import java.util.ArrayList;
import java.util.List;

import vn.kyso.audit.AuditRecord;
import vn.kyso.consent.ConsentRequest;
import vn.kyso.errors.KysoException;
import vn.kyso.json.JsonSignOptions;
import vn.kyso.json.JsonSigner;
import vn.kyso.json.JsonSummary;
import vn.kyso.json.JwsProfile;
import vn.kyso.json.JwsSignature;
import vn.kyso.sign.TokenSignerPort;
import vn.kyso.token.CertificateEntry;

/**
 * A JWS / JAdES signature over a JSON document the agent holds. The payload must be JSON: its values are shown in the
 * consent dialog (read from the document, not from the page), with its name and SHA-256. Certificate checked first,
 * consent, PIN through the agent's prompt, audit log — as for PDF and CMS.
 */
public final class SignJson {

    public record Request(String origin, String certificateId, String documentName, byte[] payload,
                          JsonSignOptions options) {
    }

    /** @param summary what the person was shown of the payload */
    public record Result(JwsSignature signature, CertificateEntry certificate, JsonSummary summary,
                         List<String> warnings) {
    }

    private final SigningRules rules;
    private final JsonSigner engine;

    public SignJson(SigningRules rules, JsonSigner engine) {
        this.rules = rules;
        this.engine = engine;
    }

    public Result sign(Request request) {
        // malformed or oversized JSON is refused before anyone is asked to approve it
        JsonSummary summary = JsonSummary.of(request.payload());
        engine.requireReachable(request.options());
        CertificateEntry certificate = rules.tokens().certificate(request.certificateId());
        String hash = SigningRules.sha256(request.payload());
        String name = request.documentName() == null ? "" : request.documentName();
        try {
            List<String> warnings = new ArrayList<>();
            rules.checkCertificate(certificate.certificate(), warnings);
            String level = request.options().profile() == JwsProfile.JWS ? "JWS"
                    : "JAdES " + request.options().level().label();
            rules.requireConsent(new ConsentRequest(request.origin(), "Ký JSON (" + level + ")",
                    "Sign JSON (" + level + ")", name, 0, hash, certificate.subject(), certificate.tokenLabel(), false,
                    List.of(), null, summary.lines()));
            TokenSignerPort signer = new TokenSignerPort(rules.tokens(), certificate.id(), rules.knownCas(),
                    rules.pins());
            JsonSignOptions options = request.options().documentName() == null
                    ? request.options().withDetached(request.options().detached(), name)
                    : request.options();
            JwsSignature signature = engine.sign(request.payload(), signer, options);
            record(request, name, hash, certificate, "OK");
            return new Result(signature, certificate, summary, warnings);
        } catch (KysoException e) {
            record(request, name, hash, certificate, e.code());
            throw e;
        }
    }

    private void record(Request request, String name, String hash, CertificateEntry certificate, String result) {
        rules.record(new AuditRecord(request.origin(), "sign.json", name, hash, certificate.id(),
                certificate.subject(), result));
    }
}
