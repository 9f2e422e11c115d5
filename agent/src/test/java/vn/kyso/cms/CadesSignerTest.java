package vn.kyso.cms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import eu.europa.esig.dss.model.DigestDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.Test;

import vn.kyso.errors.KysoException;
import vn.kyso.pdf.PadesTestSupport;
import vn.kyso.pki.HttpFetcher;
import vn.kyso.pki.TimeStampClient;
import vn.kyso.pki.TrustStore;
import vn.kyso.sign.SignerPort;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;
import vn.kyso.token.DigestAlgorithm;
import vn.kyso.token.SignatureAlgorithm;
import vn.kyso.verify.CmsSignatureVerifier;
import vn.kyso.verify.DocumentReport;
import vn.kyso.verify.Indication;
import vn.kyso.verify.PdfSignatureVerifier;
import vn.kyso.verify.ReportJson;
import vn.kyso.verify.SignatureLevel;
import vn.kyso.verify.TimeSource;

/** Detached CAdES B-B and B-T with SoftHSM2 keys, over bytes and over a digest, judged by EU DSS and by us. */
class CadesSignerTest {

    static final byte[] CONTENT = "Báo cáo số 7/BC-SKHCN: kết quả chuyển đổi số quý III"
            .getBytes(StandardCharsets.UTF_8);

    static CadesSigner signer() {
        return new CadesSigner(new TimeStampClient(HttpFetcher.withDefaults(),
                URI.create(TestEnvironment.shared().services().urls().tsa())));
    }

    static CmsSignatureVerifier verifier() {
        TrustStore trust = TrustStore.empty();
        trust.add(PadesTestSupport.root());
        return PdfSignatureVerifier.builder(trust).buildCmsVerifier();
    }

    static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    @Test
    void bbOverBytesPassesDssAndOurVerifier() throws Exception {
        CadesSignature signature = signer().sign(CONTENT, PadesTestSupport.signer(TestPki.PERSONAL_AN),
                CadesOptions.of(CadesLevel.B_B));

        assertEquals(CadesLevel.B_B, signature.level());
        assertNull(signature.timeStamp());
        SignerInformation info = new CMSSignedData(signature.der()).getSignerInfos().getSigners().iterator().next();
        assertNotNull(info.getSignedAttributes().get(CMSAttributes.signingTime), "CAdES carries signing-time");
        assertNotNull(info.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificateV2));
        assertNull(new CMSSignedData(signature.der()).getSignedContent(), "detached: no content inside");
        DssCades.assertPassed(signature.der(), new InMemoryDocument(CONTENT),
                eu.europa.esig.dss.enumerations.SignatureLevel.CAdES_BASELINE_B);
        DocumentReport report = verifier().verify(signature.der(), CONTENT);
        assertEquals(Indication.TOTAL_PASSED, report.indication(), ReportJson.toJson(report));
        assertEquals(SignatureLevel.CADES_B_B, report.signatures().get(0).level());
    }

    @Test
    void btOverBytesPassesDssAndOurVerifier() throws Exception {
        CadesSignature signature = signer().sign(CONTENT, PadesTestSupport.signer(TestPki.PERSONAL_CUONG),
                CadesOptions.of(CadesLevel.B_T));

        assertNotNull(signature.timeStamp());
        DssCades.assertPassed(signature.der(), new InMemoryDocument(CONTENT),
                eu.europa.esig.dss.enumerations.SignatureLevel.CAdES_BASELINE_T);
        DocumentReport report = verifier().verify(signature.der(), CONTENT);
        assertEquals(Indication.TOTAL_PASSED, report.indication(), ReportJson.toJson(report));
        assertEquals(SignatureLevel.CADES_B_T, report.signatures().get(0).level());
        assertEquals(TimeSource.TIMESTAMP, report.signatures().get(0).signingTime().source());
    }

    @Test
    void bbAndBtOverAHashPassDssWithADigestDocumentAndOurVerifier() throws Exception {
        byte[] digest = sha256(CONTENT);
        SignerPort an = PadesTestSupport.signer(TestPki.PERSONAL_AN);
        for (CadesLevel level : CadesLevel.values()) {
            CadesSignature signature = signer().signDigest(digest, DigestAlgorithm.SHA256, an,
                    CadesOptions.of(level));
            DssCades.assertPassed(signature.der(),
                    new DigestDocument(eu.europa.esig.dss.enumerations.DigestAlgorithm.SHA256, digest),
                    level == CadesLevel.B_B ? eu.europa.esig.dss.enumerations.SignatureLevel.CAdES_BASELINE_B
                            : eu.europa.esig.dss.enumerations.SignatureLevel.CAdES_BASELINE_T);
            DocumentReport byDigest = verifier().verify(signature.der(), digest, DigestAlgorithm.SHA256);
            assertEquals(Indication.TOTAL_PASSED, byDigest.indication(), ReportJson.toJson(byDigest));
            // the signature over the hash is the signature over the content
            assertEquals(Indication.TOTAL_PASSED, verifier().verify(signature.der(), CONTENT).indication());
        }
    }

    @Test
    void rsaPssOverSha384Passes() throws Exception {
        CadesSignature signature = signer().sign(CONTENT, PadesTestSupport.signer(TestPki.PERSONAL_BINH),
                CadesOptions.of(CadesLevel.B_T).withAlgorithm(SignatureAlgorithm.RSA_PSS_SHA384));
        DssCades.assertPassed(signature.der(), new InMemoryDocument(CONTENT),
                eu.europa.esig.dss.enumerations.SignatureLevel.CAdES_BASELINE_T);
        assertEquals(Indication.TOTAL_PASSED, verifier().verify(signature.der(), CONTENT).indication());
    }

    @Test
    void pemIsTheDerInRfc7468Armour() {
        CadesSignature signature = signer().sign(CONTENT, PadesTestSupport.signer(TestPki.PERSONAL_AN),
                CadesOptions.of(CadesLevel.B_B));
        String pem = signature.pem();
        assertTrue(pem.startsWith("-----BEGIN CMS-----\n") && pem.endsWith("-----END CMS-----\n"), pem);
        String body = pem.replace("-----BEGIN CMS-----", "").replace("-----END CMS-----", "");
        assertTrue(body.lines().allMatch(l -> l.length() <= 64));
        assertArrayEquals(signature.der(), Base64.getMimeDecoder().decode(body));
    }

    @Test
    void aDigestOfTheWrongLengthOrAnAlgorithmTheKeyLacksIsRefusedBeforeSigning() {
        SignerPort an = PadesTestSupport.signer(TestPki.PERSONAL_AN);
        KysoException shortDigest = assertThrows(KysoException.class, () -> signer().signDigest(new byte[20],
                DigestAlgorithm.SHA256, an, CadesOptions.of(CadesLevel.B_B)));
        assertEquals("DIGEST_INVALID", shortDigest.code());
        KysoException ecdsa = assertThrows(KysoException.class, () -> signer().sign(CONTENT, an,
                CadesOptions.of(CadesLevel.B_B).withAlgorithm(SignatureAlgorithm.ECDSA_SHA256)));
        assertEquals("ALGORITHM_NOT_OFFERED", ecdsa.code());
        KysoException noTsa = assertThrows(KysoException.class, () -> new CadesSigner(null).sign(CONTENT, an,
                CadesOptions.of(CadesLevel.B_T)));
        assertEquals("TIMESTAMP_UNAVAILABLE", noTsa.code());
    }
}
