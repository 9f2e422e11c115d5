package vn.kyso.consent;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import vn.kyso.errors.KysoException;

/** The one consent rule of every signing use case: approved, or refused with CONSENT_REFUSED. */
class ConsentPromptTest {

    private static final ConsentRequest REQUEST = new ConsentRequest("https://qlvb.ninhbinh.gov.vn", "Ký số", "Sign",
            "QĐ 1.pdf", 1, "ab".repeat(32), "Nguyễn Văn An", "VGCA Token", false);

    @Test
    void onlyAnApprovalLetsSigningGoOn() {
        assertDoesNotThrow(() -> ((ConsentPrompt) request -> ConsentPrompt.Decision.APPROVE).require(REQUEST));
        KysoException refused = assertThrows(KysoException.class,
                () -> ((ConsentPrompt) request -> ConsentPrompt.Decision.REFUSE).require(REQUEST));
        assertEquals(ConsentError.CONSENT_REFUSED.code(), refused.code());
        KysoException nobody = assertThrows(KysoException.class, () -> ConsentPrompt.NOBODY.require(REQUEST));
        assertEquals(ConsentError.CONSENT_UNAVAILABLE.code(), nobody.code());
    }
}
