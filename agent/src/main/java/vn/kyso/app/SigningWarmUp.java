package vn.kyso.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.kyso.pdf.PadesLevel;
import vn.kyso.pdf.PadesOptions;
import vn.kyso.pdf.PadesServices;
import vn.kyso.pdf.PadesSigner;
import vn.kyso.pki.HttpFetcher;
import vn.kyso.pki.TrustStore;
import vn.kyso.sign.SignerPort;
import vn.kyso.token.SignatureAlgorithm;
import vn.kyso.verify.DocumentReport;
import vn.kyso.verify.Indication;
import vn.kyso.verify.PdfSignatureVerifier;
import vn.kyso.verify.SignatureReport;
import vn.kyso.verify.SubIndication;

/**
 * Makes the first "Ký số" after a start as quick as the later ones: when a page first calls the agent (see
 * {@link AgentAssembly#warmUpSigning()}), one background pass of the PAdES pipeline — prepare, CMS, write, then the
 * verification every signature gets before it is returned — over a one-page PDF and a throwaway key made here, so the
 * classes of PDFBox, BouncyCastle and the verifier are loaded and initialised, and their hot paths compiled, before
 * a person clicks. A real first signature otherwise pays for all of that while the person waits.
 *
 * <p>What it never does: use the token or a PIN (it has no token manager — an EC key generated in memory signs),
 * ask anyone, go to the network (B-B needs no TSA; the verifier is offline and the certificates name no OCSP, CRL or
 * issuer URL), write a file or an audit record. It keeps nothing: the key, the document and the report are garbage when
 * it ends. A failure is logged and changes nothing — the first signature is then merely as slow as without it.
 */
public final class SigningWarmUp {

    /**
     * What one pass did: how large the signed document was, the verifier's verdict on it (offline and with
     * certificates that name no OCSP or CRL: INDETERMINATE / TRY_LATER once every other check passed) and how long it
     * took.
     */
    public record Outcome(int signedBytes, Indication indication, SubIndication subIndication, Duration took) {

        /** A pass that gave way to a person's signature before it ended: nothing was judged. */
        static Outcome stoodDown(Duration took) {
            return new Outcome(0, null, null, took);
        }

        /** Whether the pass ran to its end rather than giving way. */
        public boolean completed() {
            return indication != null;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(SigningWarmUp.class);
    /** The thread's name, as it shows in a thread dump and the log. */
    static final String THREAD_NAME = "kyso-signing-warm-up";
    /** How long the agent is left without a page request before a pass begins. */
    static final Duration QUIET = Duration.ofMillis(300);
    private static final long QUIET_POLL_MILLIS = 25;

    private final Supplier<HttpFetcher> http;
    private final Supplier<byte[]> document;
    private final BooleanSupplier standDown;

    /**
     * @param http      the PKI clients' HTTP fetcher the agent's verifier will use (built now, rather than on the first
     *                  signature); the warm-up's verifier is offline and never fetches with it
     * @param standDown true once a person has approved a real signature: the pass stops at its next step and leaves
     *                  the cores to that signature, which loads and compiles the same code itself (a pass running beside
     *                  it only competes for them: the warm-up is for the time before the click, and for while the
     *                  consent dialog is read)
     */
    SigningWarmUp(Supplier<HttpFetcher> http, BooleanSupplier standDown) {
        this(http, SigningWarmUp::onePage, standDown);
    }

    /** With the document to sign given (tests: a damaged one shows that a failure stays harmless). */
    SigningWarmUp(Supplier<HttpFetcher> http, Supplier<byte[]> document, BooleanSupplier standDown) {
        this.http = http;
        this.document = document;
        this.standDown = standDown;
    }

    /** Starts one pass on a daemon thread of the lowest priority; completes with its outcome, or null if it failed. */
    CompletableFuture<Outcome> startInBackground() {
        return startInBackground(() -> false);
    }

    /**
     * As {@link #startInBackground()}, the pass beginning only once the agent has answered every page request and
     * none came for {@link #QUIET}: on a 2-core PC a pass beside a signature asked right away only competes with it
     * for the cores (it loads and compiles the same code), while the page opening and the person reading — the time
     * the warm-up is for — leave the agent idle. A person's approval during the wait ends it without a pass.
     *
     * @param busy true while a page's request is being answered
     */
    CompletableFuture<Outcome> startInBackground(BooleanSupplier busy) {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> done.complete(afterQuiet(busy)), THREAD_NAME);
        thread.setDaemon(true); // never keeps the agent from stopping
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        return done;
    }

