package vn.kyso.app;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.kyso.cms.CadesLevel;
import vn.kyso.errors.KysoException;
import vn.kyso.request.CallerText;
import vn.kyso.token.DigestAlgorithm;
import vn.kyso.token.TokenError;
import vn.kyso.usecase.SignCms;
import vn.kyso.verify.ReportJson;

/** {@code sign.cms} and {@code verify.cms}: detached CAdES over a document of the session or over a digest. */
final class CmsMethods {

    private final Supplier<AgentMethods.DocumentServices> services;

    CmsMethods(Supplier<AgentMethods.DocumentServices> services) {
        this.services = services;
    }

    Object sign(Session session, ObjectNode params) {
        String certificateId = Params.required(params, "certificateId");
        Params.oneOf(params, "documentId", "hash");
        DigestAlgorithm algorithm = digestAlgorithm(Params.optional(params, "hashAlgorithm"));
        CadesLevel level = level(Params.optional(params, "level"));
        byte[] content = null;
        String name = CallerText.name("contentName", Params.optional(params, "contentName"));
        if (params.hasNonNull("documentId")) {
            var document = session.documents().get(Params.required(params, "documentId"));
            content = document.bytes();
            name = name == null ? document.name() : name;
        }
        SignCms.Result result = services.get().signCms().sign(new SignCms.Request(session.caller().describe(),
                certificateId, name, content, Params.base64(params, "hash"), algorithm, level));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("cms", Base64.getEncoder().encodeToString(result.signature().der()));
        answer.put("level", result.signature().level().name().replace('_', '-'));
        answer.put("certificate", Params.base64(result.certificate().certificate()));
        answer.put("warnings", result.warnings());
        return answer;
    }

    Object verify(Session session, ObjectNode params) {
        Params.oneOf(params, "cms", "cmsDocumentId");
        Params.oneOf(params, "documentId", "hash");
        byte[] cms = params.hasNonNull("cms") ? Params.base64(params, "cms")
                : session.documents().get(Params.required(params, "cmsDocumentId")).bytes();
        var verifier = services.get().cmsVerifier();
        if (params.hasNonNull("documentId")) {
            byte[] content = session.documents().get(Params.required(params, "documentId")).bytes();
            return ReportJson.tree(verifier.verify(cms, content));
        }
        DigestAlgorithm algorithm = digestAlgorithm(Params.optional(params, "hashAlgorithm"));
        byte[] digest = Params.base64(params, "hash");
        if (digest.length != algorithm.length()) {
            throw Params.invalid("hash", "hash length " + digest.length + " does not match " + algorithm.jcaName());
        }
        return ReportJson.tree(verifier.verify(cms, digest, algorithm));
    }

    static DigestAlgorithm digestAlgorithm(String name) {
        String n = name == null ? "SHA-256" : name.toUpperCase(Locale.ROOT).replace("_", "-");
        return switch (n) {
            case "SHA-256", "SHA256" -> DigestAlgorithm.SHA256;
            case "SHA-384", "SHA384" -> DigestAlgorithm.SHA384;
            case "SHA-512", "SHA512" -> DigestAlgorithm.SHA512;
            default -> throw new KysoException(TokenError.ALGORITHM_NOT_ALLOWED, Map.of(), null, name);
        };
    }

    private static CadesLevel level(String name) {
        if (name == null || name.equals("B-T")) {
            return CadesLevel.B_T;
        }
        if (name.equals("B-B")) {
            return CadesLevel.B_B;
        }
        throw Params.invalid("level", "level must be B-B or B-T");
    }
}
