package vn.kyso.vgca;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.kyso.audit.AuditLog;
import vn.kyso.audit.AuditRecord;
import vn.kyso.cms.CadesLevel;
import vn.kyso.errors.KysoException;
import vn.kyso.pdf.PadesOptions;
import vn.kyso.pdf.SignatureAppearance;
import vn.kyso.request.CallerText;
import vn.kyso.request.RequestError;
import vn.kyso.token.CertificateEntry;
import vn.kyso.token.DigestAlgorithm;
import vn.kyso.usecase.SignCms;
import vn.kyso.usecase.SignPdf;
import vn.kyso.usecase.SignXml;
import vn.kyso.vgca.VgcaMessages.FileEntry;
import vn.kyso.vgca.VgcaMessages.FileJob;
import vn.kyso.vgca.VgcaMessages.FileResult;
import vn.kyso.vgca.VgcaMessages.FileStatus;
import vn.kyso.vgca.VgcaMessages.FilesJob;
import vn.kyso.vgca.VgcaMessages.FilesResult;
import vn.kyso.xml.XmlSignOptions;

/**
 * The old plugin's file job, done safely: check both URLs against the page's origin and the allow-list, choose the
 * certificate and the stamp, all before any network I/O; download the document; sign it through {@link SignPdf}
 * (certificate check, the agent's consent dialog with the page's origin and the act, PIN from the agent's own
 * prompt, re-verification); upload it as multipart {@code uploadfile} with the page's SessionId/JWTToken; read the
 * handler's answer as the old plugin did; audit every outcome. Failures become legacy replies with Status 1 and the
 * stable code; a signed document that could not be delivered is handed back to the caller, never written to disk.
 */
public final class VgcaFileJob {

    /** The legacy reply, and the signed document when it was made but not delivered. */
    public record Outcome(FileResult reply, byte[] undelivered) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final UrlPolicy policy;
    private final DocumentTransfer transfer;
    private final SigningCertificates certificates;
    private final StampImages images;
    private final SignPdf signPdf;
    private final SignXml signXml;
    private final SignCms signCms;
    private final AuditLog audit;
    private final Clock clock;

    public VgcaFileJob(UrlPolicy policy, DocumentTransfer transfer, SigningCertificates certificates,
                       StampImages images, SignPdf signPdf, SignXml signXml, SignCms signCms, AuditLog audit,
                       Clock clock) {
        this.policy = policy;
        this.transfer = transfer;
        this.certificates = certificates;
        this.images = images;
        this.signPdf = signPdf;
        this.signXml = signXml;
        this.signCms = signCms;
        this.audit = audit;
        this.clock = clock;
    }

    public Outcome run(Optional<String> origin, VgcaOperation operation, FileJob job) {
        return run(origin, "vgca." + operation.name(), job, operation.organisationKey(), certificate -> {
            // the stamp is worked out before anything is downloaded: a missing placement fails first
            Instant now = clock.instant();
            LegacyAppearance.Stamp stamp = LegacyAppearance.of(operation, job, certificate, images, now);
            return (trail, name, pdf) -> new Signed(signPdf.sign(new SignPdf.Request(trail.originText(), name, pdf,
                    certificate.id(), operation.actVi(), operation.actEn(), PadesOptions.defaults()
                    .withAppearance(stamp.appearance()).withSigningTime(now)
                    .withDetails(null, stamp.reason(), null, null), operation == VgcaOperation.SignIncome)).document(),
                    stamp.documentNumber(), stamp.documentDate());
        });
    }

    /**
     * SignXML: an e-invoice, a social-insurance declaration or a tax return, signed as the Tax Department's layout
     * wants it (enveloped XMLDSig; for an e-invoice the seller's signature in DSCKS/NBan over DLHDon) and delivered
     * like a signed PDF.
     */
    public Outcome runXml(Optional<String> origin, FileJob job) {
        return run(origin, "vgca.SignXML", job, false, certificate -> (trail, name, xml) -> new Signed(
                signXml.sign(new SignXml.Request(trail.originText(), certificate.id(), name, xml,
                        XmlSignOptions.xmldsig())).signature().document(), null, null));
    }

    /**
     * SignFile: any file, signed with a detached CAdES-BASELINE-T signature (a {@code .p7s}, RFC 5652 / ETSI EN 319
     * 122-1) that the handler receives as "name.p7s"; the file itself is neither changed nor sent back. One format for
     * every kind of file, so a page always knows what it gets — PDFs meant to carry their signature go through
     * SignApproved … SignFiles (PAdES), XML through SignXML. The dialog shows the file's name, kind, size and SHA-256.
     */
    public Outcome runFile(Optional<String> origin, FileJob job) {
        return run(origin, "vgca.SignFile", job, false, certificate -> (trail, name, file) -> new Signed(
                signCms.sign(new SignCms.Request(trail.originText(), certificate.id(), name, file, null,
                        DigestAlgorithm.SHA256, CadesLevel.B_T, "Ký tệp (chữ ký tách rời .p7s)",
                        "Sign a file (detached .p7s signature)", describe(file))).signature().der(),
                null, null, name + ".p7s"));
    }

