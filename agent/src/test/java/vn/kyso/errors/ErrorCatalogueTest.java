package vn.kyso.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import vn.kyso.app.ProtocolError;
import vn.kyso.audit.AuditError;
import vn.kyso.cms.CmsError;
import vn.kyso.config.ConfigError;
import vn.kyso.consent.ConsentError;
import vn.kyso.json.JsonSignatureError;
import vn.kyso.pairing.PairingError;
import vn.kyso.pdf.PdfError;
import vn.kyso.pdf.RemoteSigningError;
import vn.kyso.pdf.appearance.AppearanceError;
import vn.kyso.pki.PkiError;
import vn.kyso.request.RequestError;
import vn.kyso.server.ServerError;
import vn.kyso.token.TokenError;
import vn.kyso.usecase.SigningRefusal;
import vn.kyso.verify.LevelGap;
import vn.kyso.verify.VerifyError;
import vn.kyso.vgca.VgcaError;
import vn.kyso.xml.XmlError;

/**
 * Every error code of the agent, as the js-client and the people reading the messages meet them: codes unique across
 * all catalogues, both languages present and different, and the text printed exactly as written (KysoException
 * escapes apostrophes for MessageFormat itself, so a catalogue must not double them).
 */
class ErrorCatalogueTest {

    private static final List<Class<? extends Enum<?>>> CATALOGUES = List.of(ServerError.class,
            ConfigError.class, ProtocolError.class, RequestError.class, ConsentError.class, SigningRefusal.class, PairingError.class,
            AuditError.class, PkiError.class, CmsError.class,
            VgcaError.class, VerifyError.class, LevelGap.Reason.class,
            AppearanceError.class, RemoteSigningError.class,
            PdfError.class, TokenError.class, XmlError.class, JsonSignatureError.class);

    /** The same condition met in two layers (e.g. the engine and the verifier), reported with the same code. */
    private static final Set<String> SHARED = Set.of("CMS_UNREADABLE", "DIGEST_INVALID",
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
                new KysoException(SigningRefusal.CERT_EXPIRED, "x").messageEn());
    }
}
