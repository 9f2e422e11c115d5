package vn.kyso.token.bench;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_RSA_PKCS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PRIVATE_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_CRYPTOKI_ALREADY_INITIALIZED;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;

import vn.kyso.testpki.SoftHsmFixture;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;
import vn.kyso.token.CertificateEntry;
import vn.kyso.token.SignatureAlgorithm;
import vn.kyso.token.TokenManager;
import vn.kyso.token.TokenManagerConfig;

/**
 * Raw C_Sign through the wrapper (the baseline) against {@code TokenManager.sign} (lock, login check, key lookup,
 * DigestInfo, self-check), same key, same SoftHSM2 token, same JVM, interleaved rounds. Prints medians and ratios.
 *
 * <p>Run: {@code scripts/bench.sh token} (a benchmark, not a timed test: excluded from the normal test run).
 */
@Tag("benchmark")
class TokenLayerBenchmark {

    private static final int ROUNDS = 7;
    private static final int PER_ROUND = 300;

    @Test
    void layerOverheadAgainstRawCSign() throws Exception {
        TestEnvironment env = TestEnvironment.shared();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("benchmark".getBytes());
        byte[] digestInfo = HexFormat.of().parseHex("3031300d060960864801650304020105000420");
        digestInfo = Arrays.copyOf(digestInfo, digestInfo.length + 32);
        System.arraycopy(digest, 0, digestInfo, 19, 32);

        try (TokenManager manager = TokenManager.open(TokenManagerConfig.of(List.of(env.softHsm().library())))) {
            String certId = manager.certificates().stream()
                    .filter(c -> c.label().equals(TestPki.PERSONAL_AN)).map(CertificateEntry::id).findFirst()
                    .orElseThrow();
            manager.sign(certId, digest, SignatureAlgorithm.RSA_PKCS1_SHA256,
                    r -> Optional.of(SoftHsmFixture.USER_PIN.toCharArray()));

            PKCS11Module raw = PKCS11Module.getInstance(env.softHsm().library().toString());
            try {
                raw.initialize();
            } catch (PKCS11Exception e) {
                if (e.getErrorCode() != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
                    throw e;
                }
            }
            Slot slot = Arrays.stream(raw.getSlotList(true)).filter(s -> {
                try {
                    return s.getToken().getTokenInfo().getLabel().trim().equals(SoftHsmFixture.PERSONAL_TOKEN.label());
                } catch (Exception e) {
                    return false;
                }
            }).findFirst().orElseThrow();
            Session session = slot.getToken().openSession(false);
            // the manager already logged the token in: login state is per application, shared by sessions
            long key = session.findObjectsSingle(new AttributeVector().class_(CKO_PRIVATE_KEY).label(TestPki.PERSONAL_AN), 1)[0];
            Mechanism mechanism = new Mechanism(CKM_RSA_PKCS);
            final byte[] input = digestInfo;

            for (int i = 0; i < 200; i++) { // warm-up of both paths
                session.signSingle(mechanism, key, input);
                manager.sign(certId, digest, SignatureAlgorithm.RSA_PKCS1_SHA256, r -> Optional.empty());
            }
            long[] rawNanos = new long[ROUNDS];
            long[] layerNanos = new long[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < PER_ROUND; i++) {
                    session.signSingle(mechanism, key, input);
                }
                rawNanos[round] = (System.nanoTime() - t0) / PER_ROUND;
                long t1 = System.nanoTime();
                for (int i = 0; i < PER_ROUND; i++) {
                    manager.sign(certId, digest, SignatureAlgorithm.RSA_PKCS1_SHA256, r -> Optional.empty());
                }
                layerNanos[round] = (System.nanoTime() - t1) / PER_ROUND;
            }
            // 100 signatures in a row with one login, as a batch of the layer vs raw
            long t2 = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                session.signSingle(mechanism, key, input);
            }
            long raw100 = System.nanoTime() - t2;
            List<byte[]> hundred = java.util.Collections.nCopies(100, digest);
            long t3 = System.nanoTime();
            manager.signAll(certId, hundred, SignatureAlgorithm.RSA_PKCS1_SHA256, r -> Optional.empty());
            long layer100 = System.nanoTime() - t3;
            session.closeSession();

            double rawMedian = median(rawNanos) / 1000.0;
            double layerMedian = median(layerNanos) / 1000.0;
            System.out.printf("%n== Token layer benchmark (SoftHSM2, RSA-2048, PKCS#1 v1.5, %d rounds x %d) ==%n",
                    ROUNDS, PER_ROUND);
            System.out.printf("raw C_Sign (baseline):        median %8.1f µs/signature%n", rawMedian);
            System.out.printf("TokenManager.sign:            median %8.1f µs/signature%n", layerMedian);
            System.out.printf("layer / raw time ratio:       %.3f  (overhead %+.1f%%, target <= +10%%)%n",
                    layerMedian / rawMedian, (layerMedian / rawMedian - 1) * 100);
            double rawRate = 100 / (raw100 / 1e9);
            double layerRate = 100 / (layer100 / 1e9);
            System.out.printf("100 signatures, one login:    raw %.0f/s, layer %.0f/s, layer/raw rate %.3f (target >= 0.90)%n",
                    rawRate, layerRate, layerRate / rawRate);
        }
    }

    private static double median(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }
}
