package vn.kyso.app;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.kyso.errors.KysoException;
import vn.kyso.pdf.PadesOptions;
import vn.kyso.usecase.SignHash;
import vn.kyso.usecase.SignPdf;
import vn.kyso.usecase.SignPdfBatch;
import vn.kyso.usecase.TwoStepPdf;
import vn.kyso.verify.ReportJson;

/**
 * The PDF methods — {@code sign.pdf}, {@code sign.pdf.batch}, {@code pdf.prepare}, {@code pdf.complete},
 * {@code verify.pdf} — as adapters from JSON to the use cases. Signed documents are kept in the connection's
 * document store for {@code document.download}.
 */
final class PdfMethods {

    private static final int MAX_BATCH_ITEMS = 100;

    private final Supplier<AgentMethods.DocumentServices> services;

    PdfMethods(Supplier<AgentMethods.DocumentServices> services) {
        this.services = services;
    }

    Object verify(Session session, ObjectNode params) {
        DocumentStore.Document document = session.documents().get(Params.required(params, "documentId"));
        return ReportJson.tree(services.get().verifier().verify(document.bytes()));
    }

    Object sign(Session session, ObjectNode params) {
        DocumentStore.Document input = session.documents().get(Params.required(params, "documentId"));
        PdfRequests.Described described = PdfRequests.describe(session, params, Params.optional(params, "level"),
                services.get().profile());
        SignPdf.Result result = services.get().signPdf().sign(new SignPdf.Request(session.caller().describe(),
                input.name(), input.bytes(), Params.required(params, "certificateId"), described.act().vi(),
                described.preset(), described.options(), PresetFactory.incoming(described.preset())));
        DocumentStore.Document output = session.documents().put(input.name(), result.document());
        Map<String, Object> answer = stored(output);
        answer.put("level", PdfRequests.levelName(result.level()));
        answer.put("warnings", result.warnings());
        answer.put("verification", ReportJson.tree(result.verification()));
        return answer;
    }

    // ---- batch ----

    Object signBatch(Session session, ObjectNode params) {
        String certificateId = Params.required(params, "certificateId");
        String batchId = Params.optional(params, "batchId");
        if (batchId == null) {
            batchId = UUID.randomUUID().toString();
        } else if (batchId.isBlank() || batchId.length() > 128) {
            throw Params.invalid("batchId", "batchId must be 1 to 128 characters");
        }
        JsonNode itemsNode = params.get("items");
        if (itemsNode == null || !itemsNode.isArray() || itemsNode.isEmpty() || itemsNode.size() > MAX_BATCH_ITEMS) {
            throw Params.invalid("items", "items must be a list of 1 to " + MAX_BATCH_ITEMS + " documents");
        }
        String level = Params.optional(params, "level");
        SignPdfBatch.Batch batch = session.state(SignPdfBatch.Batches.class, SignPdfBatch.Batches::new).get(batchId);
        if (!batch.tryLock()) {
            throw new KysoException(ProtocolError.BATCH_BUSY, Map.of("batchId", batchId), null, batchId);
        }
        try {
            return signBatch(session, batchId, batch, certificateId, itemsNode, level);
        } finally {
            batch.unlock();
        }
    }

