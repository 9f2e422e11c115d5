package vn.kyso.usecase;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import vn.kyso.audit.AuditRecord;
import vn.kyso.errors.KysoException;
import vn.kyso.pdf.PadesLevel;
import vn.kyso.pdf.PadesOptions;
import vn.kyso.pdf.PreparedSignature;
import vn.kyso.pdf.RemotePadesSigner;
import vn.kyso.pdf.SignResult;
import vn.kyso.sign.TokenSignerPort;
import vn.kyso.token.CertificateEntry;

/**
 * Two-step PDF signing for web apps whose signature is made elsewhere (another signer, or this agent's
 * {@code sign.hash}): {@link #prepare} checks the signer's certificate and writes the signature revision,
 * {@link #complete} checks the signature against the prepared digest and certificate, embeds it, raises the level
 * and re-verifies the document before it is returned. No key is used here, so no consent is asked; the signature
 * itself was consented to where it was made. Refusals and completed signatures are audited.
 */
public final class TwoStepPdf {

    /**
     * @param certificate the signer's certificate when it is not on a token here, else null
     * @param certificateId a certificate on a token here, else null
     */
    public record PrepareRequest(String origin, String documentName, byte[] pdf, X509Certificate certificate,
                                 String certificateId, PadesOptions options) {
    }

    /** Everything completion needs; kept by the agent, never by the page. */
    public record Prepared(String origin, String documentName, int pages, byte[] input, PreparedSignature signature,
                           String password, List<String> warnings) {
        public Prepared {
            warnings = List.copyOf(warnings);
        }
    }

    public record Result(byte[] document, PadesLevel level, List<String> warnings) {
    }

    private final SigningRules rules;
    private final RemotePadesSigner engine;

    public TwoStepPdf(SigningRules rules, RemotePadesSigner engine) {
        this.rules = rules;
        this.engine = engine;
    }

    public Prepared prepare(PrepareRequest request) {
        PadesOptions options = request.options();
        X509Certificate certificate = request.certificate();
        if (request.certificateId() != null) {
            CertificateEntry entry = rules.tokens().certificate(request.certificateId());
            certificate = entry.certificate();
            options = options.withAlgorithm(entry.algorithms().get(0));
        }
        String hash = SigningRules.sha256(request.pdf());
        try {
            List<String> warnings = new ArrayList<>();
            rules.checkCertificate(certificate, warnings);
            PreparedSignature prepared = engine.prepare(request.pdf(), options,
                    TokenSignerPort.assemble(certificate, rules.knownCas()));
            prepared.warnings().forEach(w -> warnings.add(String.valueOf(w)));
            return new Prepared(request.origin(), request.documentName(),
                    SignPdf.pageCount(request.pdf(), options.password()), request.pdf(), prepared,
                    options.password(), warnings);
        } catch (KysoException e) {
            record(request.origin(), "pdf.prepare", request.documentName(), hash, certificate, e.code());
            throw e;
        }
    }

    /**
     * @param signatureValue the raw signature over {@link PreparedSignature#signedAttributesDigest()}, or null
     * @param cms            a whole detached CMS over {@link PreparedSignature#contentDigest()}, or null
     */
    /** The document a hash stands for, when it is the digest a prepared signature hands out for signing. */
    public static SignHash.KnownDocument known(Prepared prepared, byte[] hash) {
        if (!java.security.MessageDigest.isEqual(prepared.signature().signedAttributesDigest(), hash)) {
            return null;
        }
        return new SignHash.KnownDocument(prepared.documentName(), prepared.pages(),
                SigningRules.sha256(prepared.input()));
    }

    /**
     * A connection's prepared signatures by handle, at most {@link #MAX}. A handle is taken out while it completes,
     * so two completions of one cannot both write, and put back when its signature was refused: a wrong signature
     * may be followed by the right one.
     */
    public static final class Handles {

        public static final int MAX = 10;

        private final Map<String, Prepared> byHandle = new LinkedHashMap<>();

        public synchronized boolean full() {
            return byHandle.size() >= MAX;
        }

        /** Keeps {@code prepared} under a new random handle. */
        public synchronized String keep(Prepared prepared) {
            String handle = UUID.randomUUID().toString();
            byHandle.put(handle, prepared);
            return handle;
        }

        /** The document a hash stands for, when it is the digest one of these prepared signatures hands out. */
        public synchronized SignHash.KnownDocument known(byte[] hash) {
            for (Prepared candidate : byHandle.values()) {
                SignHash.KnownDocument known = TwoStepPdf.known(candidate, hash);
                if (known != null) {
                    return known;
                }
            }
            return null;
        }

        /** The prepared signature of {@code handle}, taken out; null when there is none. */
        public synchronized Prepared take(String handle) {
            return byHandle.remove(handle);
        }

        synchronized void putBack(String handle, Prepared prepared) {
            byHandle.put(handle, prepared);
        }
    }

    /** Completes a prepared signature {@link Handles#take taken} from {@code handles}; puts it back if refused. */
    public Result complete(Handles handles, String handle, Prepared prepared, byte[] signatureValue, byte[] cms) {
        try {
            return complete(prepared, signatureValue, cms);
        } catch (KysoException e) {
            handles.putBack(handle, prepared);
            throw e;
        }
    }

    public Result complete(Prepared prepared, byte[] signatureValue, byte[] cms) {
        X509Certificate certificate = prepared.signature().chain().get(0);
        String hash = SigningRules.sha256(prepared.input());
        try {
            SignResult result = cms != null
                    ? engine.completeWithCms(prepared.signature(), cms, prepared.password())
                    : engine.completeWithSignatureValue(prepared.signature(), signatureValue, prepared.password());
            List<String> warnings = new ArrayList<>(prepared.warnings());
            result.warnings().forEach(w -> warnings.add(String.valueOf(w)));
            rules.reverify(prepared.input(), result.document(), prepared.password(), warnings);
            record(prepared.origin(), "pdf.complete", prepared.documentName(), hash, certificate, "OK");
            return new Result(result.document(), result.level(), warnings);
        } catch (KysoException e) {
            record(prepared.origin(), "pdf.complete", prepared.documentName(), hash, certificate, e.code());
            throw e;
        }
    }

    private void record(String origin, String operation, String name, String hash, X509Certificate certificate,
                        String result) {
        rules.record(new AuditRecord(origin, operation, name == null ? "" : name, hash,
                certificate == null ? "" : fingerprint(certificate),
                certificate == null ? "" : certificate.getSubjectX500Principal().getName(), result));
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            return SigningRules.sha256(certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
