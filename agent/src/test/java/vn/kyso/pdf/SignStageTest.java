package vn.kyso.pdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.Test;

import eu.europa.esig.dss.enumerations.SignatureLevel;
import vn.kyso.errors.KysoException;
import vn.kyso.pki.TimeStamp;
import vn.kyso.sign.TokenSignerPort;
import vn.kyso.testpki.TestPki;
import vn.kyso.token.SignatureAlgorithm;

/** Stage two: the CMS over the signer port, its signature time-stamp, written into the gap. */
class SignStageTest {

    @Test
    void theReservationHoldsTheChainAndRoomForATimeStamp() {
        List<X509Certificate> chain = PadesFixture.signer(TestPki.PERSONAL_AN).chain();
        int certificates = chain.stream().mapToInt(c -> RevocationCollector.encoded(c).length).sum();

        assertEquals(SignStage.CMS_OVERHEAD + certificates, SignStage.reservedSize(chain, false));
        assertEquals(SignStage.CMS_OVERHEAD + certificates + SignStage.TIMESTAMP_ALLOWANCE,
                SignStage.reservedSize(chain, true));
    }

    @Test
    void aTimeStampIsWantedFromBtOnAndOnlyWithATsa() {
        SignStage withTsa = new SignStage(PadesFixture.services().timeStamps());
        SignStage withoutTsa = new SignStage(null);

        assertFalse(withTsa.timeStampWanted(StageFixture.run(PadesLevel.B_B, LevelPolicy.STRICT)));
        assertTrue(withTsa.timeStampWanted(StageFixture.run(PadesLevel.B_T, LevelPolicy.STRICT)));
        LevelRun bestEffort = StageFixture.run(PadesLevel.B_LT, LevelPolicy.BEST_EFFORT);
        assertFalse(withoutTsa.timeStampWanted(bestEffort));
        assertEquals(PdfError.TIMESTAMP_REQUIRED_UNAVAILABLE.code(), bestEffort.warnings().get(0).code());
        KysoException strict = assertThrows(KysoException.class,
                () -> withoutTsa.timeStampWanted(StageFixture.run(PadesLevel.B_T, LevelPolicy.STRICT)));
        assertEquals(PdfError.TIMESTAMP_REQUIRED_UNAVAILABLE.code(), strict.code());
    }

    @Test
    void signsTheDigestThroughTheSignerPortAndTimeStampsTheSignature() throws Exception {
        TokenSignerPort signer = PadesFixture.signer(TestPki.PERSONAL_AN);
        PdfOutput.Memory out = PdfOutput.memory(PadesFixture.samplePdf());
        SignatureGap gap = PrepareStage.signature(out, PadesOptions.defaults(),
                SignStage.reservedSize(signer.chain(), true), SignatureAlgorithm.RSA_PKCS1_SHA256.digest());
        LevelRun run = StageFixture.run(PadesLevel.B_T, LevelPolicy.STRICT);

        CMSSignedData cms = SignStage.sign(signer, SignatureAlgorithm.RSA_PKCS1_SHA256, gap);
        TimeStamp stamp = new SignStage(PadesFixture.services().timeStamps()).write(out, gap, cms, true, run);

        assertNotNull(stamp);
        SignerInformation written = writtenSigner(out.bytes());
        assertNotNull(written.getUnsignedAttributes()
                .get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken), "no signature time-stamp");
        assertArrayEquals(gap.digest(), org.bouncycastle.asn1.ASN1OctetString.getInstance(written.getSignedAttributes()
                .get(PKCSObjectIdentifiers.pkcs_9_at_messageDigest).getAttrValues().getObjectAt(0)).getOctets());
        PadesFixture.assertDss(out.bytes(), SignatureLevel.PAdES_BASELINE_T);
    }

    @Test
    void withoutAnAnsweringTsaTheSignatureIsWrittenAtBbWithAWarning() throws Exception {
        TokenSignerPort signer = PadesFixture.signer(TestPki.PERSONAL_AN);
        PdfOutput.Memory out = PdfOutput.memory(PadesFixture.samplePdf());
        SignatureGap gap = PrepareStage.signature(out, PadesOptions.defaults(),
                SignStage.reservedSize(signer.chain(), true), SignatureAlgorithm.RSA_PKCS1_SHA256.digest());
        LevelRun run = StageFixture.run(PadesLevel.B_T, LevelPolicy.BEST_EFFORT);
        CMSSignedData cms = SignStage.sign(signer, SignatureAlgorithm.RSA_PKCS1_SHA256, gap);

        TimeStamp stamp = new SignStage(StageFixture.withoutReachableTsa().timeStamps())
                .write(out, gap, cms, true, run);

        assertNull(stamp);
        assertEquals(PdfError.TIMESTAMP_REQUIRED_UNAVAILABLE.code(), run.warnings().get(0).code());
        assertNull(writtenSigner(out.bytes()).getUnsignedAttributes());
        PadesFixture.assertDss(out.bytes(), SignatureLevel.PAdES_BASELINE_B);
    }

    private static SignerInformation writtenSigner(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            byte[] contents = document.getLastSignatureDictionary().getContents();
            return new CMSSignedData(contents).getSignerInfos().getSigners().iterator().next();
        }
    }
}
