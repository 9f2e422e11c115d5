package vn.kyso.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import org.junit.jupiter.api.Test;

import vn.kyso.errors.Language;
import vn.kyso.token.PinRequest;

class DialogWordingTest {

    private final DialogWording vi = new DialogWording(Language.VI);
    private final DialogWording en = new DialogWording(Language.EN);

    @Test
    void vietnameseIsTheDefaultAndEnglishIsAvailable() {
        assertEquals(Language.VI, Language.of(null));
        assertEquals(Language.VI, Language.of("fr"));
        assertEquals(Language.VI, Language.of("vi"));
        assertEquals(Language.EN, Language.of(" EN "));
        assertEquals(Language.EN, Language.of("en_US"));
        assertEquals("Bạn có đồng ý thực hiện: Phát hành văn bản?", vi.consentHeadline("Phát hành văn bản", "Issue"));
        assertEquals("Do you agree to: Issue the document?", en.consentHeadline("Phát hành văn bản", "Issue the document"));
        assertEquals("Do you agree to: Ký nháy?", en.consentHeadline("Ký nháy", ""), "no English name: show the act");
    }

    @Test
    void everyTextExistsInBothLanguagesAndDiffersWhereItShould() throws Exception {
        int compared = 0;
        for (Method m : DialogWording.class.getDeclaredMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || !Modifier.isPublic(m.getModifiers())
                    || m.getReturnType() != String.class || m.getParameterCount() != 0) {
                continue;
            }
            String a = (String) m.invoke(vi);
            String b = (String) m.invoke(en);
            assertTrue(a != null && !a.isBlank() && b != null && !b.isBlank(), m.getName());
            if (!m.getName().equals("sha256") && !m.getName().equals("token")) {
                assertNotEquals(a, b, m.getName() + " is not translated");
            }
            compared++;
        }
        assertTrue(compared > 20, "compared " + compared);
    }

    @Test
    void hashesAreGroupedForComparisonByEye() {
        String hex = "3a7f19c2b0d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4";
        assertEquals("3A7F 19C2 B0D4 E5F6 A7B8 C9D0 E1F2 A3B4\nC5D6 E7F8 091A 2B3C 4D5E 6F70 8192 A3B4",
                DialogWording.groupedHex(hex));
        assertEquals("ABCD EF01", DialogWording.groupedHex("abcd ef01"));
        assertEquals("XYZ", DialogWording.groupedHex("xyz"), "not hex: shown as it is");
        assertEquals("", DialogWording.groupedHex(null));
    }

    @Test
    void signersAreShownByNameAndOrganisation() {
        assertEquals("Nguyễn Văn An — Sở Khoa học và Công nghệ tỉnh Ninh Bình",
                DialogWording.person("CN=Nguyễn Văn An,OU=Văn phòng,O=Sở Khoa học và Công nghệ tỉnh Ninh Bình,C=VN"));
        assertEquals("Trần Thị Bình", DialogWording.person("CN=Trần Thị Bình,C=VN"));
        assertEquals("O=Only Org,C=VN", DialogWording.person("O=Only Org,C=VN"));
        assertEquals("not a DN", DialogWording.person("not a DN"));
    }

    @Test
    void pinWarningsNameTheRiskAndStayQuietOtherwise() {
        assertNull(vi.pinWarning(PinRequest.Warning.NONE));
        assertTrue(vi.pinWarning(PinRequest.Warning.COUNT_LOW).contains("sai PIN"));
        assertTrue(vi.pinWarning(PinRequest.Warning.FINAL_TRY).startsWith("LẦN THỬ CUỐI CÙNG"));
        assertTrue(en.pinWarning(PinRequest.Warning.FINAL_TRY).contains("LOCKS the token"));
        assertTrue(vi.pinPadPrompt("VGCA Token").contains("bàn phím của thiết bị \"VGCA Token\""));
    }

    @Test
    void localProgramsAndMissingNamesAreSaidPlainly() {
        assertEquals("Chương trình trên máy này", vi.origin("local program"));
        assertEquals("https://qlvb.example", vi.origin("https://qlvb.example"));
        assertEquals("(no name)", en.documentName(" "));
        assertEquals("không rõ", vi.pageCount(0));
        assertEquals("Tự động từ chối sau 42 giây", vi.refusedIn(42));
    }

    @Test
    void batchLinesNameEachDocumentAndItsHash() {
        assertEquals("2. QĐ 2.pdf — 3 trang\n    ABCD EF01", vi.batchLine(2, "QĐ 2.pdf", 3, "abcdef01"));
        assertEquals("1. (no name) — 1 page\n    ABCD", en.batchLine(1, "", 1, "abcd"));
        assertEquals("Các văn bản (5)", vi.batchDocuments(5));
    }

    @Test
    void trayLinesAreShort() {
        assertEquals("Kyso Agent — đang chạy trên cổng 18443, 2 token đang cắm", vi.trayTooltip(18443, 2));
        assertEquals("Kyso Agent — listening on port 18443, no token plugged in", en.trayTooltip(18443, 0));
        assertEquals("1 token plugged in", en.tokensPresent(1));
        assertEquals("2026-11-27 14:35  đã ký  sign.pdf/approve — QĐ 123.pdf",
                vi.signatureLine("2026-11-27T14:35:22+07:00", "OK", "sign.pdf/approve", "QĐ 123.pdf"));
        assertEquals("2026-11-27 14:35  CONSENT_REFUSED  sign.hash",
                en.signatureLine("2026-11-27T14:35:22+07:00", "CONSENT_REFUSED", "sign.hash", ""));
    }

    @Test
    void pageTextCannotFakeLinesOrDirection() {
        assertEquals("a  b c", PromptWindow.untrusted("a\r\nb\u202Ec", 100));
        assertEquals("abcd…", PromptWindow.untrusted("abcdefgh", 5));
        assertEquals("", PromptWindow.untrusted(null, 5));
    }
}
