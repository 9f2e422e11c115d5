package vn.kyso.cms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.aia.DefaultAIASource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;

import vn.kyso.pdf.PadesTestSupport;

/** EU DSS on a detached CMS: the test root as the only anchor, online OCSP/CRL/AIA against the loopback PKI. */
public final class DssCades {

    private DssCades() {
    }

    /** The test root as the only anchor, online OCSP, CRL and AIA: for validating and for DSS's own signing. */
    public static CommonCertificateVerifier certificateVerifier() {
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(new CertificateToken(PadesTestSupport.root()));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        verifier.setOcspSource(new OnlineOCSPSource());
        verifier.setCrlSource(new OnlineCRLSource());
        verifier.setAIASource(new DefaultAIASource());
        return verifier;
    }

    /**
     * Any signature DSS recognises (CMS, JAdES …). {@code detached}: the content as an InMemoryDocument, or a
     * DigestDocument when only its digest is known; null when the signature carries its content.
     */
    public static SimpleReport validate(byte[] signature, DSSDocument detached) {
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(signature));
        validator.setCertificateVerifier(certificateVerifier());
        if (detached != null) {
            validator.setDetachedContents(List.of(detached));
        }
        return validator.validateDocument().getSimpleReport();
    }

    public static void assertPassed(byte[] signature, DSSDocument detached, SignatureLevel level) {
        SimpleReport report = validate(signature, detached);
        assertEquals(1, report.getSignatureIdList().size(), "signatures found by DSS");
        String id = report.getFirstSignatureId();
        assertEquals(Indication.TOTAL_PASSED, report.getIndication(id),
                report.getSubIndication(id) + " " + report.getAdESValidationErrors(id));
        assertEquals(level, report.getSignatureFormat(id));
    }
}
