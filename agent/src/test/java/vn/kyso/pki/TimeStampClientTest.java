package vn.kyso.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;

import org.bouncycastle.tsp.TimeStampRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import vn.kyso.errors.KysoException;
import vn.kyso.testkit.PkiServicesExtension;
import vn.kyso.testpki.PkiServices;
import vn.kyso.testpki.TestPki;
import vn.kyso.token.DigestAlgorithm;

class TimeStampClientTest {

    @RegisterExtension
    static final PkiServicesExtension PKI = PkiServicesExtension.fresh();
    private static HttpFetcher http;
    private static TimeStampClient client;

    @BeforeAll
    static void start() throws Exception {
        http = HttpFetcher.withDefaults();
        client = new TimeStampClient(http, URI.create(PKI.services().urls().tsa()));
    }

    private static byte[] sha256(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void tokenForSha256DigestValidatesAndCarriesTheCurrentTime() throws Exception {
        byte[] digest = sha256("Quyết định số 12/QĐ-SKHCN");
        TimeStamp stamp = client.timestamp(DigestAlgorithm.SHA256, digest);

        assertArrayEquals(digest, stamp.token().getTimeStampInfo().getMessageImprintDigest());
        assertTrue(Duration.between(stamp.time(), Instant.now()).abs().getSeconds() < 60, "time " + stamp.time());
        assertEquals(PKI.pki().get(TestPki.TSA).certificate(), stamp.tsaCertificate());
        assertArrayEquals(stamp.token().getEncoded(), stamp.encoded());
    }

    @Test
    void tsaSwitchedOffIsUnavailable() throws Exception {
        PKI.services().setAvailable(PkiServices.Service.TSA, false);
        try {
            KysoException e = assertThrows(KysoException.class,
                    () -> client.timestamp(DigestAlgorithm.SHA256, sha256("x")));
            assertEquals(PkiError.TSA_UNAVAILABLE, e.errorCode());
        } finally {
            PKI.services().setAvailable(PkiServices.Service.TSA, true);
        }
    }

    @Test
    void replyForAnotherDigestIsRejected() throws Exception {
        TimeStampRequest asked = client.newRequest(DigestAlgorithm.SHA256, sha256("văn bản A"));
        TimeStampRequest other = client.newRequest(DigestAlgorithm.SHA256, sha256("văn bản B"));
        byte[] otherReply = http.post(URI.create(PKI.services().urls().tsa()), "application/timestamp-query",
                other.getEncoded());
        client.validate(other, otherReply); // the reply is fine for its own request...

        KysoException e = assertThrows(KysoException.class, () -> client.validate(asked, otherReply));
        assertEquals(PkiError.TSA_RESPONSE_INVALID, e.errorCode());
    }

    @Test
    void replyWithAFlippedSignatureByteIsRejected() throws Exception {
        TimeStampRequest request = client.newRequest(DigestAlgorithm.SHA256, sha256("văn bản C"));
        byte[] reply = http.post(URI.create(PKI.services().urls().tsa()), "application/timestamp-query",
                request.getEncoded());
        byte[] signature = client.validate(request, reply).token().toCMSSignedData().getSignerInfos()
                .getSigners().iterator().next().getSignature();
        int at = indexOf(reply, signature);
        assertTrue(at > 0);
        reply[at + signature.length / 2] ^= 0x01;

        KysoException e = assertThrows(KysoException.class, () -> client.validate(request, reply));
        assertEquals(PkiError.TSA_RESPONSE_INVALID, e.errorCode());
    }

    @Test
    void aChangedTokenIsRefusedAlthoughItsTsaCertificateWasCheckedBefore() throws Exception {
        TimeStampRequest good = client.newRequest(DigestAlgorithm.SHA256, sha256("văn bản D"));
        client.validate(good, http.post(URI.create(PKI.services().urls().tsa()), "application/timestamp-query",
                good.getEncoded())); // the TSA's certificate is now remembered
        TimeStampRequest request = client.newRequest(DigestAlgorithm.SHA256, sha256("văn bản E"));
        byte[] reply = http.post(URI.create(PKI.services().urls().tsa()), "application/timestamp-query",
                request.getEncoded());
        TimeStamp stamp = client.validate(request, reply);
        byte[] genTime = stamp.token().getTimeStampInfo().toASN1Structure().getGenTime().getEncoded();
        int at = indexOf(reply, genTime);
        assertTrue(at > 0);
        reply[at + genTime.length - 3] ^= 0x01; // a signed attribute of the token: the time it asserts

        KysoException e = assertThrows(KysoException.class, () -> client.validate(request, reply));
        assertEquals(PkiError.TSA_RESPONSE_INVALID, e.errorCode());
    }

    @Test
    void digestOfTheWrongLengthIsRefusedBeforeAnyRequest() {
        int before = PKI.services().requestCount(PkiServices.Service.TSA);
        assertThrows(IllegalArgumentException.class, () -> client.timestamp(DigestAlgorithm.SHA384, new byte[32]));
        assertEquals(before, PKI.services().requestCount(PkiServices.Service.TSA));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
