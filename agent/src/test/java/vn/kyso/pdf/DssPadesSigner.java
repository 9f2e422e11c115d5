package vn.kyso.pdf;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
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
import vn.kyso.sign.TokenSignerPort;
import vn.kyso.token.SignatureAlgorithm;
import vn.kyso.testpki.TestEnvironment;

/**
 * EU DSS 6.4's own {@link PAdESService} signing with our SoftHSM2 token: DSS builds the PDF revision, the signed
 * attributes, the time-stamps and the /DSS evidence (from the loopback OCSP, CRL and TSA services); the token layer
 * only signs the digest of DSS's data to be signed. Reference signatures made by a tool we did not write.
 */
public final class DssPadesSigner {

    private final PAdESService service;
    private final TokenSignerPort signer;
    private final CertificateToken signingCertificate;
    private final List<CertificateToken> chain = new ArrayList<>();

    public DssPadesSigner(TestEnvironment env, TokenSignerPort signer) {
        this.signer = signer;
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(new CertificateToken(env.pki().root()));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        verifier.setOcspSource(new OnlineOCSPSource());
        verifier.setCrlSource(new OnlineCRLSource());
        verifier.setAIASource(new DefaultAIASource());
        service = new PAdESService(verifier);
        service.setTspSource(new OnlineTSPSource(env.services().urls().tsa()));
        signingCertificate = new CertificateToken(signer.certificate());
        for (X509Certificate c : signer.chain()) {
            chain.add(new CertificateToken(c));
        }
    }

    public DSSDocument sign(DSSDocument document, SignatureLevel level) throws Exception {
        PAdESSignatureParameters parameters = new PAdESSignatureParameters();
        parameters.setSignatureLevel(level);
        parameters.setDigestAlgorithm(DigestAlgorithm.SHA256);
        parameters.setSigningCertificate(signingCertificate);
        parameters.setCertificateChain(chain);
        parameters.setContentSize(24 * 1024); // like ours: chain + time-stamp token + CMS overhead
        ToBeSigned toBeSigned = service.getDataToSign(document, parameters);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(toBeSigned.getBytes());
        byte[] value = signer.sign(digest, SignatureAlgorithm.RSA_PKCS1_SHA256);
        return service.signDocument(document, parameters,
                new SignatureValue(eu.europa.esig.dss.enumerations.SignatureAlgorithm.RSA_SHA256, value));
    }

    public byte[] sign(byte[] pdf, SignatureLevel level) throws Exception {
        return sign(new InMemoryDocument(pdf), level).openStream().readAllBytes();
    }
}
