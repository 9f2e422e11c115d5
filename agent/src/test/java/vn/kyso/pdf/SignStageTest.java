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

import eu.europa.esig.dss.enumerations.SignatureLevel;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.Test;

import vn.kyso.cms.EncodedObject;
import vn.kyso.errors.KysoException;
import vn.kyso.pki.RevocationCollector;
import vn.kyso.pki.TimeStamp;
import vn.kyso.pki.TimeStampClient;
import vn.kyso.sign.TokenSignerPort;
import vn.kyso.testpki.TestPki;
import vn.kyso.token.SignatureAlgorithm;

/** Stage two: the CMS over the signer port, its signature time-stamp, written into the gap. */
class SignStageTest {

    /** An's key, through the shared token manager (reopened when another test class closed it). */
    private static TokenSignerPort an() {
        return PadesFixture.signer(TestPki.PERSONAL_AN);
    }

    @Test
    void theReservationHoldsTheChainAndRoomForATimeStamp() {
        List<X509Certificate> chain = an().chain();
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
        Written written = signAndWrite(PadesFixture.services().timeStamps(), LevelPolicy.STRICT);

        assertNotNull(written.stamp());
        SignerInformation signer = writtenSigner(written.document());
        assertNotNull(signer.getUnsignedAttributes()
                .get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken), "no signature time-stamp");
        assertArrayEquals(written.digest(), ASN1OctetString.getInstance(signer.getSignedAttributes()
                .get(PKCSObjectIdentifiers.pkcs_9_at_messageDigest).getAttrValues().getObjectAt(0)).getOctets());
        PadesFixture.assertDss(written.document(), SignatureLevel.PAdES_BASELINE_T);
    }

    @Test
    void withoutAnAnsweringTsaTheSignatureIsWrittenAtBbWithAWarning() throws Exception {
        Written written = signAndWrite(StageFixture.withoutReachableTsa().timeStamps(), LevelPolicy.BEST_EFFORT);

        assertNull(written.stamp());
        assertEquals(PdfError.TIMESTAMP_REQUIRED_UNAVAILABLE.code(), written.run().warnings().get(0).code());
        assertNull(writtenSigner(written.document()).getUnsignedAttributes());
        PadesFixture.assertDss(written.document(), SignatureLevel.PAdES_BASELINE_B);
    }

    private record Written(byte[] document, byte[] digest, TimeStamp stamp, LevelRun run) {
    }

    /** Stage one, then stage two with An's key asking {@code tsa} for the signature time-stamp (B-T). */
    private static Written signAndWrite(TimeStampClient tsa, LevelPolicy policy) throws Exception {
        PdfOutput.Memory out = PdfOutput.memory(PadesFixture.samplePdf());
        SignatureGap gap = PrepareStage.signature(out, PadesOptions.defaults(),
                SignStage.reservedSize(an().chain(), true), SignatureAlgorithm.RSA_PKCS1_SHA256.digest());
        LevelRun run = StageFixture.run(PadesLevel.B_T, policy);
        CMSSignedData cms = SignStage.sign(an(), SignatureAlgorithm.RSA_PKCS1_SHA256, gap);
        TimeStamp stamp = new SignStage(tsa).write(out, gap, cms, true, run);
        return new Written(out.bytes(), gap.digest(), stamp, run);
    }

    private static SignerInformation writtenSigner(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            byte[] contents = document.getLastSignatureDictionary().getContents();
            // /Contents is the CMS and its zero padding: BouncyCastle gets the CMS alone
            return new CMSSignedData(EncodedObject.first(contents)).getSignerInfos().getSigners().iterator().next();
        }
    }
}
