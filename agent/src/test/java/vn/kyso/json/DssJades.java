package vn.kyso.json;

import java.security.Signature;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
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
import eu.europa.esig.dss.service.tsp.OnlineTSPSource;
import eu.europa.esig.dss.simplereport.SimpleReport;

import vn.kyso.cms.DssCades;
import vn.kyso.testpki.PkiIdentity;
import vn.kyso.testpki.TestEnvironment;

/** EU DSS (dss-jades) as the independent JAdES validator and as a second JAdES signer, on the loopback test PKI. */
final class DssJades {

    private DssJades() {
    }

    static SimpleReport validate(byte[] jws, DSSDocument detached) {
        return DssCades.validate(jws, detached);
    }

    static void assertPassed(byte[] jws, DSSDocument detached, SignatureLevel level) {
        DssCades.assertPassed(jws, detached, level);
    }

    /** A JAdES signature made by DSS itself with the identity's software key (flattened JSON, DSS's defaults). */
    static byte[] sign(PkiIdentity signer, byte[] payload, SignatureLevel level) throws Exception {
        JAdESService service = new JAdESService(DssCades.certificateVerifier());
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
