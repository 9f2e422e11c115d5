package vn.kyso.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Signature;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import eu.europa.esig.dss.enumerations.CertificationPermission;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.service.tsp.OnlineTSPSource;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.aia.DefaultAIASource;
import vn.kyso.pki.TrustStore;
import vn.kyso.testkit.PkiServicesExtension;
import vn.kyso.testpki.TestPki;

/**
 * A document certified with DocMDP P=1 ("no changes") and then made long-term (B-LTA: /DSS plus a document
 * timestamp), signed by EU DSS. ISO 32000-2:2020 §12.8.5.3 says DSS and document-timestamp updates are not changes in
 * the DocMDP sense; a verifier that called them forbidden would refuse every archived certified document. A real
 * approval signature added after P=1 must still break the certification.
 */
class CertifiedLongTermTest {

    @RegisterExtension
    static final PkiServicesExtension PKI = PkiServicesExtension.fresh();

    @Test
    void dssAndDocumentTimestampAfterNoChangesCertificationAreAllowed() throws Exception {
        byte[] pdf = certifiedLongTerm(PKI.pki());

        DocumentReport report = verifier().verify(pdf);

        assertEquals(2, report.signatures().size(), "certification signature + document timestamp");
        SignatureReport certification = report.signatures().get(0);
        assertFalse(certification.documentTimestamp());
        assertEquals(Indication.TOTAL_PASSED, certification.indication(), certification.reason());
        List<ChangeKind> kinds = certification.changesAfter().stream().map(Change::kind).toList();
        assertTrue(kinds.contains(ChangeKind.DSS_ADDED), kinds.toString());
        assertTrue(kinds.contains(ChangeKind.DOCUMENT_TIMESTAMP_ADDED), kinds.toString());
        assertTrue(certification.changesAfter().stream().allMatch(Change::allowed), certification.changesAfter().toString());
        assertEquals(Indication.TOTAL_PASSED, report.indication());
    }

    @Test
    void anApprovalSignatureAfterNoChangesCertificationBreaksIt() throws Exception {
        var binh = PKI.pki().get(TestPki.PERSONAL_BINH);
        byte[] pdf = TestPdfSigner.sign(certifiedLongTerm(PKI.pki()), binh,
                TestPdfSigner.Options.of(binh, PKI.pki().urls().tsa()));

        SignatureReport certification = verifier().verify(pdf).signatures().get(0);

        assertEquals(Indication.TOTAL_FAILED, certification.indication());
        assertTrue(certification.changesAfter().stream()
                .anyMatch(c -> c.kind() == ChangeKind.SIGNATURE_ADDED && !c.allowed()), certification.changesAfter().toString());
    }

    private static PdfSignatureVerifier verifier() {
        TrustStore trust = TrustStore.empty();
        trust.add(PKI.pki().root());
        return PdfSignatureVerifier.builder(trust).build();
    }

    /** EU DSS certifies with P=1 at PAdES-BASELINE-LTA, with the test PKI's key, TSA, OCSP and CRLs. */
    static byte[] certifiedLongTerm(TestPki pki) throws Exception {
        var an = pki.get(TestPki.PERSONAL_AN);
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(new CertificateToken(pki.root()));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        verifier.setOcspSource(new OnlineOCSPSource());
        verifier.setCrlSource(new OnlineCRLSource());
        verifier.setAIASource(new DefaultAIASource());
        PAdESService service = new PAdESService(verifier);
        service.setTspSource(new OnlineTSPSource(pki.urls().tsa()));

        PAdESSignatureParameters parameters = new PAdESSignatureParameters();
        parameters.setSignatureLevel(SignatureLevel.PAdES_BASELINE_LTA);
        parameters.setDigestAlgorithm(DigestAlgorithm.SHA256);
        parameters.setPermission(CertificationPermission.NO_CHANGE_PERMITTED);
        parameters.setContentSize(24 * 1024);
        parameters.getSignatureTimestampParameters().setContentSize(16 * 1024);
        parameters.getArchiveTimestampParameters().setContentSize(16 * 1024);
        parameters.setSigningCertificate(new CertificateToken(an.certificate()));
        parameters.setCertificateChain(new CertificateToken(pki.intermediate()), new CertificateToken(pki.root()));
        DSSDocument document = new InMemoryDocument(TestPdfSigner.blankPdf("Quyet dinh so 12/QD-SKHCN"));
        ToBeSigned toBeSigned = service.getDataToSign(document, parameters);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(an.privateKey());
        rsa.update(toBeSigned.getBytes());
        DSSDocument signed = service.signDocument(document, parameters,
                new SignatureValue(SignatureAlgorithm.RSA_SHA256, rsa.sign()));
        return signed.openStream().readAllBytes();
    }
}