    private Outcome afterQuiet(BooleanSupplier busy) {
        long start = System.nanoTime();
        long quietSince = start;
        try {
            while (!standDown.getAsBoolean()) {
                if (busy.getAsBoolean()) {
                    quietSince = System.nanoTime();
                } else if (System.nanoTime() - quietSince >= QUIET.toNanos()) {
                    return runLogged();
                }
                Thread.sleep(QUIET_POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Outcome skipped = Outcome.stoodDown(Duration.ofNanos(System.nanoTime() - start));
        LOG.info("signing warm-up: not run, a signature came first ({} ms)", skipped.took().toMillis());
        return skipped;
    }

    /** One pass; null when it failed (then logged). */
    Outcome runLogged() {
        try {
            Outcome outcome = run();
            if (outcome.completed()) {
                LOG.info("signing warm-up: 1-page B-B signed and verified ({} {}) in {} ms", outcome.indication(),
                        outcome.subIndication(), outcome.took().toMillis());
            } else {
                LOG.info("signing warm-up: gave way to a signature after {} ms", outcome.took().toMillis());
            }
            return outcome;
        } catch (Exception | LinkageError e) {
            LOG.warn("signing warm-up failed; the first signature will take longer: {}", String.valueOf(e), e);
            return null;
        }
    }

    /**
     * The pass itself: sign a one-page PDF at B-B with a throwaway key, then verify it as a signature is verified;
     * between the steps it gives way to a person's signature.
     */
    Outcome run() throws GeneralSecurityException, IOException, OperatorCreationException {
        long start = System.nanoTime();
        HttpFetcher fetcher = http.get();
        if (standDown.getAsBoolean()) {
            return Outcome.stoodDown(Duration.ofNanos(System.nanoTime() - start));
        }
        ThrowawayKey key = ThrowawayKey.create();
        TrustStore trust = TrustStore.empty();
        trust.add(key.root());
        if (standDown.getAsBoolean()) {
            return Outcome.stoodDown(Duration.ofNanos(System.nanoTime() - start));
        }
        byte[] signed = new PadesSigner(new PadesServices(null, null, null, List.of(key.root())))
                .sign(document.get(), key, PadesOptions.defaults().withLevel(PadesLevel.B_B)).document();
        if (standDown.getAsBoolean()) {
            return Outcome.stoodDown(Duration.ofNanos(System.nanoTime() - start));
        }
        DocumentReport report = PdfSignatureVerifier.builder(trust).http(fetcher).online(false).build().verify(signed);
        SignatureReport ours = report.signatures().get(0);
        return new Outcome(signed.length, ours.indication(), ours.subIndication(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** A one-page A4 PDF with a line drawn on it, made in memory. */
    static byte[] onePage() {
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            pdf.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                content.moveTo(72, 770);
                content.lineTo(523, 770);
                content.stroke();
            }
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("signing warm-up: could not make its PDF", e);
        }
    }

    /**
     * An EC key made in memory for one pass, with a certificate issued by a throwaway root: the shape of a token's key
     * and chain, with no URLs in either certificate. Not RSA: a fresh JVM spends 0.8–1.0 s of CPU finding an RSA-2048
     * key's primes (interpreted BigInteger), beside the person's first signature on a 2-core PC, and warms nothing that
     * signature needs — the token signs, and checking an RSA signature value is cheap even cold. A P-256 key takes
     * about 0.2 s, the first one.
     */
    private record ThrowawayKey(PrivateKey key, X509Certificate certificate, X509Certificate root)
            implements SignerPort {

        static ThrowawayKey create() throws GeneralSecurityException, OperatorCreationException {
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(256);
            KeyPair rootKey = ec.generateKeyPair();
            KeyPair signerKey = ec.generateKeyPair();
            Instant now = Instant.now();
            X500Name rootName = new X500Name("CN=Kyso warm-up root");
            X509Certificate root = certificate(rootName, rootName, rootKey, rootKey, now, true);
            X509Certificate signer = certificate(rootName, new X500Name("CN=Kyso warm-up signer"), rootKey,
                    signerKey, now, false);
            return new ThrowawayKey(signerKey.getPrivate(), signer, root);
        }

        private static X509Certificate certificate(X500Name issuer, X500Name subject, KeyPair issuerKey,
                                                   KeyPair subjectKey, Instant now, boolean ca)
                throws GeneralSecurityException, OperatorCreationException {
            try {
                JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                        BigInteger.valueOf(now.toEpochMilli()).shiftLeft(1).add(BigInteger.valueOf(ca ? 0 : 1)),
                        Date.from(now.minus(Duration.ofHours(1))),
                        Date.from(now.plus(Duration.ofDays(1))), subject, subjectKey.getPublic());
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
                int usage = ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                        : KeyUsage.digitalSignature | KeyUsage.nonRepudiation;
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
                return new JcaX509CertificateConverter().getCertificate(builder.build(
                        new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
            } catch (IOException e) {
                throw new GeneralSecurityException("signing warm-up: certificate extensions", e);
            }
        }

        @Override
        public List<X509Certificate> chain() {
            return List.of(certificate, root);
        }

        @Override
        public List<SignatureAlgorithm> algorithms() {
            return List.of(SignatureAlgorithm.ECDSA_SHA256);
        }

        /** ECDSA over the digest, DER-encoded as the signer port returns it. */
        @Override
        public byte[] sign(byte[] digest, SignatureAlgorithm algorithm) {
            try {
                Signature ecdsa = Signature.getInstance("NONEwithECDSA");
                ecdsa.initSign(key);
                ecdsa.update(digest);
                return ecdsa.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("signing warm-up: the throwaway key could not sign", e);
            }
        }
    }
}
