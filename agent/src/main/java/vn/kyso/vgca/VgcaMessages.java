package vn.kyso.vgca;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import vn.kyso.errors.KysoException;

/**
 * The JSON the old vgcaplugin.js sent and received, field for field (names as the old plugin spelled them). Fields
 * this agent adds are marked; old pages ignore them. {@code Status} 0 means success, 1 failure; the stable
 * {@code ErrorCode} and the English message say which failure.
 */
public final class VgcaMessages {

    private VgcaMessages() {
    }

    /** Status of a legacy reply: 0 as the old plugin, 1 for every failure (ErrorCode tells them apart). */
    public static final int OK = 0;
    public static final int FAILED = 1;

    public record MetaItem(@JsonProperty("Key") String key, @JsonProperty("Value") String value) {
    }

    /**
     * SignApproved, SignIssued, SignCopy, SignAppendix, SignIncome, Comment.
     *
     * @param certificateId added: which certificate to use when the tokens hold more than one that fits
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FileJob(@JsonProperty("FileUploadHandler") String fileUploadHandler,
                          @JsonProperty("SessionId") String sessionId,
                          @JsonProperty("JWTToken") String jwtToken,
                          @JsonProperty("FileName") String fileName,
                          @JsonProperty("DocNumber") String docNumber,
                          @JsonProperty("IssuedDate") String issuedDate,
                          @JsonProperty("MetaData") List<MetaItem> metaData,
                          @JsonProperty("CertificateId") String certificateId) {

        public FileJob {
            metaData = metaData == null ? List.of() : List.copyOf(metaData);
        }

        /** The value of a MetaData key (case-insensitive), or null. */
        public String meta(String key) {
            return metaData.stream().filter(m -> m != null && key.equalsIgnoreCase(m.key()))
                    .map(MetaItem::value).filter(v -> v != null && !v.isBlank()).findFirst().orElse(null);
        }
    }

    /**
     * The file result. {@code DocumentNumber}/{@code DocumentDate} for SignIssued as before.
     *
     * @param errorCode  added: the stable error code
     * @param messageEn  added: the message in English ({@code Message} is Vietnamese, as before)
     * @param documentId added: when the upload failed, the signed document is kept in the connection's memory under
     *                   this id (protocol {@code document.download}) until the connection closes — never on disk
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FileResult(@JsonProperty("Status") int status,
                             @JsonProperty("Message") String message,
                             @JsonProperty("FileName") String fileName,
                             @JsonProperty("FileServer") String fileServer,
                             @JsonProperty("DocumentNumber") String documentNumber,
                             @JsonProperty("DocumentDate") String documentDate,
                             @JsonProperty("ErrorCode") String errorCode,
                             @JsonProperty("MessageEn") String messageEn,
                             @JsonProperty("DocumentId") String documentId) {

        public static FileResult failed(KysoException e) {
            return new FileResult(FAILED, e.messageVi(), null, null, null, null, e.code(), e.messageEn(), null);
        }

        public FileResult withDocumentId(String id) {
            return new FileResult(status, message, fileName, fileServer, documentNumber, documentDate, errorCode,
                    messageEn, id);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FileEntry(@JsonProperty("FileID") String fileId,
                            @JsonProperty("FileName") String fileName,
                            @JsonProperty("URL") String url) {
    }

    /** SignFiles: one handler, many documents. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FilesJob(@JsonProperty("FileUploadHandler") String fileUploadHandler,
                           @JsonProperty("SessionId") String sessionId,
                           @JsonProperty("JWTToken") String jwtToken,
                           @JsonProperty("Files") List<FileEntry> files,
                           @JsonProperty("CertificateId") String certificateId) {

        public FilesJob {
            files = files == null ? List.of() : List.copyOf(files);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FileStatus(@JsonProperty("FileID") String fileId,
                             @JsonProperty("FileName") String fileName,
                             @JsonProperty("Status") int status,
                             @JsonProperty("Message") String message,
                             @JsonProperty("FileServer") String fileServer,
                             @JsonProperty("ErrorCode") String errorCode,
                             @JsonProperty("MessageEn") String messageEn) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FilesResult(@JsonProperty("Status") int status,
                              @JsonProperty("Message") String message,
                              @JsonProperty("Files") List<FileStatus> files,
                              @JsonProperty("ErrorCode") String errorCode,
                              @JsonProperty("MessageEn") String messageEn) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MsgJob(@JsonProperty("HashAlg") String hashAlg,
                         @JsonProperty("HashValue") String hashValue,
                         @JsonProperty("Encode") String encode,
                         @JsonProperty("CertificateId") String certificateId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MsgResult(@JsonProperty("Status") int status,
                            @JsonProperty("Message") String message,
                            @JsonProperty("Signature") String signature,
                            @JsonProperty("CertBase64") String certBase64,
                            @JsonProperty("ErrorCode") String errorCode,
                            @JsonProperty("MessageEn") String messageEn) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record VerifyJob(@JsonProperty("SessionId") String sessionId,
                            @JsonProperty("JWTToken") String jwtToken,
                            @JsonProperty("FileName") String fileName) {
    }

    /**
     * VerifyMsg: a signature over a message. {@code Signature} is a CMS/PKCS#7 SignedData (attached, or detached with
     * the data given here) or a bare signature value (then {@code CertBase64} is needed); the data is {@code Data}
     * (base64 by default, UTF-8 text when {@code DataEncoding} says so or when it is not base64) or only its digest
     * {@code HashValue} with {@code HashAlg}. The field names of other plugins and of SignMsg's reply are accepted.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MsgVerifyJob(
            @JsonProperty("Signature") @JsonAlias({"signature", "SignatureValue", "signatureValue", "SignedData",
                    "signedData", "Cms", "cms", "P7s", "p7s"}) String signature,
            @JsonProperty("Data") @JsonAlias({"data", "Message", "message", "Content", "content", "OriginalData",
                    "originalData", "DataBase64", "dataBase64"}) String data,
            @JsonProperty("DataEncoding") @JsonAlias({"dataEncoding", "Encoding", "encoding"}) String dataEncoding,
            @JsonProperty("HashValue") @JsonAlias({"hashValue", "Hash", "hash", "Digest", "digest"}) String hashValue,
            @JsonProperty("HashAlg") @JsonAlias({"hashAlg", "HashAlgorithm", "hashAlgorithm"}) String hashAlg,
            @JsonProperty("CertBase64") @JsonAlias({"certBase64", "Certificate", "certificate", "Cert", "cert",
                    "SignerCert", "signerCert"}) String certBase64,
            @JsonProperty("SignatureAlgorithm") @JsonAlias({"signatureAlgorithm", "Encode", "encode"})
            String signatureAlgorithm) {
    }

    /** One signature as the validation result lists it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SignatureStatus(@JsonProperty("SignerName") String signerName,
                                  @JsonProperty("Organisation") String organisation,
                                  @JsonProperty("SigningTime") String signingTime,
                                  @JsonProperty("IsValid") boolean valid,
                                  @JsonProperty("Indication") String indication,
                                  @JsonProperty("SubIndication") String subIndication,
                                  @JsonProperty("Reason") String reason) {
    }

    /**
     * @param report added: the full verification report (the same as protocol {@code verify.pdf})
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VerifyResult(@JsonProperty("Status") int status,
                               @JsonProperty("Message") String message,
                               @JsonProperty("FileName") String fileName,
                               @JsonProperty("Signatures") List<SignatureStatus> signatures,
                               @JsonProperty("Report") JsonNode report,
                               @JsonProperty("ErrorCode") String errorCode,
                               @JsonProperty("MessageEn") String messageEn) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CertInfo(@JsonProperty("CertificateId") String certificateId,
                           @JsonProperty("SubjectCN") String subjectCn,
                           @JsonProperty("Subject") String subject,
                           @JsonProperty("Issuer") String issuer,
                           @JsonProperty("SerialNumber") String serialNumber,
                           @JsonProperty("NotBefore") String notBefore,
                           @JsonProperty("NotAfter") String notAfter,
                           @JsonProperty("TokenLabel") String tokenLabel,
                           @JsonProperty("CertBase64") String certBase64) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CertInfoResult(@JsonProperty("Status") int status,
                                 @JsonProperty("Message") String message,
                                 @JsonProperty("CertInfo") CertInfo certInfo,
                                 @JsonProperty("ErrorCode") String errorCode,
                                 @JsonProperty("MessageEn") String messageEn) {
    }

    public record VersionResult(@JsonProperty("Status") int status,
                                @JsonProperty("Version") String version,
                                @JsonProperty("Product") String product) {
    }
}