    private Object signBatch(Session session, String batchId, SignPdfBatch.Batch batch, String certificateId,
                             JsonNode itemsNode, String level) {
        int total = itemsNode.size();
        List<String> documentIds = new ArrayList<>();
        List<Integer> pendingIndex = new ArrayList<>();
        List<SignPdfBatch.Item> pending = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            JsonNode node = itemsNode.get(i);
            if (!(node instanceof ObjectNode item)) {
                throw Params.invalid("items", "every item must be an object with a documentId");
            }
            String documentId = Params.required(item, "documentId");
            if (documentIds.contains(documentId)) {
                throw Params.invalid("items", "document " + documentId + " is listed twice");
            }
            documentIds.add(documentId);
            if (batch.signed(documentId) == null) {
                pendingIndex.add(i);
                pending.add(batchItem(session, item, documentId, level));
            }
        }
        int room = session.documents().room();
        if (pending.size() > room) {
            throw new KysoException(ProtocolError.TOO_MANY_DOCUMENTS, Map.of("needed", pending.size(), "room", room),
                    null, String.valueOf(room));
        }
        Map<Integer, Map<String, Object>> answers = new java.util.concurrent.ConcurrentHashMap<>();
        for (int i = 0; i < total; i++) {
            if (!pendingIndex.contains(i)) {
                answers.put(i, batch.signed(documentIds.get(i))); // signed by an earlier call: returned as before
            }
        }
        String id = batchId;
        int[] announced = {0};
        Runnable announce = () -> {
            // in list order, each item as soon as it and all before it are settled
            while (announced[0] < total && answers.containsKey(announced[0])) {
                int i = announced[0]++;
                session.event("batch.progress", Map.of("batchId", id, "index", i, "total", total,
                        "documentId", documentIds.get(i), "status", answers.get(i).get("status")));
            }
        };
        announce.run();
        if (!pending.isEmpty()) {
            services.get().signPdfBatch().sign(new SignPdfBatch.Request(session.caller().describe(), certificateId,
                    pending), (k, outcome) -> {
                        int index = pendingIndex.get(k);
                        Map<String, Object> answer = itemAnswer(session, documentIds.get(index), pending.get(k),
                                outcome);
                        if (answer.get("status").equals("SIGNED")) {
                            batch.signed(documentIds.get(index), answer);
                        }
                        answers.put(index, answer);
                        announce.run();
                    });
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            items.add(answers.get(i));
        }
        return Map.of("batchId", batchId, "items", items);
    }

    private SignPdfBatch.Item batchItem(Session session, ObjectNode item, String documentId, String level) {
        String name = documentId;
        byte[] pdf = null;
        try {
            DocumentStore.Document document = session.documents().get(documentId);
            name = document.name();
            pdf = document.bytes();
            PdfRequests.Described described = PdfRequests.describe(session, item, level, services.get().profile());
            return new SignPdfBatch.Item(name, pdf, described.options(), described.preset(), null);
        } catch (KysoException e) {
            return new SignPdfBatch.Item(name, pdf, PadesOptions.defaults(), "invalid", e);
        }
    }

    private static Map<String, Object> itemAnswer(Session session, String documentId, SignPdfBatch.Item item,
                                                  SignPdfBatch.Outcome outcome) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("documentId", documentId);
        if (outcome instanceof SignPdfBatch.Signed signed) {
            try {
                DocumentStore.Document output = session.documents().put(item.name(), signed.document());
                answer.put("status", "SIGNED");
                answer.put("signedDocumentId", output.id());
                answer.put("size", output.bytes().length);
                answer.put("sha256", output.sha256());
                answer.put("level", PdfRequests.levelName(signed.level()));
                answer.put("warnings", signed.warnings());
                return answer;
            } catch (KysoException e) {
                outcome = new SignPdfBatch.Failed(e);
            }
        }
        KysoException error = ((SignPdfBatch.Failed) outcome).error();
        answer.put("status", "FAILED");
        answer.put("error", Map.of("code", error.code(), "message_vi", error.messageVi(), "message_en",
                error.messageEn()));
        return answer;
    }

    // ---- two-step ----

    Object prepare(Session session, ObjectNode params) {
        DocumentStore.Document input = session.documents().get(Params.required(params, "documentId"));
        Params.oneOf(params, "certificate", "certificateId");
        X509Certificate certificate = params.hasNonNull("certificate")
                ? certificate(Params.base64(params, "certificate")) : null;
        PdfRequests.Described described = PdfRequests.describe(session, params, Params.optional(params, "level"),
                services.get().profile());
        TwoStepPdf.Handles handles = session.state(TwoStepPdf.Handles.class, TwoStepPdf.Handles::new);
        if (handles.full()) {
            throw new KysoException(ProtocolError.TOO_MANY_DOCUMENTS, Map.of(), null,
                    String.valueOf(TwoStepPdf.Handles.MAX));
        }
        TwoStepPdf.Prepared state = services.get().twoStepPdf().prepare(new TwoStepPdf.PrepareRequest(
                session.caller().describe(), input.name(), input.bytes(), certificate,
                Params.optional(params, "certificateId"), described.options()));
        String handle = handles.keep(state);
        Base64.Encoder base64 = Base64.getEncoder();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("handle", handle);
        answer.put("digest", base64.encodeToString(state.signature().signedAttributesDigest()));
        answer.put("digestAlgorithm", state.signature().algorithm().digest().jcaName());
        answer.put("signatureAlgorithm", state.signature().algorithm().name());
        answer.put("contentDigest", base64.encodeToString(state.signature().contentDigest()));
        answer.put("warnings", state.warnings());
        return answer;
    }

    /**
     * The document a {@code sign.hash} request is really about, when its hash is the digest of a signature this
     * connection prepared: the consent then shows that document rather than a blind hash.
     */
    static SignHash.KnownDocument knownDocument(Session session, String hashBase64) {
        byte[] hash;
        try {
            hash = Base64.getDecoder().decode(hashBase64);
        } catch (IllegalArgumentException e) {
            return null; // the use case refuses it with INVALID_PARAMS
        }
        return session.state(TwoStepPdf.Handles.class, TwoStepPdf.Handles::new).known(hash);
    }

    Object complete(Session session, ObjectNode params) {
        String handle = Params.required(params, "handle");
        Params.oneOf(params, "signature", "cms");
        byte[] signature = Params.base64(params, "signature");
        byte[] cms = Params.base64(params, "cms");
        TwoStepPdf.Handles handles = session.state(TwoStepPdf.Handles.class, TwoStepPdf.Handles::new);
        TwoStepPdf.Prepared state = handles.take(handle);
        if (state == null) {
            throw new KysoException(ProtocolError.PREPARED_NOT_FOUND, Map.of("handle", handle), null, handle);
        }
        TwoStepPdf.Result result = services.get().twoStepPdf().complete(handles, handle, state, signature, cms);
        DocumentStore.Document output = session.documents().put(state.documentName(), result.document());
        Map<String, Object> answer = stored(output);
        answer.put("level", PdfRequests.levelName(result.level()));
        answer.put("warnings", result.warnings());
        return answer;
    }

    private static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw Params.invalid("certificate", "certificate is not a DER X.509 certificate");
        }
    }

    static Map<String, Object> stored(DocumentStore.Document output) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("documentId", output.id());
        answer.put("size", output.bytes().length);
        answer.put("sha256", output.sha256());
        return answer;
    }
}
