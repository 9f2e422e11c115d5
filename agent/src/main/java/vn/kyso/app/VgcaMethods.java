package vn.kyso.app;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.kyso.audit.AuditLog;
import vn.kyso.errors.KysoException;
import vn.kyso.request.RequestError;
import vn.kyso.token.TokenManager;
import vn.kyso.usecase.CertificateStatuses;
import vn.kyso.usecase.SignHash;
import vn.kyso.vgca.DocumentTransfer;
import vn.kyso.vgca.SigningCertificates;
import vn.kyso.vgca.UrlPolicy;
import vn.kyso.vgca.VgcaCertInfo;
import vn.kyso.vgca.VgcaError;
import vn.kyso.vgca.VgcaFileJob;
import vn.kyso.vgca.VgcaMessages;
import vn.kyso.vgca.VgcaOperation;
import vn.kyso.vgca.VgcaSettings;
import vn.kyso.vgca.VgcaSignMsg;
import vn.kyso.vgca.VgcaVerifyMsg;
import vn.kyso.vgca.VgcaVerifyPdf;

/**
 * The VGCA plugin compatibility methods ({@code vgca.*}, docs/protocol.md "VGCA compatibility"): thin adapters from
 * the legacy JSON (params {@code job}) to the use cases in {@code vn.kyso.vgca}. The caller's origin always comes from
 * the session, never from params.
 */
public final class VgcaMethods {


    private VgcaMethods() {
    }

    /** Made at the first legacy request, not while the agent starts. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /**
     * @param signHash the agent's one hash-signing use case, shared with {@code sign.hash}
     * @param statuses certificates it knows revoked are not chosen
     */
    static Map<String, Method> of(TokenManager tokens, SignHash signHash, AuditLog audit,
                                  Supplier<AgentMethods.DocumentServices> documents, VgcaSettings settings,
                                  CertificateStatuses statuses) {
        UrlPolicy policy = new UrlPolicy(settings.allowedUrls());
        // The HTTP client (and with it TLS) is built on the first file job, not at start: it took ~300 ms of cold start.
        Supplier<DocumentTransfer> transfer = AgentAssembly.memoised(
                () -> new DocumentTransfer(settings.maxDocumentBytes(), settings.timeout()));
        SigningCertificates certificates = new SigningCertificates(tokens, statuses::knownRevoked);
        Supplier<VgcaFileJob> fileJob = () -> new VgcaFileJob(policy, transfer.get(), certificates, settings.images(),
                documents.get().signPdf(), documents.get().signXml(), documents.get().signCms(), audit,
                Clock.systemUTC());
        VgcaSignMsg signMsg = new VgcaSignMsg(certificates, signHash);
        VgcaCertInfo certInfo = new VgcaCertInfo(certificates, audit);

        Map<String, Method> methods = new LinkedHashMap<>();
        // The signing methods ask the person (consent, PIN): under the per-origin limit of pending prompts.
        methods.put("vgca.sign", Method.asking((session, params) -> {
            VgcaOperation operation = VgcaOperation.parse(Params.required(params, "operation"));
            return keepUndelivered(session, "signed.pdf", fileJob.get().run(origin(session), operation,
                    job(params, VgcaMessages.FileJob.class)));
        }));
        methods.put("vgca.signXml", Method.asking((session, params) -> keepUndelivered(session, "signed.xml",
                fileJob.get().runXml(origin(session), job(params, VgcaMessages.FileJob.class)))));
        methods.put("vgca.verifyXml", (session, params) -> VgcaVerifyPdf.forXml(policy, transfer.get(),
                documents.get().xmlVerifier(), audit).verify(origin(session), job(params, VgcaMessages.VerifyJob.class)));
        methods.put("vgca.signFile", Method.asking((session, params) -> keepUndelivered(session, "signed.p7s",
                fileJob.get().runFile(origin(session), job(params, VgcaMessages.FileJob.class)))));
        methods.put("vgca.verifyMsg", (session, params) -> new VgcaVerifyMsg(documents.get().cmsVerifier(), audit)
                .verify(origin(session), job(params, VgcaMessages.MsgVerifyJob.class)));
        // Office package signatures are not offered half-done: a clear refusal the old callbacks can show.
        methods.put("vgca.signOffice", (session, params) -> VgcaMessages.FileResult.failed(
                new KysoException(VgcaError.NOT_SUPPORTED)));
        methods.put("vgca.verifyOffice", (session, params) -> VgcaMessages.FileResult.failed(
                new KysoException(VgcaError.NOT_SUPPORTED)));
        methods.put("vgca.signFiles", Method.asking((session, params) -> fileJob.get().runFiles(origin(session),
                job(params, VgcaMessages.FilesJob.class))));
        methods.put("vgca.signMsg", Method.asking((session, params) -> signMsg.sign(origin(session),
                job(params, VgcaMessages.MsgJob.class))));
        methods.put("vgca.verifyPdf", (session, params) -> new VgcaVerifyPdf(policy, transfer.get(),
                documents.get().verifier(), audit).verify(origin(session), job(params, VgcaMessages.VerifyJob.class)));
        methods.put("vgca.certInfo", (session, params) -> {
            JsonNode job = params.get("job");
            JsonNode id = job == null ? null : job.get("CertificateId");
            return certInfo.get(origin(session), id == null || id.isNull() ? null : id.asText());
        });
        methods.put("vgca.version", (session, params) -> new VgcaMessages.VersionResult(VgcaMessages.OK, version(),
                "Kyso Agent"));
        return methods;
    }

    /**
     * A signature whose upload failed is kept in this connection's memory only, so a failed upload never silently
     * loses it; when the connection's store is full the reply still says the upload failed.
     */
    private static VgcaMessages.FileResult keepUndelivered(Session session, String name, VgcaFileJob.Outcome outcome) {
        if (outcome.undelivered() == null) {
            return outcome.reply();
        }
        try {
            return outcome.reply().withDocumentId(session.documents().put(name, outcome.undelivered()).id());
        } catch (KysoException full) {
            return outcome.reply();
        }
    }

    private static Optional<String> origin(Session session) {
        return session.caller().origin();
    }

    /** The legacy request: an object, or the JSON text the old functions were given. */
    private static <T> T job(ObjectNode params, Class<T> type) {
        JsonNode job = params.get("job");
        try {
            if (job != null && job.isTextual()) {
                job = Json.MAPPER.readTree(job.asText());
            }
            if (job == null || !job.isObject()) {
                throw invalid("job must be the legacy request object");
            }
            return Json.MAPPER.treeToValue(job, type);
        } catch (JsonProcessingException e) {
            throw invalid("job does not match the legacy request: " + e.getOriginalMessage());
        }
    }

    private static KysoException invalid(String what) {
        return new KysoException(RequestError.INVALID_PARAMS, Map.of("param", "job"), null, what);
    }

    private static String version() {
        String v = VgcaMethods.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
