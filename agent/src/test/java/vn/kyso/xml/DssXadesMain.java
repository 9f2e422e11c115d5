package vn.kyso.xml;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SignaturePackaging;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.service.tsp.OnlineTSPSource;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import eu.europa.esig.dss.token.Pkcs12SignatureToken;
import eu.europa.esig.dss.xades.XAdESSignatureParameters;
import eu.europa.esig.dss.xades.signature.XAdESService;

import eu.europa.esig.dss.jaxb.object.Message;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.aia.DefaultAIASource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;

/**
 * EU DSS in a JVM of its own (DSS 6.4 needs Santuario 3.0; the agent ships 4.0), reading one request per line
 * from stdin and answering one line "DSS-RESULT" TAB milliseconds TAB …:
 * <ul>
 * <li>VALIDATE signature-file detached-file|- detached-name|- → count, indication, sub-indication, format, errors;</li>
 * <li>SIGN pkcs12-file password input-file level packaging output-file tsa-url → "signed" (XAdES with DSS's
 * XAdESService, the key from the PKCS#12 file, the TSA and OCSP/CRL of the test PKI).</li>
 * </ul>
 * Started by {@link DssXades}; the milliseconds are DSS's own time, without the process plumbing.
 *
 * @see DssXades
 */
public final class DssXadesMain {

    private DssXadesMain() {
    }

    /** @param args the trusted root certificate (PEM) */
    public static void main(String[] args) throws Exception {
        CertificateToken root = DSSUtils.loadCertificate(Files.readAllBytes(Path.of(args[0])));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("DSS-READY");
        System.out.flush();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] request = line.split("\t");
            String answer;
            long start = System.nanoTime();
            try {
                answer = "SIGN".equals(request[0]) ? sign(root, request) : validate(root, request);
            } catch (Exception | Error e) {
                answer = "0\tERROR\t" + e.toString().replace('\t', ' ').replace('\n', ' ') + "\t-\t-";
            }
            System.out.println("DSS-RESULT\t" + (System.nanoTime() - start) / 1_000_000 + "\t" + answer);
            System.out.flush();
        }
    }

    private static CommonCertificateVerifier verifier(CertificateToken root) {
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(root);
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        verifier.setOcspSource(new OnlineOCSPSource());
        verifier.setCrlSource(new OnlineCRLSource());
        verifier.setAIASource(new DefaultAIASource());
        return verifier;
    }

    private static String sign(CertificateToken root, String[] request) throws Exception {
        XAdESService service = new XAdESService(verifier(root));
        service.setTspSource(new OnlineTSPSource(request[7]));
        XAdESSignatureParameters parameters = new XAdESSignatureParameters();
        parameters.setSignatureLevel(SignatureLevel.valueOf(request[4]));
        parameters.setSignaturePackaging(SignaturePackaging.valueOf(request[5]));
        parameters.setDigestAlgorithm(DigestAlgorithm.SHA256);
        DSSDocument input = new FileDocument(request[3]);
        try (Pkcs12SignatureToken token = new Pkcs12SignatureToken(request[1],
                new KeyStore.PasswordProtection(request[2].toCharArray()))) {
            DSSPrivateKeyEntry key = token.getKeys().get(0);
            parameters.setSigningCertificate(key.getCertificate());
            parameters.setCertificateChain(key.getCertificateChain());
            ToBeSigned toBeSigned = service.getDataToSign(input, parameters);
            SignatureValue value = token.sign(toBeSigned, parameters.getDigestAlgorithm(), key);
            service.signDocument(input, parameters, value).save(request[6]);
        }
        return "signed";
    }

    /** DSS's messages by their key and text, so a verdict says which constraint failed. */
    private static String texts(List<Message> messages) {
        return messages.stream().map(m -> m.getKey() + ": " + m.getValue()).toList().toString();
    }

    private static String validate(CertificateToken root, String[] request) {
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new FileDocument(request[1]));
        validator.setCertificateVerifier(verifier(root));
        if (!"-".equals(request[2])) {
            FileDocument detached = new FileDocument(request[2]);
            detached.setName(request[3]);
            validator.setDetachedContents(List.of(detached));
        }
        SimpleReport report = validator.validateDocument().getSimpleReport();
        if (report.getSignatureIdList().isEmpty()) {
            return "0\tNONE\t-\t-\t-";
        }
        String id = report.getFirstSignatureId();
        return report.getSignatureIdList().size() + "\t" + report.getIndication(id) + "\t"
                + report.getSubIndication(id) + "\t" + report.getSignatureFormat(id) + "\t"
                + (texts(report.getAdESValidationErrors(id)) + " warnings "
                + texts(report.getAdESValidationWarnings(id)))
                .replace('\t', ' ').replace('\n', ' ');
    }
}
