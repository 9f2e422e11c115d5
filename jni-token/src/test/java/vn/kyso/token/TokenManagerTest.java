package vn.kyso.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.kyso.errors.KysoException;
import vn.kyso.testpki.SoftHsmFixture;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;

/** The token layer against real SoftHSM2 tokens. */
class TokenManagerTest {

    private static TestEnvironment env;
    private TokenManager manager;

    @BeforeAll
    static void tokens() {
        env = TestEnvironment.shared();
    }

    @AfterEach
    void close() {
        if (manager != null) {
            manager.close();
        }
    }

    private TokenManager open(TokenManagerConfig config) {
        manager = TokenManager.open(config);
        return manager;
    }

    private TokenManager open() {
        return open(TokenManagerConfig.of(List.of(env.softHsm().library())));
    }

    private CertificateEntry cert(String alias) {
        String fingerprint = TokenInventory.fingerprint(env.pki().get(alias).certificate());
        return manager.certificates().stream().filter(c -> c.id().equals(fingerprint)).findFirst().orElseThrow();
    }

    private static byte[] sha(String algorithm, String text) throws Exception {
        return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void listsEveryTokenAndCertificateWithTheirFlags() {
        open();
        assertEquals(1, manager.drivers().size());
        assertTrue(manager.drivers().get(0).loaded(), manager.drivers().toString());
        Set<String> labels = manager.tokens().stream().map(TokenInfo::label).collect(Collectors.toSet());
        for (SoftHsmFixture.TokenSpec spec : SoftHsmFixture.STANDARD_TOKENS) {
            assertTrue(labels.contains(spec.label()), labels.toString());
        }
        TokenInfo personal = manager.tokens().stream()
                .filter(t -> t.label().equals(SoftHsmFixture.PERSONAL_TOKEN.label())).findFirst().orElseThrow();
        assertTrue(personal.flags().loginRequired());
        assertFalse(personal.flags().pinLocked());
        assertFalse(personal.serial().isBlank());

        CertificateEntry an = cert(TestPki.PERSONAL_AN);
        assertEquals(personal.id(), an.tokenId());
        assertEquals("RSA", an.keyAlgorithm());
        assertEquals(2048, an.keyBits());
        assertTrue(an.keyUsage().containsAll(List.of("digitalSignature", "nonRepudiation")), an.keyUsage().toString());
        assertTrue(an.subject().contains("Nguyễn Văn An"), an.subject());
        assertEquals(CertificateEntry.PrivateKeyState.UNKNOWN_UNTIL_LOGIN, an.privateKey());
        assertTrue(an.algorithms().containsAll(List.of(SignatureAlgorithm.RSA_PKCS1_SHA256,
                SignatureAlgorithm.RSA_PSS_SHA256)), an.algorithms().toString());
        CertificateEntry cuong = cert(TestPki.PERSONAL_CUONG);
        assertEquals("EC", cuong.keyAlgorithm());
        assertEquals(256, cuong.keyBits());
        assertEquals(List.of(SignatureAlgorithm.ECDSA_SHA256, SignatureAlgorithm.ECDSA_SHA384,
                SignatureAlgorithm.ECDSA_SHA512), cuong.algorithms());
        // org-skhcn sits on two tokens: two entries, same stable certificate id, different tokens
        String orgId = TokenInventory.fingerprint(env.pki().get(TestPki.ORGANISATION).certificate());
        assertEquals(2, manager.certificates().stream().filter(c -> c.id().equals(orgId)).count());
    }

    @Test
    void identifiersSurviveReopening() {
        open();
        List<String> tokenIds = manager.tokens().stream().map(TokenInfo::id).toList();
        List<String> certIds = manager.certificates().stream().map(CertificateEntry::id).toList();
        manager.close();
        open();
        assertEquals(tokenIds, manager.tokens().stream().map(TokenInfo::id).toList());
        assertEquals(certIds, manager.certificates().stream().map(CertificateEntry::id).toList());
    }

    @Test
    void signsWithEveryAlgorithmAndTheSignaturesVerify() throws Exception {
        open();
        ScriptedPin pin = ScriptedPin.answering(SoftHsmFixture.USER_PIN);
        String text = "Quyết định phê duyệt";
        CertificateEntry an = cert(TestPki.PERSONAL_AN);
        for (SignatureAlgorithm algorithm : List.of(SignatureAlgorithm.RSA_PKCS1_SHA256,
                SignatureAlgorithm.RSA_PKCS1_SHA384, SignatureAlgorithm.RSA_PKCS1_SHA512,
                SignatureAlgorithm.RSA_PSS_SHA256, SignatureAlgorithm.RSA_PSS_SHA512)) {
            byte[] signature = manager.sign(an.id(), sha(algorithm.digest().jcaName(), text), algorithm, pin);
            Signature verifier = Signature.getInstance(algorithm.scheme() == SignatureAlgorithm.Scheme.PSS
                    ? "RSASSA-PSS" : algorithm.jcaName());
            if (algorithm.scheme() == SignatureAlgorithm.Scheme.PSS) {
                String md = algorithm.digest().jcaName();
                verifier.setParameter(new PSSParameterSpec(md, "MGF1", new MGF1ParameterSpec(md),
                        algorithm.digest().length(), 1));
            }
            verifier.initVerify(an.certificate().getPublicKey());
            verifier.update(text.getBytes(StandardCharsets.UTF_8));
            assertTrue(verifier.verify(signature), algorithm + " must verify with the JCA");
        }
        CertificateEntry binh = cert(TestPki.PERSONAL_BINH);
        byte[] rsa3072 = manager.sign(binh.id(), sha("SHA-256", text), SignatureAlgorithm.RSA_PKCS1_SHA256, pin);
        assertEquals(384, rsa3072.length);
        CertificateEntry cuong = cert(TestPki.PERSONAL_CUONG);
        byte[] ecdsa = manager.sign(cuong.id(), sha("SHA-256", text), SignatureAlgorithm.ECDSA_SHA256, pin);
        assertEquals(0x30, ecdsa[0] & 0xff, "ECDSA must come back DER-encoded");
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(cuong.certificate().getPublicKey());
        verifier.update(text.getBytes(StandardCharsets.UTF_8));
        assertTrue(verifier.verify(ecdsa));
        // one PIN per token under the default policy: An's token once, the multi token once
        assertEquals(2, pin.calls());
        assertTrue(pin.allWiped(), "PIN arrays must be wiped after use");
        assertEquals(CertificateEntry.PrivateKeyState.FOUND, cert(TestPki.PERSONAL_AN).privateKey());
    }

    @Test
    void wrongPinIsReportedAndNeverRetried() throws Exception {
        open();
        ScriptedPin wrong = ScriptedPin.answering("000000");
        CertificateEntry an = cert(TestPki.PERSONAL_AN);
        KysoException e = assertThrows(KysoException.class,
                () -> manager.sign(an.id(), sha("SHA-256", "x"), SignatureAlgorithm.RSA_PKCS1_SHA256, wrong));
        assertEquals("PIN_INCORRECT", e.code());
        assertEquals(1, wrong.calls(), "the prompt must be asked exactly once: no automatic retry");
        assertTrue(e.messageVi().contains("PIN"));
        assertTrue(wrong.allWiped());
        // the next request asks again, and a right PIN works
        ScriptedPin right = ScriptedPin.answering(SoftHsmFixture.USER_PIN);
        manager.sign(an.id(), sha("SHA-256", "x"), SignatureAlgorithm.RSA_PKCS1_SHA256, right);
        assertEquals(1, right.calls());
    }

    @Test
    void cancelledPromptSignsNothing() throws Exception {
        open();
        CertificateEntry an = cert(TestPki.PERSONAL_AN);
        KysoException e = assertThrows(KysoException.class, () -> manager.sign(an.id(), sha("SHA-256", "x"),
                SignatureAlgorithm.RSA_PKCS1_SHA256, ScriptedPin.cancelling()));
        assertEquals("PIN_CANCELLED", e.code());
        assertFalse(manager.isLoggedIn(an.tokenId()));
    }

    @Test
    void promptShowsTokenAndCertificate() throws Exception {
        open();
        ScriptedPin pin = ScriptedPin.answering(SoftHsmFixture.USER_PIN);
        CertificateEntry an = cert(TestPki.PERSONAL_AN);
        manager.sign(an.id(), sha("SHA-256", "x"), SignatureAlgorithm.RSA_PKCS1_SHA256, pin);
        PinRequest request = pin.requests().get(0);
        assertEquals(SoftHsmFixture.PERSONAL_TOKEN.label(), request.token().label());
        assertTrue(request.certificateSubject().contains("Nguyễn Văn An"));
        assertEquals(PinRequest.Purpose.LOGIN, request.purpose());
        assertEquals(PinRequest.Warning.NONE, request.warning());
    }

    @Test
    void everySignaturePolicyAsksEachTimeButBatchAsksOnce() throws Exception {
        open(TokenManagerConfig.of(List.of(env.softHsm().library())).withLoginPolicy(LoginPolicy.everySignature()));
        ScriptedPin pin = ScriptedPin.answering(SoftHsmFixture.USER_PIN);
        CertificateEntry an = cert(TestPki.PERSONAL_AN);
        manager.sign(an.id(), sha("SHA-256", "a"), SignatureAlgorithm.RSA_PKCS1_SHA256, pin);
        assertFalse(manager.isLoggedIn(an.tokenId()));
        manager.sign(an.id(), sha("SHA-256", "b"), SignatureAlgorithm.RSA_PKCS1_SHA256, pin);
        assertEquals(2, pin.calls());
        List<byte[]> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(sha("SHA-256", "doc " + i));
        }
        List<Integer> order = new ArrayList<>();
        List<byte[]> handed = new ArrayList<>();
        List<byte[]> signatures = manager.signAll(an.id(), batch, SignatureAlgorithm.RSA_PKCS1_SHA256, pin,
                (index, signature) -> {
                    order.add(index);
                    handed.add(signature);
                });
        assertEquals(5, signatures.size());
        assertEquals(3, pin.calls(), "a batch is one signing act: one PIN");
        // each signature is handed on as it is made, in order, and is the one returned for its digest
        assertEquals(List.of(0, 1, 2, 3, 4), order);
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(signatures.get(i), handed.get(i));
        }
    }

    @Test
    void idlePolicyLogsOutAfterTheTimeout() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T03:00:00Z"));
        open(TokenManagerConfig.of(List.of(env.softHsm().library()))
                .withLoginPolicy(LoginPolicy.idle(Duration.ofMinutes(10))).withClock(clock));
        ScriptedPin pin = ScriptedPin.answering(SoftHsmFixture.USER_PIN);
        CertificateEntry an = cert(TestPki.PERSONAL_AN);
        manager.sign(an.id(), sha("SHA-256", "a"), SignatureAlgorithm.RSA_PKCS1_SHA256, pin);
        clock.advance(Duration.ofMinutes(9));
        manager.sign(an.id(), sha("SHA-256", "b"), SignatureAlgorithm.RSA_PKCS1_SHA256, pin);
        assertEquals(1, pin.calls());
        clock.advance(Duration.ofMinutes(11));
        manager.sign(an.id(), sha("SHA-256", "c"), SignatureAlgorithm.RSA_PKCS1_SHA256, pin);
        assertEquals(2, pin.calls(), "idle longer than the timeout: PIN again");
    }

    @Test
    void logoutEndsTheLogin() throws Exception {
        open();
        ScriptedPin pin = ScriptedPin.answering(SoftHsmFixture.USER_PIN);
        CertificateEntry an = cert(TestPki.PERSONAL_AN);
        manager.sign(an.id(), sha("SHA-256", "a"), SignatureAlgorithm.RSA_PKCS1_SHA256, pin);
        assertTrue(manager.isLoggedIn(an.tokenId()));
        manager.logout(an.tokenId());
        assertFalse(manager.isLoggedIn(an.tokenId()));
        manager.sign(an.id(), sha("SHA-256", "b"), SignatureAlgorithm.RSA_PKCS1_SHA256, pin);
        assertEquals(2, pin.calls());
    }

    @Test
    void refusesWeakOrMismatchedRequests() throws Exception {
        open();
        ScriptedPin pin = ScriptedPin.answering(SoftHsmFixture.USER_PIN);
        KysoException sha1 = assertThrows(KysoException.class, () -> SignatureAlgorithm.parse("SHA1withRSA"));
        assertEquals("ALGORITHM_NOT_ALLOWED", sha1.code());
        assertEquals(SignatureAlgorithm.RSA_PKCS1_SHA256, SignatureAlgorithm.parse("SHA256withRSA"));
        CertificateEntry cuong = cert(TestPki.PERSONAL_CUONG);
        KysoException kind = assertThrows(KysoException.class, () -> manager.sign(cuong.id(), sha("SHA-256", "x"),
                SignatureAlgorithm.RSA_PKCS1_SHA256, pin));
        assertEquals("MECHANISM_UNSUPPORTED", kind.code());
        CertificateEntry an = cert(TestPki.PERSONAL_AN);
        KysoException shortDigest = assertThrows(KysoException.class, () -> manager.sign(an.id(), new byte[20],
                SignatureAlgorithm.RSA_PKCS1_SHA256, pin));
        assertEquals("DIGEST_INVALID", shortDigest.code());
        assertEquals("Invalid digest: SHA-256 must be 32 bytes long.", shortDigest.messageEn());
        KysoException unknown = assertThrows(KysoException.class, () -> manager.sign("00".repeat(32),
                sha("SHA-256", "x"), SignatureAlgorithm.RSA_PKCS1_SHA256, pin));
        assertEquals("CERTIFICATE_NOT_FOUND", unknown.code());
        assertEquals(0, pin.calls(), "nothing may ask for a PIN before the request is known to be sound");
    }

    @Test
    void tenConcurrentSignersOnOneTokenAllSucceedAndTwoTokensRunInParallel() throws Exception {
        open();
        ScriptedPin pin = ScriptedPin.answering(SoftHsmFixture.USER_PIN);
        CertificateEntry an = cert(TestPki.PERSONAL_AN);
        CertificateEntry org = manager.certificates().stream()
                .filter(c -> c.tokenLabel().equals(SoftHsmFixture.ORGANISATION_TOKEN.label())).findFirst().orElseThrow();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                CertificateEntry target = i % 2 == 0 ? an : org;
                byte[] digest = sha("SHA-256", "request " + i);
                Callable<byte[]> job = () -> manager.sign(target.id(), digest, SignatureAlgorithm.RSA_PKCS1_SHA256, pin);
                results.add(pool.submit(job));
            }
            List<byte[]> signatures = new ArrayList<>();
            for (Future<byte[]> f : results) {
                signatures.add(f.get());
            }
            assertEquals(20, signatures.size());
            assertNotEquals(signatures.get(0).length, 0);
            // the fair lock serialises the first login: exactly one PIN per token
            assertEquals(2, pin.calls());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void busyTokenTimesOutInsteadOfHanging() throws Exception {
        open(TokenManagerConfig.of(List.of(env.softHsm().library())).withLockTimeout(Duration.ofMillis(200)));
        CertificateEntry an = cert(TestPki.PERSONAL_AN);
        java.util.concurrent.CountDownLatch promptOpen = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        PinPrompt slowPerson = request -> {
            promptOpen.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return java.util.Optional.of(SoftHsmFixture.USER_PIN.toCharArray());
        };
        Thread first = new Thread(() -> manager.sign(an.id(), new byte[32], SignatureAlgorithm.RSA_PKCS1_SHA256,
                slowPerson));
        first.start();
        promptOpen.await();
        // while the PIN dialog is open, listing still answers at once and a second request times out cleanly
        assertFalse(manager.certificates().isEmpty());
        KysoException busy = assertThrows(KysoException.class, () -> manager.sign(an.id(), new byte[32],
                SignatureAlgorithm.RSA_PKCS1_SHA256, ScriptedPin.answering(SoftHsmFixture.USER_PIN)));
        assertEquals("TOKEN_BUSY", busy.code());
        // and another token is not blocked at all
        CertificateEntry org = manager.certificates().stream()
                .filter(c -> c.tokenLabel().equals(SoftHsmFixture.ORGANISATION_TOKEN.label())).findFirst().orElseThrow();
        manager.sign(org.id(), new byte[32], SignatureAlgorithm.RSA_PKCS1_SHA256,
                ScriptedPin.answering(SoftHsmFixture.USER_PIN));
        release.countDown();
        first.join(5000);
    }

    @Test
    void missingLibraryIsReportedNotFatal() {
        open(TokenManagerConfig.of(List.of(java.nio.file.Path.of("/nonexistent/libnothing.so"),
                env.softHsm().library())));
        assertEquals(2, manager.drivers().size());
        DriverReport bad = manager.drivers().get(0);
        assertFalse(bad.loaded());
        assertFalse(bad.reason().isBlank());
        assertTrue(manager.drivers().get(1).loaded());
        assertFalse(manager.tokens().isEmpty());
    }

    @Test
    void alwaysAuthenticateKeyGetsAContextLoginForEverySigningAct() throws Exception {
        open();
        ScriptedPin pin = ScriptedPin.answering(SoftHsmFixture.USER_PIN);
        CertificateEntry giang = cert(TestPki.PERSONAL_GIANG);
        byte[] first = manager.sign(giang.id(), sha("SHA-256", "a"), SignatureAlgorithm.RSA_PKCS1_SHA256, pin);
        assertEquals(1, pin.calls(), "login and context login of one act share one typed PIN");
        assertTrue(cert(TestPki.PERSONAL_GIANG).alwaysAuthenticate(), "CKA_ALWAYS_AUTHENTICATE is read after login");
        manager.sign(giang.id(), sha("SHA-256", "b"), SignatureAlgorithm.RSA_PKCS1_SHA256, pin);
        assertEquals(2, pin.calls(), "the token is still logged in, but this key wants its PIN for each act");
        assertEquals(PinRequest.Purpose.CONTEXT_SPECIFIC, pin.requests().get(1).purpose());
        manager.signAll(giang.id(), List.of(sha("SHA-256", "c"), sha("SHA-256", "d"), sha("SHA-256", "e")),
                SignatureAlgorithm.RSA_PKCS1_SHA256, pin);
        assertEquals(3, pin.calls(), "a batch is one act: one PIN");
        assertTrue(pin.allWiped());
        assertEquals(256, first.length);
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
