package vn.kyso.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.Test;

import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;

/** What the picker shows about a certificate before the person picks it: CA or not, valid now, readable names. */
class CertificateEntryTest {

    private static final TestPki PKI = TestEnvironment.shared().pki();
    private static final TokenInfo TOKEN = new TokenInfo("t", "VGCA Token", "SoftHSM", "v2", "1", Path.of("lib"), 0,
            TokenFlags.of(0));

    private static CertificateEntry entry(String alias) {
        return TokenInventory.entry(TOKEN, PKI.get(alias).certificate(), new byte[] {1}, alias, Set.of());
    }

    @Test
    void subCaAndRootCaStoredOnATokenAreMarkedAndNeverOfferedForSigning() {
        Instant now = Instant.now();
        for (String alias : new String[] {TestPki.ROOT, TestPki.INTERMEDIATE}) {
            CertificateEntry ca = entry(alias);
            assertTrue(ca.ca(), alias);
            assertFalse(ca.offeredForSigning(now), alias);
        }
        CertificateEntry an = entry(TestPki.PERSONAL_AN);
        assertFalse(an.ca());
        assertTrue(an.offeredForSigning(now));
        assertFalse(entry(TestPki.ORGANISATION).ca());
    }

    @Test
    void expiredAndNotYetValidAreMarkedBeforePicking() {
        Instant now = Instant.now();
        assertEquals(CertificateEntry.Validity.EXPIRED, entry(TestPki.EXPIRED).validity(now));
        assertEquals(CertificateEntry.Validity.NOT_YET_VALID, entry(TestPki.NOT_YET_VALID).validity(now));
        assertEquals(CertificateEntry.Validity.VALID, entry(TestPki.PERSONAL_AN).validity(now));
        assertFalse(entry(TestPki.EXPIRED).offeredForSigning(now));
    }

    @Test
    void namesReadAsTextWithoutOidsOrHex() {
        CertificateEntry an = entry(TestPki.PERSONAL_AN);
        assertTrue(an.subject().contains("E="), an.subject());
        assertTrue(an.subject().contains("CN=Nguyễn Văn An"), an.subject());
        assertFalse(an.subject().contains("#") || an.subject().contains("1.2.840.113549"), an.subject());
        assertEquals("E=an@hue.gov.vn,T=Phó Chủ tịch,SERIALNUMBER=CCCD:001,CN=Nguyễn Văn An,C=VN",
                DistinguishedNames.readable(new X500Principal(
                        "EMAILADDRESS=an@hue.gov.vn, T=Phó Chủ tịch, SERIALNUMBER=CCCD:001, CN=Nguyễn Văn An, C=VN")));
    }
}
