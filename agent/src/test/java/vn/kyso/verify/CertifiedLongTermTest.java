package vn.kyso.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Signature;
import java.util.List;

import eu.europa.esig.dss.enumerations.CertificationPermission;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import vn.kyso.pki.TrustStore;
import vn.kyso.testkit.PkiServicesExtension;
import vn.kyso.testpki.TestPki;
import vn.kyso.xml.DssXades;

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

    /**
     * EU DSS certifies with P=1 at PAdES-BASELINE-LTA, with the test PKI's key, TSA, OCSP and CRLs (in its own JVM,
     * {@link DssXades}).
     */
    static byte[] certifiedLongTerm(TestPki pki) throws Exception {
        var an = pki.get(TestPki.PERSONAL_AN);
        return DssXades.signPades(TestPdfSigner.blankPdf("Quyet dinh so 12/QD-SKHCN"),
                List.of(an.certificate(), pki.intermediate(), pki.root()), SignatureLevel.PAdES_BASELINE_LTA,
                CertificationPermission.NO_CHANGE_PERMITTED.name(), 24 * 1024, 16 * 1024, pki.urls().tsa(),
                toBeSigned -> {
                    Signature rsa = Signature.getInstance("SHA256withRSA");
                    rsa.initSign(an.privateKey());
                    rsa.update(toBeSigned);
                    return rsa.sign();
                });
    }
}
