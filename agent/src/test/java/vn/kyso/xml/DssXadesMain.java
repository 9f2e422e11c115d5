package vn.kyso.xml;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
 * EU DSS validating XML signatures in a JVM of its own (DSS 6.4 needs Santuario 3.0; the agent ships 4.0). Reads
 * one request per line from stdin — signature file, detached file or "-", detached name or "-" — and answers one
 * line "DSS-RESULT" TAB count TAB indication TAB sub-indication TAB format TAB errors. Started by {@link DssXades}.
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
            try {
                answer = validate(root, request);
            } catch (Exception | Error e) {
                answer = "0\tERROR\t" + e.toString().replace('\t', ' ').replace('\n', ' ') + "\t-\t-";
            }
            System.out.println("DSS-RESULT\t" + answer);
            System.out.flush();
        }
    }

    private static String validate(CertificateToken root, String[] request) {
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(root);
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        verifier.setOcspSource(new OnlineOCSPSource());
        verifier.setCrlSource(new OnlineCRLSource());
        verifier.setAIASource(new DefaultAIASource());
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new FileDocument(request[0]));
        validator.setCertificateVerifier(verifier);
        if (!"-".equals(request[1])) {
            FileDocument detached = new FileDocument(request[1]);
            detached.setName(request[2]);
            validator.setDetachedContents(List.of(detached));
        }
        SimpleReport report = validator.validateDocument().getSimpleReport();
        if (report.getSignatureIdList().isEmpty()) {
            return "0\tNONE\t-\t-\t-";
        }
        String id = report.getFirstSignatureId();
        return report.getSignatureIdList().size() + "\t" + report.getIndication(id) + "\t"
                + report.getSubIndication(id) + "\t" + report.getSignatureFormat(id) + "\t"
                + (report.getAdESValidationErrors(id) + " warnings " + report.getAdESValidationWarnings(id))
                .replace('\t', ' ').replace('\n', ' ');
    }
}
