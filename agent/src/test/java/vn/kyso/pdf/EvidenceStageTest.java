package vn.kyso.pdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;

import vn.kyso.errors.KysoException;
import vn.kyso.pki.CrlClient;
import vn.kyso.pki.HttpFetcher;
import vn.kyso.pki.OcspClient;
import vn.kyso.pki.TimeStampClient;
import vn.kyso.sign.TokenSignerPort;
import vn.kyso.testpki.TestPki;

/** Stage three: the /DSS revision with the chain's certificates and revocation data, and the VRI of the signature. */
class EvidenceStageTest {

    @Test
    void appendsTheDssOnceWithTheVriOfTheNewestSignature() throws Exception {
        TokenSignerPort signer = PadesFixture.signer(TestPki.PERSONAL_AN);
        byte[] signed = new PadesSigner(PadesFixture.services()).sign(PadesFixture.samplePdf(), signer,
                PadesOptions.defaults().withLevel(PadesLevel.B_B)).document();
        PdfOutput.Memory out = PdfOutput.memory(signed.clone());
        LevelRun run = StageFixture.run(PadesLevel.B_LT, LevelPolicy.STRICT);
        EvidenceStage stage = new EvidenceStage(PadesFixture.services());

        assertTrue(stage.add(out, signer.chain(), Instant.now(), run));

        byte[] withDss = out.bytes();
        PadesFixture.assertPrefix(signed, withDss);
        try (PDDocument document = Loader.loadPDF(withDss)) {
            COSDictionary dss = document.getDocumentCatalog().getCOSObject()
                    .getCOSDictionary(COSName.getPDFName("DSS"));
            assertNotNull(dss, "no /DSS");
            assertTrue(dss.getCOSArray(COSName.getPDFName("Certs")).size() >= signer.chain().size());
            assertTrue(dss.containsKey(COSName.getPDFName("OCSPs")) || dss.containsKey(COSName.getPDFName("CRLs")));
            String vri = DssWriter.vriKey(EvidenceStage.newestSignatureContents(document));
            assertNotNull(dss.getCOSDictionary(COSName.getPDFName("VRI")).getCOSDictionary(COSName.getPDFName(vri)));
        }

        assertTrue(stage.add(out, signer.chain(), null, run));
        assertArrayEquals(withDss, out.bytes(), "evidence already in the /DSS was written again");
    }

    @Test
    void unreachableRevocationServicesLeaveTheDocumentAsItWas() throws Exception {
        TokenSignerPort signer = PadesFixture.signer(TestPki.PERSONAL_AN);
        byte[] signed = new PadesSigner(PadesFixture.services()).sign(PadesFixture.samplePdf(), signer,
                PadesOptions.defaults().withLevel(PadesLevel.B_B)).document();
        // No known issuers: the leaf's issuer cannot be found, so no evidence can be had.
        HttpFetcher http = HttpFetcher.withDefaults();
        EvidenceStage stage = new EvidenceStage(new PadesServices(
                new TimeStampClient(http, URI.create("http://127.0.0.1:1/tsa")), new OcspClient(http),
                new CrlClient(http), List.of()));
        List<X509Certificate> leafOnly = signer.chain().subList(0, 1);
        PdfOutput.Memory out = PdfOutput.memory(signed.clone());
        LevelRun bestEffort = StageFixture.run(PadesLevel.B_LT, LevelPolicy.BEST_EFFORT);

        assertFalse(stage.add(out, leafOnly, null, bestEffort));

        assertArrayEquals(signed, out.bytes());
        assertEquals(PdfError.REVOCATION_DATA_UNAVAILABLE.code(), bestEffort.warnings().get(0).code());
        KysoException strict = assertThrows(KysoException.class, () -> stage.add(out, leafOnly, null,
                StageFixture.run(PadesLevel.B_LT, LevelPolicy.STRICT)));
        assertEquals(PdfError.REVOCATION_DATA_UNAVAILABLE.code(), strict.code());
    }
}
