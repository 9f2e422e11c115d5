package vn.kyso.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.Signature;
import java.util.List;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.JWSSerializationType;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SignaturePackaging;
import eu.europa.esig.dss.jades.JAdESSignatureParameters;
import eu.europa.esig.dss.jades.signature.JAdESService;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.service.tsp.OnlineTSPSource;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.aia.DefaultAIASource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import vn.kyso.testpki.PkiIdentity;
import vn.kyso.testpki.TestEnvironment;

/** EU DSS (dss-jades) as the independent JAdES validator and as a second JAdES signer, on the loopback test PKI. */
final class DssJades {

    private DssJades() {
    }

    private static CommonCertificateVerifier certificateVerifier() {
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(new CertificateToken(TestEnvironment.shared().pki().root()));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        verifier.setOcspSource(new OnlineOCSPSource());
        verifier.setCrlSource(new OnlineCRLSource());
        verifier.setAIASource(new DefaultAIASource());
        return verifier;
    }

    /** @param detached the signed document for a detached signature (named as in sigD), else null */
    static SimpleReport validate(byte[] jws, DSSDocument detached) {
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(jws));
        validator.setCertificateVerifier(certificateVerifier());
        if (detached != null) {
            validator.setDetachedContents(List.of(detached));
        }
        return validator.validateDocument().getSimpleReport();
    }

    static void assertPassed(byte[] jws, DSSDocument detached, SignatureLevel level) {
        SimpleReport report = validate(jws, detached);
        assertEquals(1, report.getSignatureIdList().size(), "signatures found by DSS");
        String id = report.getFirstSignatureId();
        assertEquals(Indication.TOTAL_PASSED, report.getIndication(id),
                report.getSubIndication(id) + " " + report.getAdESValidationErrors(id));
        assertEquals(level, report.getSignatureFormat(id));
    }

    /** A JAdES signature made by DSS itself with the identity's software key (flattened JSON, DSS's defaults). */
    static byte[] sign(PkiIdentity signer, byte[] payload, SignatureLevel level) throws Exception {
        JAdESService service = new JAdESService(certificateVerifier());
        service.setTspSource(new OnlineTSPSource(TestEnvironment.shared().services().urls().tsa()));
        JAdESSignatureParameters parameters = new JAdESSignatureParameters();
        parameters.setSignatureLevel(level);
        parameters.setSignaturePackaging(SignaturePackaging.ENVELOPING);
        parameters.setJwsSerializationType(JWSSerializationType.FLATTENED_JSON_SERIALIZATION);
        parameters.setDigestAlgorithm(DigestAlgorithm.SHA256);
        parameters.setSigningCertificate(new CertificateToken(signer.certificate()));
        parameters.setCertificateChain(signer.chain().stream().skip(1).map(CertificateToken::new).toList());
        DSSDocument document = new InMemoryDocument(payload, "payload.json");
        ToBeSigned toBeSigned = service.getDataToSign(document, parameters);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(signer.privateKey());
        rsa.update(toBeSigned.getBytes());
        DSSDocument signed = service.signDocument(document, parameters,
                new SignatureValue(SignatureAlgorithm.RSA_SHA256, rsa.sign()));
        return signed.openStream().readAllBytes();
    }
}
