package vn.kyso.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.errors.KysoException;
import vn.kyso.testkit.PkiServicesExtension;
import vn.kyso.testpki.TestPki;

class TrustStoreTest {

    private static final String ROOT_G2 = "F04BA4B459A7C9A1B971AD9B1CB833E695A80C79AEA63B174B66A70EDFE2FDB8";
    private static final String NHA_NUOC_G2 = "D8CAB7A4AEF92E6BB2509D7C61CEE7B44F3731B2D21074963530277B366FAE4B";
    private static final String NEAC = "BAC8BF609AB420A8EE1780D74F4DE5C7F7184959D2A7375B0A75E4C29F0908E7";

    @RegisterExtension
    static final PkiServicesExtension PKI = PkiServicesExtension.fresh();

    private static InputStream bundled(String name) {
        return TrustStore.class.getResourceAsStream("/vn/kyso/pki/trust/" + name);
    }

    @Test
    void loadsTheThreeRealCertificatesAndTheirPinsMatch() throws Exception {
        TrustStore store = TrustStore.withBundledRoots();

        Set<String> anchors = store.anchors().stream().map(TrustStore::sha256).collect(Collectors.toSet());
        assertEquals(Set.of(ROOT_G2, NEAC), anchors);
        assertEquals(2, store.trustAnchors().size());
        assertEquals(1, store.knownIntermediates().size());
        X509Certificate intermediate = store.knownIntermediates().get(0);
        assertEquals(NHA_NUOC_G2, TrustStore.sha256(intermediate));
        X509Certificate rootG2 = store.anchors().stream().filter(c -> TrustStore.sha256(c).equals(ROOT_G2))
                .findFirst().orElseThrow();
        intermediate.verify(rootG2.getPublicKey()); // the bundled intermediate really chains to the bundled root
        assertTrue(store.isTrusted(rootG2));
        assertFalse(store.isTrusted(intermediate));
        assertFalse(store.isTrusted(PKI.pki().root()));
    }

    @Test
    void aWrongPinIsRefused() {
        Map<String, String> pins = new LinkedHashMap<>(TrustStore.BUNDLED_PINS);
        pins.put("vgca-rootca-g2.pem", ROOT_G2.replace('F', 'E'));

        KysoException e = assertThrows(KysoException.class,
                () -> TrustStore.fromPinnedResources(pins, TrustStoreTest::bundled));
        assertEquals(PkiError.TRUST_ANCHOR_INVALID, e.errorCode());
    }

    @Test
    void aSwappedFileIsRefused() {
        // Someone replaced the G2 root file with another (here: the test root) but left the pin alone.
        String testRootPem = TestPki.pem(PKI.pki().root());
        TrustStore.ResourceSource swapped = name -> name.equals("vgca-rootca-g2.pem")
                ? new java.io.ByteArrayInputStream(testRootPem.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                : bundled(name);

        KysoException e = assertThrows(KysoException.class,
                () -> TrustStore.fromPinnedResources(TrustStore.BUNDLED_PINS, swapped));
        assertEquals(PkiError.TRUST_ANCHOR_INVALID, e.errorCode());
        assertTrue(e.messageVi().contains("vgca-rootca-g2.pem"), e.messageVi());
    }

    @Test
    void adminDirectoryAddsTheRootAndReportsTheNonCaCertificate(@TempDir Path dir) throws Exception {
        TestPki pki = PKI.pki();
        Files.writeString(dir.resolve("test-root.pem"), TestPki.pem(pki.root()));
        Files.write(dir.resolve("an.cer"), pki.get(TestPki.PERSONAL_AN).certificate().getEncoded());
        Files.writeString(dir.resolve("readme.txt"), "not a certificate, and not looked at");
        TrustStore store = TrustStore.withBundledRoots();

        TrustStore.DirectoryImport result = store.addDirectory(dir);

        assertEquals(java.util.List.of(pki.root()), result.added());
        assertEquals(1, result.rejected().size());
        assertEquals(dir.resolve("an.cer"), result.rejected().get(0).file());
        assertEquals(3, store.anchors().size());
        assertTrue(store.isTrusted(pki.root()));
        assertFalse(store.isTrusted(pki.get(TestPki.UNKNOWN_ROOT).certificate()));
    }

    @Test
    void addingANonRootInCodeIsRefused() {
        TrustStore store = TrustStore.empty();
        store.add(PKI.pki().root());

        KysoException e = assertThrows(KysoException.class, () -> store.add(PKI.pki().intermediate()));
        assertEquals(PkiError.TRUST_ANCHOR_INVALID, e.errorCode());
        assertEquals(1, store.anchors().size());
    }
}
