package vn.kyso.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import eu.europa.esig.dss.enumerations.SignatureLevel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import vn.kyso.pki.TrustStore;
import vn.kyso.testpki.TestPki;
import vn.kyso.token.SignatureAlgorithm;
import vn.kyso.verify.DocumentReport;
import vn.kyso.verify.Indication;
import vn.kyso.verify.PdfSignatureVerifier;
import vn.kyso.verify.SignatureReport;

/**
 * A document that already carries 1, 2 and 5 of our signatures gets one more: An (RSA-2048), Bình (RSA-3072 PSS),
 * Cường (ECDSA P-256) and the organisation in turn, each at B-LT. After the new one every signature must still be
 * TOTAL_PASSED in our verifier and EU DSS and valid in pdfsig.
 */
class MultipleSignaturesTest {

    private record Signer(String alias, SignatureAlgorithm algorithm) {
    }

    private static final List<Signer> IN_TURN = List.of(
            new Signer(TestPki.PERSONAL_AN, null),
            new Signer(TestPki.PERSONAL_BINH, SignatureAlgorithm.RSA_PSS_SHA256),
            new Signer(TestPki.PERSONAL_CUONG, SignatureAlgorithm.ECDSA_SHA256),
            new Signer(TestPki.ORGANISATION, null));

    private static final Map<String, String> ORGANISATION_OR_NAME = Map.of(
            TestPki.PERSONAL_AN, "Nguyễn Văn An", TestPki.PERSONAL_BINH, "Trần Thị Bình",
            TestPki.PERSONAL_CUONG, "Lê Hoàng Cường", TestPki.ORGANISATION, "Sở Khoa học và Công nghệ");

    /** DOCUMENTS.get(n) carries n signatures; built once, one signature at a time, shared by the cases. */
    private static final List<byte[]> DOCUMENTS = new ArrayList<>();

    private static synchronized byte[] withSignatures(int count) throws Exception {
        if (DOCUMENTS.isEmpty()) {
            DOCUMENTS.add(PadesFixture.samplePdf());
        }
        PadesSigner engine = new PadesSigner(PadesFixture.services());
        while (DOCUMENTS.size() <= count) {
            Signer next = IN_TURN.get((DOCUMENTS.size() - 1) % IN_TURN.size());
            byte[] previous = DOCUMENTS.get(DOCUMENTS.size() - 1);
            SignResult result = engine.sign(previous, PadesFixture.signer(next.alias()), PadesOptions.defaults()
                    .withPolicy(LevelPolicy.STRICT).withAlgorithm(next.algorithm()));
            assertEquals(PadesLevel.B_LT, result.level());
            PadesFixture.assertPrefix(previous, result.document());
            DOCUMENTS.add(result.document());
        }
        return DOCUMENTS.get(count);
    }

    @ParameterizedTest(name = "{0} earlier signatures")
    @ValueSource(ints = {1, 2, 5})
    void oneMoreSignatureLeavesEveryOneValid(int earlier) throws Exception {
        byte[] signed = withSignatures(earlier + 1);
        int count = earlier + 1;

        TrustStore trust = TrustStore.empty();
        trust.add(PadesFixture.ENV.pki().root());
        DocumentReport report = PdfSignatureVerifier.builder(trust).build().verify(signed);
        List<SignatureReport> signatures = report.signatures().stream().filter(s -> !s.documentTimestamp()).toList();
        assertEquals(count, signatures.size(), report.toString());
        for (SignatureReport signature : signatures) {
            assertEquals(Indication.TOTAL_PASSED, signature.indication(), signature.toString());
            assertFalse(signature.modifiedAfterSigning(), signature.changesAfter().toString());
        }
        for (int i = 0; i < count; i++) {
            String expected = ORGANISATION_OR_NAME.get(IN_TURN.get(i % IN_TURN.size()).alias());
            assertTrue(signatures.get(i).signer().name().contains(expected), i + ": " + signatures.get(i).signer());
        }

        SignatureLevel[] levels = new SignatureLevel[count];
        Arrays.fill(levels, SignatureLevel.PAdES_BASELINE_LT);
        PadesFixture.assertDss(signed, levels);
        assertPdfsigValid(signed, count);
    }

    /**
     * pdfsig: every signature valid; every certificate trusted the first time it appears. poppler 22.12 cannot
     * judge a certificate it already met in an earlier signature of the same file (its NSS keeps the first
     * temporary certificate: "NSS_Shutdown failed: Objects are still in use", then "Unknown issue with Certificate
     * or corrupted data" for the repeat), although the CMS carries the identical chain; DSS and our verifier judge
     * those repeats above.
     */
    private static void assertPdfsigValid(byte[] pdf, int count) throws Exception {
        String output = PadesFixture.pdfsig(pdf);
        Set<String> seen = new HashSet<>();
        int signatures = 0;
        for (String block : output.split("Signature #")) {
            if (!block.contains("Signature Type:")) {
                continue;
            }
            signatures++;
            assertTrue(block.contains("Signature Validation: Signature is Valid."), output);
            String signer = block.lines().filter(l -> l.contains("Signer full Distinguished Name:")).findFirst()
                    .orElseThrow();
            if (seen.add(signer)) {
                assertTrue(block.contains("Certificate Validation: Certificate is Trusted."), output);
            }
        }
        assertEquals(count, signatures, output);
    }
}