    /** The lines the dialog shows about a file signed detached: its kind read from its first bytes, and its size. */
    static List<String> describe(byte[] file) {
        String head = new String(file, 0, Math.min(file.length, 64), StandardCharsets.ISO_8859_1).stripLeading();
        String kind;
        if (head.startsWith("%PDF-")) {
            kind = "PDF";
        } else if (head.startsWith("<?xml")) {
            kind = "XML";
        } else if (head.startsWith("<")) {
            kind = "XML / HTML";
        } else if (head.startsWith("PK\u0003\u0004")) {
            kind = "ZIP / Office (docx, xlsx…)";
        } else {
            kind = "khác / other";
        }
        return List.of("Loại tệp / kind: " + kind, "Kích thước / size: " + file.length + " byte",
                "Tệp giữ nguyên; chữ ký CAdES tách rời (.p7s) / the file is unchanged; detached CAdES signature (.p7s)");
    }

    /**
     * What a file job's signing step produced: the document, the number and date a SignIssued stamp gave, and the name
     * it is uploaded under (null: the downloaded file's name).
     */
    private record Signed(byte[] document, String documentNumber, String documentDate, String fileName) {

        Signed(byte[] document, String documentNumber, String documentDate) {
            this(document, documentNumber, documentDate, null);
        }
    }

    /** The signing step of a file job: prepared with the certificate before the download, then run on it. */
    @FunctionalInterface
    private interface Step {
        Signing prepare(CertificateEntry certificate);
    }

    @FunctionalInterface
    private interface Signing {
        Signed sign(Trail trail, String name, byte[] document);
    }

    /** Download, sign, deliver; a signature that could not be delivered is returned for the connection to keep. */
    private Outcome run(Optional<String> origin, String act, FileJob job, boolean organisationKey, Step step) {
        Trail trail = new Trail(origin, act, job.fileName(), job.fileUploadHandler());
        byte[] signed = null;
        try {
            URI source = policy.check(job.fileName(), origin);
            URI handler = policy.check(job.fileUploadHandler(), origin);
            Credentials credentials = new Credentials(job.sessionId(), job.jwtToken());
            CertificateEntry certificate = certificates.choose(job.certificateId(), organisationKey);
            trail.certificate = certificate;
            Signing signing = step.prepare(certificate);

            byte[] document = transfer.download(source, credentials);
            trail.documentSha256 = sha256(document);
            String name = nameOf(source);
            Signed result = signing.sign(trail, name, document);
            signed = result.document();

            Map<String, String> fields = credentials.formFields();
            Handled answer = deliver(handler, new DocumentTransfer.Upload(result.fileName() == null ? name
                    : result.fileName(), signed, fields), credentials);
            trail.done("OK");
            return new Outcome(new FileResult(VgcaMessages.OK, answer.message() == null ? "Thành công" : answer.message(),
                    answer.fileName(), answer.fileServer(), result.documentNumber(), result.documentDate(), null, null,
                    null), null);
        } catch (KysoException e) {
            trail.done(e.code());
            return new Outcome(FileResult.failed(e), signed);
        } catch (RuntimeException e) {
            trail.done("INTERNAL_ERROR");
            throw e;
        }
    }

    /** SignFiles: the handler and the certificate are checked once; each file then succeeds or fails on its own. */
    public FilesResult runFiles(Optional<String> origin, FilesJob job) {
        URI handler;
        Credentials credentials;
        CertificateEntry certificate;
        try {
            handler = policy.check(job.fileUploadHandler(), origin);
            credentials = new Credentials(job.sessionId(), job.jwtToken());
            if (job.files().isEmpty()) {
                throw new KysoException(RequestError.INVALID_PARAMS, Map.of("param", "Files"), null,
                        "Files must list at least one file");
            }
            certificate = certificates.choose(job.certificateId(), false);
        } catch (KysoException e) {
            Trail trail = new Trail(origin, "vgca.SignFiles", null, job.fileUploadHandler());
            trail.done(e.code());
            return new FilesResult(VgcaMessages.FAILED, e.messageVi(), List.of(), e.code(), e.messageEn());
        }
        List<FileStatus> statuses = new ArrayList<>();
        for (FileEntry file : job.files()) {
            statuses.add(signOne(origin, handler, credentials, certificate, file));
        }
        long ok = statuses.stream().filter(s -> s.status() == VgcaMessages.OK).count();
        boolean all = ok == statuses.size();
        return new FilesResult(all ? VgcaMessages.OK : VgcaMessages.FAILED,
                "Đã ký và gửi " + ok + "/" + statuses.size() + " tệp", statuses, null,
                "Signed and sent " + ok + " of " + statuses.size() + " files");
    }

