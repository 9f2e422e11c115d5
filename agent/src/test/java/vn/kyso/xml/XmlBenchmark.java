package vn.kyso.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import vn.kyso.pdf.PadesTestSupport;
import vn.kyso.sign.TokenSignerPort;
import vn.kyso.testpki.TestPki;
import vn.kyso.verify.Indication;
import vn.kyso.verify.XmlDocumentReport;
import vn.kyso.verify.XmlSignatureVerifier;

/**
 * XAdES B-LT of a 1 MB e-invoice (4,000 goods lines), enveloped, signed and verified by our engine and by EU DSS
 * 6.4's XAdESService / validator with An's key, the same TSA and the same OCSP/CRL services. DSS runs in its own JVM
 * (it needs Santuario 3.0) and times itself, so its figures exclude the process plumbing; it signs with the key from a
 * PKCS#12 file, ours goes through SoftHSM2 (PKCS#11), which only adds to our time. One warm-up each, then
 * interleaved runs; medians. Both verifiers must reach the same verdict on our signature.
 *
 * <p>Run: {@code scripts/bench.sh xml}.
 */
@Tag("benchmark")
class XmlBenchmark {

    private static final int RUNS = Integer.getInteger("kyso.bench.runs", 5);

    @Test
    void oursAgainstEuDss() throws Exception {
        byte[] invoice = XmlFixture.invoice(4000);
        XmlSigner engine = XmlFixture.engine();
        TokenSignerPort signer = PadesTestSupport.signer(TestPki.PERSONAL_AN);
        XmlSignatureVerifier verifier = XmlSignatureVerifierTest.verifier();
        XmlSignOptions options = XmlSignOptions.xades(XadesLevel.B_LT);

        byte[] ours = engine.sign(invoice, signer, options).document();
        DssXades.sign(invoice, TestPki.PERSONAL_AN, "XAdES_BASELINE_LT", "ENVELOPED");
        verifier.verify(ours);
        DssXades.validate(ours, null, null);

        long[] ourSign = new long[RUNS];
        long[] dssSign = new long[RUNS];
        long[] ourVerify = new long[RUNS];
        long[] dssVerify = new long[RUNS];
        String verdicts = "";
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            ours = engine.sign(invoice, signer, options).document();
            ourSign[i] = (System.nanoTime() - start) / 1_000_000;
            dssSign[i] = DssXades.sign(invoice, TestPki.PERSONAL_AN, "XAdES_BASELINE_LT", "ENVELOPED").millis();

            DssXades.Verdict dss = DssXades.validate(ours, null, null);
            dssVerify[i] = dss.millis();
            start = System.nanoTime();
            XmlDocumentReport report = verifier.verify(ours);
            ourVerify[i] = (System.nanoTime() - start) / 1_000_000;
            Indication indication = report.report().indication();
            assertEquals(dss.indication(), indication.name(), "same verdict");
            assertEquals("TOTAL_PASSED", dss.indication(), dss.toString());
            verdicts = "ours " + indication + " " + report.report().signatures().get(0).level() + ", DSS "
                    + dss.indication() + " " + dss.format();
        }
        long os = median(ourSign);
        long ds = median(dssSign);
        long ov = median(ourVerify);
        long dv = median(dssVerify);
        System.out.printf("%nXAdES B-LT, enveloped e-invoice of %.2f MB (signed: %.2f MB), %d runs, medians%n",
                invoice.length / 1e6, ours.length / 1e6, RUNS);
        System.out.printf("  sign    ours %6d ms   EU DSS %6d ms   ours/DSS %.2f (target <= 0.5)%n", os, ds,
                (double) os / ds);
        System.out.printf("  verify  ours %6d ms   EU DSS %6d ms   DSS/ours %.1fx faster (target >= 5)%n", ov, dv,
                (double) dv / ov);
        System.out.printf("  verdict %s%n", verdicts);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
