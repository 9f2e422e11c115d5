package vn.kyso.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.policy.ValidationPolicy;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.policy.ValidationPolicyLoader;
import vn.kyso.pdf.LevelPolicy;
import vn.kyso.pdf.PadesLevel;
import vn.kyso.pdf.PadesOptions;
import vn.kyso.pdf.PadesSigner;
import vn.kyso.pdf.PadesTestSupport;
import vn.kyso.pki.TrustStore;
import vn.kyso.testpki.PkiServices.Service;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;
import vn.kyso.verify.DocumentReport;
import vn.kyso.verify.PdfSignatureVerifier;

/**
 * Warm verification of one document with three B-LT signatures (An, Bình, the organisation; revocation evidence
 * embedded at signing): our {@link PdfSignatureVerifier} with online checks off against EU DSS 6.4's
 * {@link SignedDocumentValidator} with the test root trusted and no online sources (no OCSP, CRL or AIA: both judge
 * from the embedded evidence; the OCSP and CRL services are switched off during the measurement to prove it). The
 * DSS validation policy is loaded once, outside the timing. Interleaved, order alternating, medians; the overall
 * verdicts must agree.
 *
 * <p>Run: {@code scripts/bench.sh verification}.
 */
@Tag("benchmark")
class VerificationBenchmark {

    private static final int WARMUP = Integer.getInteger("kyso.bench.warmup", 30);
    private static final int RUNS = Integer.getInteger("kyso.bench.verifyRuns", 41);

    @Test
    void oursAgainstEuDssOnThreeBltSignatures() throws Exception {
        TestEnvironment env = TestEnvironment.shared();
        Path dir = Path.of("target", "bench-verification");
        Files.createDirectories(dir);
        Path blank = dir.resolve("blank.pdf");
        SigningBenchmark.generate(blank, 1);
        byte[] document = Files.readAllBytes(blank);
        PadesSigner engine = new PadesSigner(PadesTestSupport.services());
        for (String alias : List.of(TestPki.PERSONAL_AN, TestPki.PERSONAL_BINH, TestPki.ORGANISATION)) {
            document = engine.sign(document, PadesTestSupport.signer(alias),
                    PadesOptions.defaults().withLevel(PadesLevel.B_LT).withPolicy(LevelPolicy.STRICT)).document();
        }
        Files.write(dir.resolve("three-signatures-b-lt.pdf"), document);
        final byte[] pdf = document;

        TrustStore trust = TrustStore.empty();
        trust.add(PadesTestSupport.root());
        PdfSignatureVerifier ours = PdfSignatureVerifier.builder(trust).online(false).build();

        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(new CertificateToken(PadesTestSupport.root()));
        CommonCertificateVerifier offline = new CommonCertificateVerifier();
        offline.setTrustedCertSources(trusted);
        offline.setOcspSource(null);
        offline.setCrlSource(null);
        offline.setAIASource(null);
        ValidationPolicy policy = ValidationPolicyLoader.fromDefaultValidationPolicy().create();

        env.services().setAvailable(Service.OCSP, false);
        env.services().setAvailable(Service.CRL, false);
        try {
            DocumentReport ourReport = ours.verify(pdf);
            SimpleReport dssReport = dss(pdf, offline, policy);
            String ourVerdict = ourReport.indication().name();
            String dssVerdict = worst(dssReport);
            System.out.println("Kyso: " + ourVerdict + " " + ourReport.signatures().stream()
                    .map(s -> s.fieldName() + "=" + s.indication() + "/" + s.level().etsiName()).toList());
            System.out.println("DSS:  " + dssVerdict + " " + dssReport.getSignatureIdList().stream()
                    .map(id -> dssReport.getIndication(id) + "/" + dssReport.getSubIndication(id) + "/"
                            + dssReport.getSignatureFormat(id)).toList());
            assertEquals(3, ourReport.signatures().stream().filter(s -> !s.documentTimestamp()).count());
            assertEquals(3, dssReport.getSignatureIdList().size());
            assertEquals(dssVerdict, ourVerdict, "overall verdicts differ");

            for (int i = 0; i < WARMUP; i++) {
                ours.verify(pdf);
                dss(pdf, offline, policy);
            }
            long[] oursNanos = new long[RUNS];
            long[] dssNanos = new long[RUNS];
            for (int r = 0; r < RUNS; r++) {
                if (r % 2 == 0) {
                    oursNanos[r] = timeOurs(ours, pdf);
                    dssNanos[r] = timeDss(pdf, offline, policy);
                } else {
                    dssNanos[r] = timeDss(pdf, offline, policy);
                    oursNanos[r] = timeOurs(ours, pdf);
                }
            }
            double o = Measure.median(oursNanos) / 1e6;
            double d = Measure.median(dssNanos) / 1e6;
            System.out.printf("%n== Verification benchmark: 3 B-LT signatures (An, Bình, organisation), embedded "
                    + "evidence, offline; %.0f KB; %d warm-up, median of %d interleaved runs ==%n",
                    pdf.length / 1024.0, WARMUP, RUNS);
            System.out.printf("verdict: Kyso %s, EU DSS %s (same: yes)%n", ourVerdict, dssVerdict);
            System.out.printf("Kyso PdfSignatureVerifier:     median %8.2f ms  (min %.2f, max %.2f)%n", o,
                    min(oursNanos) / 1e6, max(oursNanos) / 1e6);
            System.out.printf("EU DSS SignedDocumentValidator: median %8.2f ms  (min %.2f, max %.2f)%n", d,
                    min(dssNanos) / 1e6, max(dssNanos) / 1e6);
            System.out.printf("DSS / Kyso: %.1fx faster (target >= 5x: %s); Kyso / DSS time ratio %.3f%n", d / o,
                    d / o >= 5 ? "met" : "NOT met", o / d);
        } finally {
            env.services().setAvailable(Service.OCSP, true);
            env.services().setAvailable(Service.CRL, true);
        }
    }

    private static long timeOurs(PdfSignatureVerifier verifier, byte[] pdf) {
        long t0 = System.nanoTime();
        verifier.verify(pdf);
        return System.nanoTime() - t0;
    }

    private static long timeDss(byte[] pdf, CommonCertificateVerifier verifier, ValidationPolicy policy) {
        long t0 = System.nanoTime();
        dss(pdf, verifier, policy);
        return System.nanoTime() - t0;
    }

    private static SimpleReport dss(byte[] pdf, CommonCertificateVerifier verifier, ValidationPolicy policy) {
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(pdf));
        validator.setCertificateVerifier(verifier);
        return validator.validateDocument(policy).getSimpleReport();
    }

    /** DSS's worst signature indication, in the ETSI vocabulary both use. */
    private static String worst(SimpleReport report) {
        String worst = "TOTAL_PASSED";
        for (String id : report.getSignatureIdList()) {
            String indication = report.getIndication(id).name();
            if (rank(indication) > rank(worst)) {
                worst = indication;
            }
        }
        return worst;
    }

    private static int rank(String indication) {
        return switch (indication) {
            case "TOTAL_PASSED", "PASSED" -> 0;
            case "INDETERMINATE" -> 1;
            default -> 2;
        };
    }

    private static long min(long[] values) {
        long m = Long.MAX_VALUE;
        for (long v : values) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static long max(long[] values) {
        long m = 0;
        for (long v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
