package vn.kyso.xml;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import eu.europa.esig.dss.enumerations.CertificationPermission;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SignaturePackaging;
import eu.europa.esig.dss.jaxb.object.Message;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.policy.ValidationPolicy;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.pades.validation.PDFDocumentValidator;
import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.service.tsp.OnlineTSPSource;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.aia.DefaultAIASource;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import eu.europa.esig.dss.token.Pkcs12SignatureToken;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.policy.ValidationPolicyLoader;
import eu.europa.esig.dss.validation.reports.Reports;
import eu.europa.esig.dss.xades.XAdESSignatureParameters;
import eu.europa.esig.dss.xades.signature.XAdESService;

/**
 * EU DSS in a JVM of its own, on the libraries DSS 6.4 was built for rather than the agent's: Santuario 3.0 (the
 * agent ships 4.0) and BouncyCastle 1.84 (from 1.85 on BouncyCastle refuses the zero padding after the CMS in a
 * PDF's /Contents, so DSS 6.4 would find no PAdES signature). It reads one request per line from stdin and answers
 * one line "DSS-RESULT" TAB milliseconds TAB …:
 * <ul>
 * <li>VALIDATE signature-file detached-file|- detached-name|- → count, indication, sub-indication, format, errors;</li>
 * <li>REPORTS document password|- online|offline folder → "reports", with DSS's diagnostic data, detailed and simple
 * reports as XML in the folder (diagnostic.xml, detailed.xml, simple.xml); offline: no OCSP, CRL or AIA source;</li>
 * <li>TIMED document → wall and CPU nanoseconds of one offline validation (no OCSP, CRL or AIA source; DSS's default
 * policy, loaded once), then per signature "indication/sub-indication/format", comma-separated;</li>
 * <li>SIGN pkcs12-file password input-file level packaging output-file tsa-url → "signed" (XAdES with DSS's
 * XAdESService, the key from the PKCS#12 file, the TSA and OCSP/CRL of the test PKI);</li>
 * <li>PADES_PREPARE input-file certificates level permission|- content-size timestamp-size|- tsa-url tbs-file →
 * "prepared": DSS's PAdESService data to be signed written to tbs-file (certificates: PEM files, comma-separated,
 * the signer's first, its root last and trusted; permission: a DocMDP CertificationPermission for a certification
 * signature);</li>
 * <li>PADES_SIGN tbs-file signature-algorithm value-file output-file → "signed": the prepared document signed with
 * the value made outside (by the token under test or a test key).</li>
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
                answer = switch (request[0]) {
                    case "SIGN" -> sign(root, request);
                    case "REPORTS" -> reports(root, request);
                    case "TIMED" -> timed(root, request);
                    case "PADES_PREPARE" -> padesPrepare(root, request);
                    case "PADES_SIGN" -> padesSign(request);
                    default -> validate(root, request);
                };
            } catch (Exception | Error e) {
                answer = "0\tERROR\t" + e.toString().replace('\t', ' ').replace('\n', ' ') + "\t-\t-";
            }
            System.out.println("DSS-RESULT\t" + (System.nanoTime() - start) / 1_000_000 + "\t" + answer);
            System.out.flush();
        }
    }

    /** PAdES signatures prepared and not signed yet, by their tbs-file. */
    private static final Map<String, Prepared> PREPARED = new HashMap<>();

    private record Prepared(PAdESService service, DSSDocument document, PAdESSignatureParameters parameters) {
    }

    private static CommonCertificateVerifier verifier(CertificateToken root) {
        return verifier(root, true);
    }

    private static CommonCertificateVerifier verifier(CertificateToken root, boolean online,
                                                      CertificateToken... alsoTrusted) {
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(root);
        for (CertificateToken anchor : alsoTrusted) {
            trusted.addCertificate(anchor);
        }
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        verifier.setOcspSource(online ? new OnlineOCSPSource() : null);
        verifier.setCrlSource(online ? new OnlineCRLSource() : null);
        verifier.setAIASource(online ? new DefaultAIASource() : null);
        return verifier;
    }

    private static String reports(CertificateToken root, String[] request) throws Exception {
        // unnamed and in memory, as the tests gave it to DSS in their own JVM: DSS then tells the format by content
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(
                new InMemoryDocument(Files.readAllBytes(Path.of(request[1]))));
        validator.setCertificateVerifier(verifier(root, "online".equals(request[3])));
        if (!"-".equals(request[2])) {
            ((PDFDocumentValidator) validator).setPasswordProtection(request[2].toCharArray());
        }
        Reports reports = validator.validateDocument();
        Path folder = Path.of(request[4]);
        Files.writeString(folder.resolve("diagnostic.xml"), reports.getXmlDiagnosticData());
        Files.writeString(folder.resolve("detailed.xml"), reports.getXmlDetailedReport());
        Files.writeString(folder.resolve("simple.xml"), reports.getXmlSimpleReport());
        return "reports";
    }

    private static ValidationPolicy defaultPolicy;

    private static String timed(CertificateToken root, String[] request) throws Exception {
        if (defaultPolicy == null) {
            defaultPolicy = ValidationPolicyLoader.fromDefaultValidationPolicy().create();
        }
        InMemoryDocument document = new InMemoryDocument(Files.readAllBytes(Path.of(request[1])));
        CommonCertificateVerifier offline = verifier(root, false);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long c0 = cpu.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(document);
        validator.setCertificateVerifier(offline);
        SimpleReport report = validator.validateDocument(defaultPolicy).getSimpleReport();
        long nanos = System.nanoTime() - t0;
        long cpuNanos = cpu.getCurrentThreadCpuTime() - c0;
        List<String> signatures = new ArrayList<>();
        for (String id : report.getSignatureIdList()) {
            signatures.add(report.getIndication(id) + "/" + report.getSubIndication(id) + "/"
                    + report.getSignatureFormat(id));
        }
        return nanos + "\t" + cpuNanos + "\t" + String.join(",", signatures);
    }

    private static String padesPrepare(CertificateToken root, String[] request) throws Exception {
        List<CertificateToken> certificates = new ArrayList<>();
        for (String file : request[2].split(",")) {
            certificates.add(DSSUtils.loadCertificate(Files.readAllBytes(Path.of(file))));
        }
        // the chain's own root is trusted too: a test may sign under a PKI of its own
        PAdESService service = new PAdESService(verifier(root, true, certificates.get(certificates.size() - 1)));
        service.setTspSource(new OnlineTSPSource(request[7]));
        PAdESSignatureParameters parameters = new PAdESSignatureParameters();
        parameters.setSignatureLevel(SignatureLevel.valueOf(request[3]));
        parameters.setDigestAlgorithm(DigestAlgorithm.SHA256);
        if (!"-".equals(request[4])) {
            parameters.setPermission(CertificationPermission.valueOf(request[4]));
        }
        parameters.setContentSize(Integer.parseInt(request[5]));
        if (!"-".equals(request[6])) {
            parameters.getSignatureTimestampParameters().setContentSize(Integer.parseInt(request[6]));
            parameters.getArchiveTimestampParameters().setContentSize(Integer.parseInt(request[6]));
        }
        parameters.setSigningCertificate(certificates.get(0));
        parameters.setCertificateChain(certificates.subList(1, certificates.size()));
        DSSDocument document = new FileDocument(request[1]);
        ToBeSigned toBeSigned = service.getDataToSign(document, parameters);
        Files.write(Path.of(request[8]), toBeSigned.getBytes());
        PREPARED.put(request[8], new Prepared(service, document, parameters));
        return "prepared";
    }

    private static String padesSign(String[] request) throws Exception {
        Prepared prepared = PREPARED.remove(request[1]);
        SignatureValue value = new SignatureValue(SignatureAlgorithm.valueOf(request[2]),
                Files.readAllBytes(Path.of(request[3])));
        prepared.service().signDocument(prepared.document(), prepared.parameters(), value).save(request[4]);
        return "signed";
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
