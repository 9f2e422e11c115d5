package vn.kyso.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import vn.kyso.errors.KysoException;
import vn.kyso.pdf.appearance.ApprovalTextStamp;
import vn.kyso.pdf.appearance.WorkflowSamples;

/** The protocol's and command line's preset parameters turned into stamps. */
class PresetFactoryTest {

    private static final Instant NOW = Instant.parse("2026-12-02T01:15:00Z");

    @Test
    void approveWithoutAnImageMakesATextApprovalStampInsteadOfRefusing() {
        Map<String, String> params = Map.of("titleLine", "KT. CHỦ TỊCH", "nameLine", "Nguyễn Văn An",
                "title", "PHÓ CHỦ TỊCH");
        ApprovalTextStamp stamp = assertInstanceOf(ApprovalTextStamp.class,
                PresetFactory.build("approve", params::get, name -> null, NOW));
        assertEquals(List.of("Đã ký: Nguyễn Văn An", "PHÓ CHỦ TỊCH", "2026-12-02T08:15:00+07:00"),
                stamp.paragraphs());
    }

    @Test
    void issueDatesAreCheckedBeforeAnythingIsDownloadedOrSigned() {
        KysoException e = assertThrows(KysoException.class, () -> PresetFactory.build("issue",
                Map.of("documentNumber", "123", "issueDate", "hôm nay")::get, name -> WorkflowSamples.sealPng(), NOW));
        assertEquals("INVALID_PARAMS", e.code());
        assertTrue(PresetFactory.incoming("incoming"));
    }
}