    private FileStatus signOne(Optional<String> origin, URI handler, Credentials credentials,
                               CertificateEntry certificate, FileEntry file) {
        Trail trail = new Trail(origin, "vgca.SignFiles", file.url(), handler.toString());
        trail.certificate = certificate;
        try {
            String given = CallerText.name("FileName", file.fileName()); // before anything is fetched
            URI source = policy.check(file.url(), origin);
            byte[] pdf = transfer.download(source, credentials);
            trail.documentSha256 = sha256(pdf);
            String name = given == null || given.isBlank() ? nameOf(source) : given;
            byte[] signed = signPdf.sign(new SignPdf.Request(trail.originText(), name, pdf, certificate.id(),
                    "Ký số", "Sign", PadesOptions.defaults().withAppearance(SignatureAppearance.INVISIBLE)))
                    .document();
            Map<String, String> fields = new LinkedHashMap<>(credentials.formFields());
            fields.put("FileID", file.fileId() == null ? "" : file.fileId());
            Handled answer = deliver(handler, new DocumentTransfer.Upload(name, signed, fields), credentials);
            trail.done("OK");
            return new FileStatus(file.fileId(), answer.fileName() != null ? answer.fileName() : name, VgcaMessages.OK,
                    answer.message() == null ? "Thành công" : answer.message(), answer.fileServer(), null, null);
        } catch (KysoException e) {
            trail.done(e.code());
            return new FileStatus(file.fileId(), file.fileName(), VgcaMessages.FAILED, e.messageVi(), null, e.code(),
                    e.messageEn());
        }
    }

    /** The handler's answer as the old plugin read it: {@code {Status: bool, Message, FileName, FileServer}}. */
    record Handled(String message, String fileName, String fileServer) {
    }

    private Handled deliver(URI handler, DocumentTransfer.Upload upload, Credentials credentials) {
        DocumentTransfer.Answer answer = transfer.upload(handler, upload, credentials);
        String shown = UrlPolicy.shorten(handler.toString());
        JsonNode body;
        try {
            body = JSON.readTree(answer.body());
        } catch (java.io.IOException e) {
            body = null;
        }
        if (answer.status() < 200 || answer.status() > 299) {
            String message = body != null && body.hasNonNull("Message") ? ": " + body.get("Message").asText() : "";
            throw new KysoException(VgcaError.UPLOAD_FAILED, Map.of("httpStatus", answer.status()), null, shown,
                    "HTTP " + answer.status() + message);
        }
        if (body == null || !body.isObject() || !body.has("Status")) {
            throw new KysoException(VgcaError.UPLOAD_FAILED, Map.of("httpStatus", answer.status()), null, shown,
                    "the answer is not the expected JSON {Status, Message, FileName, FileServer}");
        }
        JsonNode status = body.get("Status");
        boolean accepted = status.isBoolean() ? status.booleanValue() : status.asText().equalsIgnoreCase("true");
        String message = text(body, "Message");
        if (!accepted) {
            throw new KysoException(VgcaError.UPLOAD_REFUSED, Map.of(), null, shown,
                    message == null ? "Status false" : message);
        }
        return new Handled(message, text(body, "FileName"), text(body, "FileServer"));
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** The document's name for the dialog and the upload: the last path segment of its URL. */
    static String nameOf(URI source) {
        String path = source.getRawPath() == null ? "" : source.getRawPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        try {
            last = URLDecoder.decode(last, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException ignored) {
            // keep it encoded
        }
        last = last.replaceAll("[\\p{Cntrl}\"\\\\/]", "_").strip();
        return last.isEmpty() ? "document.pdf" : last;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One audit line per job or file: origin, operation, where from and where to, document hash, certificate, result. */
    private final class Trail {
        final Optional<String> origin;
        final String operation;
        final String from;
        final String to;
        CertificateEntry certificate;
        String documentSha256 = "";

        Trail(Optional<String> origin, String operation, String from, String to) {
            this.origin = origin;
            this.operation = operation;
            this.from = from;
            this.to = to;
        }

        String originText() {
            return origin.orElse("local program");
        }

        void done(String result) {
            String name = "from " + UrlPolicy.hostOf(String.valueOf(from)) + " to " + UrlPolicy.hostOf(String.valueOf(to));
            audit.append(new AuditRecord(originText(), operation, name, documentSha256,
                    certificate == null ? "" : certificate.id(), certificate == null ? "" : certificate.subject(),
                    result));
        }
    }
}
