package vn.kyso.app;

import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.kyso.token.SignatureAlgorithm;
import vn.kyso.usecase.SignXml;
import vn.kyso.verify.ReportJson;
import vn.kyso.xml.XadesLevel;
import vn.kyso.xml.XmlCanonicalization;
import vn.kyso.xml.XmlPackaging;
import vn.kyso.xml.XmlSignOptions;
import vn.kyso.xml.XmlSignatureFormat;

/**
 * {@code sign.xml} and {@code verify.xml} over documents uploaded to the connection (docs/protocol.md): the signed
 * document (or detached signature) is kept in the document store for {@code document.download}.
 */
public final class XmlMethods {

    private final Supplier<AgentMethods.DocumentServices> services;

    XmlMethods(Supplier<AgentMethods.DocumentServices> services) {
        this.services = services;
    }

    Object sign(Session session, ObjectNode params) {
        DocumentStore.Document input = session.documents().get(Params.required(params, "documentId"));
        XmlSignOptions options = options(params, input.name());
        SignXml.Result result = services.get().signXml().sign(new SignXml.Request(session.caller().describe(),
                Params.required(params, "certificateId"), input.name(), input.bytes(), options));
        String name = options.packaging() == XmlPackaging.ENVELOPED ? input.name() : input.name() + ".sig.xml";
        Map<String, Object> answer = PdfMethods.stored(session.documents().put(name, result.signature().document()));
        answer.put("format", result.signature().format().name().toLowerCase(Locale.ROOT));
        answer.put("level", result.signature().level() == null ? null
                : result.signature().level().name().replace('_', '-'));
        answer.put("signatureId", result.signature().signatureId());
        answer.put("signedNodes", result.signature().signedNodes());
        answer.put("invoice", result.signature().invoice());
        answer.put("certificate", Params.base64(result.certificate().certificate()));
        answer.put("warnings", result.warnings());
        return answer;
    }

    Object verify(Session session, ObjectNode params) {
        DocumentStore.Document signed = session.documents().get(Params.required(params, "documentId"));
        var verifier = services.get().xmlVerifier();
        if (params.hasNonNull("detachedDocumentId")) {
            DocumentStore.Document detached = session.documents().get(Params.required(params, "detachedDocumentId"));
            return ReportJson.tree(verifier.verify(signed.bytes(), detached.bytes(), detached.name()));
        }
        return ReportJson.tree(verifier.verify(signed.bytes()));
    }

    /**
     * The request's options; a detached signature names the signed document as the page uploaded it. The CLI
     * passes its options in the same shape, so both front ends read them one way.
     */
    public static XmlSignOptions options(ObjectNode params, String documentName) {
        String format = lower(Params.optional(params, "format"), "xmldsig");
        String packaging = lower(Params.optional(params, "packaging"), "enveloped");
        XmlSignOptions options = switch (format) {
            case "xmldsig" -> XmlSignOptions.xmldsig();
            case "xades" -> XmlSignOptions.xades(level(Params.optional(params, "level")));
            default -> throw Params.invalid("format", "format must be xmldsig or xades");
        };
        options = switch (packaging) {
            case "enveloped" -> options.withPlacement(Params.optional(params, "xpath"),
                    Params.optional(params, "referenceId"));
            case "enveloping" -> options.withPackaging(XmlPackaging.ENVELOPING);
            case "detached" -> options.detached(documentName, Params.optional(params, "mimeType"));
            default -> throw Params.invalid("packaging", "packaging must be enveloped, enveloping or detached");
        };
        String c14n = Params.optional(params, "canonicalization");
        if (c14n != null) {
            options = options.withCanonicalization(switch (lower(c14n, "")) {
                case "inclusive" -> XmlCanonicalization.INCLUSIVE;
                case "exclusive" -> XmlCanonicalization.EXCLUSIVE;
                default -> throw Params.invalid("canonicalization", "canonicalization must be inclusive or exclusive");
            });
        }
        String algorithm = Params.optional(params, "signatureAlgorithm");
        if (algorithm != null) {
            options = options.withAlgorithm(SignatureAlgorithm.parse(algorithm));
        }
        if (options.format() == XmlSignatureFormat.XMLDSIG && params.hasNonNull("level")) {
            throw Params.invalid("level", "a level applies to XAdES only");
        }
        return options;
    }

    /** B-B, B-T, B-LT or B-LTA; B-T when not given (like CAdES), so a time-stamp is the default. */
    static XadesLevel level(String name) {
        if (name == null) {
            return XadesLevel.B_T;
        }
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "B-B" -> XadesLevel.B_B;
            case "B-T" -> XadesLevel.B_T;
            case "B-LT" -> XadesLevel.B_LT;
            case "B-LTA" -> XadesLevel.B_LTA;
            default -> throw Params.invalid("level", "level must be B-B, B-T, B-LT or B-LTA");
        };
    }

    private static String lower(String value, String fallback) {
        return value == null ? fallback : value.toLowerCase(Locale.ROOT);
    }
}
