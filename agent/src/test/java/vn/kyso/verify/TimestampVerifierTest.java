package vn.kyso.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import vn.kyso.pki.CrlClient;
import vn.kyso.pki.HttpFetcher;
import vn.kyso.pki.OcspClient;
import vn.kyso.pki.TimeStamp;
import vn.kyso.pki.TimeStampClient;
import vn.kyso.pki.TrustStore;
import vn.kyso.testkit.PkiServicesExtension;
import vn.kyso.token.DigestAlgorithm;

/**
 * {@link TimestampVerifier} remembers the verifier of a TSA certificate's key by the certificate's exact value: a
 * later token of the same TSA is still checked on its own (a changed signature byte is refused), and a token
 * carrying a certificate changed in one byte gets no verifier made for the genuine one (its ESSCertID no longer
 * matches: refused).
 */
class TimestampVerifierTest {

    @RegisterExtension
    static final PkiServicesExtension PKI = PkiServicesExtension.fresh();

    @Test
    void aRememberedTsaVerifierStillChecksEveryTokenAndOnlyItsOwnCertificate() throws Exception {
        TimestampVerifier verifier = verifier();
        byte[] data = "văn bản được gắn dấu thời gian".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        TimeStamp stamp = new TimeStampClient(HttpFetcher.withDefaults(), URI.create(PKI.pki().urls().tsa()))
                .timestamp(DigestAlgorithm.SHA256, MessageDigest.getInstance("SHA-256").digest(data));
        byte[] good = stamp.encoded();

        // twice: the second time with the remembered verifier
        for (int i = 0; i < 2; i++) {
            TimestampVerifier.Verified verified = verifier.verify(token(good), data, List.of(),
                    EmbeddedEvidence.empty());
            assertEquals(stamp.tsaCertificate(), verified.tsaCertificate());
        }

        byte[] signature = token(good).toCMSSignedData().getSignerInfos().iterator().next().getSignature();
        byte[] badSignature = good.clone();
        badSignature[indexOf(good, signature) + signature.length - 1] ^= 0x01;
        VerificationFailure refused = assertThrows(VerificationFailure.class,
                () -> verifier.verify(token(badSignature), data, List.of(), EmbeddedEvidence.empty()));
        assertEquals(SubIndication.TIMESTAMP_INVALID, refused.subIndication(), refused.reason());

        byte[] certificateSignature = stamp.tsaCertificate().getSignature();
        byte[] otherCertificate = good.clone();
        otherCertificate[indexOf(good, certificateSignature) + certificateSignature.length - 1] ^= 0x01;
        refused = assertThrows(VerificationFailure.class,
                () -> verifier.verify(token(otherCertificate), data, List.of(), EmbeddedEvidence.empty()));
        assertEquals(SubIndication.TIMESTAMP_INVALID, refused.subIndication(), refused.reason());

        // and the genuine token is still good
        assertEquals(stamp.tsaCertificate(),
                verifier.verify(token(good), data, List.of(), EmbeddedEvidence.empty()).tsaCertificate());
    }

    private static TimestampVerifier verifier() {
        TrustStore trust = TrustStore.empty();
        trust.add(PKI.pki().root());
        HttpFetcher http = HttpFetcher.withDefaults();
        VerifierSettings settings = new VerifierSettings(trust, http, new OcspClient(http), new CrlClient(http),
                Clock.systemUTC(), true, Duration.ofMinutes(10));
        return new TimestampVerifier(settings, new ChainBuilder(trust, http, true));
    }

    private static TimeStampToken token(byte[] encoded) throws Exception {
        return new TimeStampToken(new CMSSignedData(encoded));
    }

    private static int indexOf(byte[] data, byte[] part) {
        for (int i = 0; i + part.length <= data.length; i++) {
            if (java.util.Arrays.equals(data, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
