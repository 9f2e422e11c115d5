package vn.kyso.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import vn.kyso.pki.TrustStore;
import vn.kyso.testkit.PkiServicesExtension;
import vn.kyso.testpki.TestPki;

/**
 * {@link SignedRanges}: the digest of each signature's byte ranges from one shared pass is the digest of those
 * bytes, whichever signature asks first and from whichever thread; it is given only for the ranges it was made for;
 * and a verification still refuses every signature whose ranges hold a changed byte, and a gap with a non-hex byte.
 */
class SignedRangesTest {

    @RegisterExtension
    static final PkiServicesExtension PKI = PkiServicesExtension.fresh();

    private static final AlgorithmIdentifier SHA256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);

    /** Three nested revisions of a 300 KB file, as three signatures write them. */
    private static final List<long[]> RANGES = List.of(new long[] {0, 50_000, 90_000, 800},
            new long[] {0, 110_000, 150_000, 900}, new long[] {0, 170_000, 210_000, 90_000});

    @Test
    void eachDigestIsTheDigestOfItsOwnBytesInAnyOrder() throws Exception {
        byte[] file = random(300_000, 1);
        for (List<Integer> order : List.of(List.of(0, 1, 2), List.of(2, 1, 0), List.of(1, 2, 0), List.of(2, 0, 1))) {
            SignedRanges ranges = new SignedRanges(file, RANGES, List.of());
            for (int i : order) {
                assertArrayEquals(plain("SHA-256", file, RANGES.get(i)), ranges.digest(SHA256, RANGES.get(i)),
                        "signature " + i + " in order " + order);
            }
            // asked again: the same
            assertArrayEquals(plain("SHA-256", file, RANGES.get(0)), ranges.digest(SHA256, RANGES.get(0)));
        }
        SignedRanges ranges = new SignedRanges(file, RANGES, List.of());
        AlgorithmIdentifier sha512 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha512);
        assertArrayEquals(plain("SHA-512", file, RANGES.get(1)), ranges.digest(sha512, RANGES.get(1)));
        assertArrayEquals(plain("SHA-256", file, RANGES.get(1)), ranges.digest(SHA256, RANGES.get(1)));
    }

    @Test
    void signaturesCheckedSideBySideGetTheirOwnDigests() throws Exception {
        byte[] file = random(300_000, 2);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 20; round++) {
                SignedRanges ranges = new SignedRanges(file, RANGES, List.of());
                List<Future<byte[]>> digests = new ArrayList<>();
                for (long[] range : RANGES) {
                    digests.add(threads.submit(() -> ranges.digest(SHA256, range)));
                }
                for (int i = 0; i < RANGES.size(); i++) {
                    assertArrayEquals(plain("SHA-256", file, RANGES.get(i)), digests.get(i).get());
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void noDigestForRangesOrAlgorithmsItWasNotMadeFor() {
        byte[] file = random(300_000, 3);
        SignedRanges ranges = new SignedRanges(file, RANGES, List.of(new long[] {50_000, 90_000}));
        assertNull(ranges.digest(SHA256, new long[] {0, 50_001, 90_000, 800}), "a prefix no signature has");
        assertNull(ranges.digest(SHA256, new long[] {0, 50_000, 290_000, 20_000}), "past the end of the file");
        assertNull(ranges.digest(SHA256, new long[] {0, 50_000, 90_000}), "three numbers");
        assertNull(ranges.digest(new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1), RANGES.get(0)), "SHA-1");
        assertTrue(ranges.hexDigitsOnly(50_000, 90_000));
        assertFalse(ranges.hexDigitsOnly(50_000, 89_999), "another extent is other bytes");
        assertFalse(ranges.hexDigitsOnly(110_000, 150_000), "a gap the parse did not read as hex digits only");
    }

    @Test
    void aChangedByteInTheSharedFirstRevisionFailsEverySignature() throws Exception {
        byte[] document = threeSignatures();
        List<long[]> ranges = byteRanges(document);
        assertEquals(3, ranges.size());
        int at = PdfSignatureVerifierTest.indexOf(document, "Quyet dinh so 12");
        assertTrue(at < ranges.get(0)[1], "inside every signature's first range");
        document[at] = 'X';

        DocumentReport report = verifier().verify(document);

        for (SignatureReport signature : report.signatures()) {
            assertEquals(SubIndication.HASH_FAILURE, signature.subIndication(), ReportJson.toJson(report));
        }
    }

    @Test
    void aChangedByteAfterTheFirstRevisionFailsOnlyTheSignaturesCoveringIt() throws Exception {
        byte[] document = threeSignatures();
        List<long[]> ranges = byteRanges(document);
        long firstEnd = ranges.get(0)[2] + ranges.get(0)[3];
        // a digit of a date written in the second signature's revision, before its own gap: in the first ranges of
        // signatures 2 and 3 only
        int at = indexOfFrom(document, "(D:", (int) firstEnd) + 5;
        assertTrue(at < ranges.get(1)[1]);
        document[at] = (byte) (document[at] == '9' ? '8' : document[at] + 1);

        DocumentReport report = verifier().verify(document);

        assertNotEquals(SubIndication.HASH_FAILURE, report.signatures().get(0).subIndication(),
                ReportJson.toJson(report));
        assertEquals(SubIndication.HASH_FAILURE, report.signatures().get(1).subIndication(), ReportJson.toJson(report));
        assertEquals(SubIndication.HASH_FAILURE, report.signatures().get(2).subIndication(), ReportJson.toJson(report));
    }

    @Test
    void aNonHexByteInAGapIsStillRefused() throws Exception {
        byte[] document = threeSignatures();
        List<long[]> ranges = byteRanges(document);
        int gapEnd = (int) ranges.get(1)[2];
        assertEquals('0', document[gapEnd - 2], "the padding of the second signature's /Contents");
        document[gapEnd - 2] = 'x';

        DocumentReport report = verifier().verify(document);

        SignatureReport second = report.signatures().get(1);
        assertEquals(SubIndication.FORMAT_FAILURE, second.subIndication(), ReportJson.toJson(report));
        assertTrue(second.reason().contains("non-hex"), second.reason());
        assertEquals(SubIndication.HASH_FAILURE, report.signatures().get(2).subIndication());
    }

    private static byte[] threeSignatures() throws Exception {
        byte[] document = TestPdfSigner.blankPdf("Quyet dinh so 12/QD-SKHCN");
        for (String alias : List.of(TestPki.PERSONAL_AN, TestPki.PERSONAL_BINH, TestPki.ORGANISATION)) {
            var identity = PKI.pki().get(alias);
            document = TestPdfSigner.sign(document, identity, TestPdfSigner.Options.of(identity,
                    PKI.pki().urls().tsa()));
        }
        return document;
    }

    private static PdfSignatureVerifier verifier() {
        TrustStore trust = TrustStore.empty();
        trust.add(PKI.pki().root());
        return PdfSignatureVerifier.builder(trust).build();
    }

    /** Each /ByteRange written in the file, in file order. */
    private static List<long[]> byteRanges(byte[] document) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile(
                "/ByteRange\\s*\\[\\s*(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s*\\]")
                .matcher(new String(document, java.nio.charset.StandardCharsets.ISO_8859_1));
        List<long[]> ranges = new ArrayList<>();
        while (matcher.find()) {
            ranges.add(new long[] {Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)),
                Long.parseLong(matcher.group(3)), Long.parseLong(matcher.group(4))});
        }
        return ranges;
    }

    private static int indexOfFrom(byte[] data, String needle, int from) {
        int at = new String(data, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf(needle, from);
        assertTrue(at > 0, "not found: " + needle);
        return at;
    }

    private static byte[] plain(String algorithm, byte[] file, long[] range) throws Exception {
        MessageDigest digest = MessageDigest.getInstance(algorithm);
        digest.update(file, 0, (int) range[1]);
        digest.update(file, (int) range[2], (int) range[3]);
        return digest.digest();
    }

    private static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return Arrays.copyOf(bytes, length);
    }
}
