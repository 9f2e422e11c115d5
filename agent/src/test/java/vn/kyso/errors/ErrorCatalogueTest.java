package vn.kyso.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Every error code of the agent, as the js-client and the people reading the messages meet them: codes unique across
 * all catalogues, both languages present and different, and the text printed exactly as written (KysoException
 * escapes apostrophes for MessageFormat itself, so a catalogue must not double them).
 */
class ErrorCatalogueTest {

    private static final List<Class<? extends Enum<?>>> CATALOGUES = List.of(vn.kyso.server.ServerError.class,
            vn.kyso.config.ConfigError.class, vn.kyso.app.AgentError.class, vn.kyso.pairing.PairingError.class,
            vn.kyso.audit.AuditError.class, vn.kyso.pki.PkiError.class, vn.kyso.cms.CmsError.class,
            vn.kyso.vgca.VgcaError.class, vn.kyso.verify.VerifyError.class,
            vn.kyso.pdf.appearance.AppearanceError.class, vn.kyso.pdf.RemoteSigningError.class,
            vn.kyso.pdf.PdfError.class, vn.kyso.token.TokenError.class,
            vn.kyso.json.JsonSignatureError.class);

    /** The same condition met in two layers (e.g. the engine and the verifier), reported with the same code. */
    private static final java.util.Set<String> SHARED = java.util.Set.of("CMS_UNREADABLE", "DIGEST_INVALID",
            "SIGNATURE_FIELD_ALREADY_SIGNED", "SIGNATURE_FIELD_NOT_FOUND", "JWS_UNREADABLE",
            "JWS_ALGORITHM_NOT_ALLOWED", "JSON_TOO_LARGE");

    @Test
    void everyCodeIsUniqueBilingualAndPrintedAsWritten() {
        Map<String, String> seen = new HashMap<>();
        for (Class<? extends Enum<?>> catalogue : CATALOGUES) {
            for (Enum<?> constant : catalogue.getEnumConstants()) {
                EnumErrorCode error = (EnumErrorCode) constant;
                String where = catalogue.getSimpleName() + "." + constant.name();
                String earlier = seen.put(error.code(), where);
                assertTrue(earlier == null || SHARED.contains(error.code()),
                        error.code() + " in " + earlier + " and " + where);
                assertFalse(error.messageVi().isBlank(), where);
                assertFalse(error.messageEn().isBlank(), where);
                assertNotEquals(error.messageVi(), error.messageEn(), where + " is not translated");
                assertFalse(error.messageEn().contains("''") || error.messageVi().contains("''"),
                        where + " doubles an apostrophe: " + error.messageEn());
            }
        }
        assertEquals("The signer's certificate has expired, so it cannot sign: x",
                new KysoException(vn.kyso.app.AgentError.CERT_EXPIRED, "x").messageEn());
    }
}
