package vn.kyso.testpki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkiServicesTest {

    private static PkiServices services;
    private static TestPki pki;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        services = PkiServices.startWithFreshPki();
        pki = services.pki();
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    private static byte[] post(String url, String type, byte[] body) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), new String(response.body()));
        return response.body();
    }

    private static byte[] get(String url) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private static CertificateStatus ocspStatus(String alias) throws Exception {
        PkiIdentity identity = pki.get(alias);
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                .get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(identity.chain().get(1)),
                identity.certificate().getSerialNumber());
        byte[] answer = post(pki.urls().ocsp(), "application/ocsp-request",
                new OCSPReqBuilder().addRequest(id).build().getEncoded());
        OCSPResp resp = new OCSPResp(answer);
        assertEquals(OCSPResp.SUCCESSFUL, resp.getStatus());
        BasicOCSPResp basic = (BasicOCSPResp) resp.getResponseObject();
        // the response is signed by a certificate it carries, issued by the same CA
        var signerCert = basic.getCerts()[0];
        assertTrue(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(signerCert)));
        assertEquals(identity.chain().get(1).getSubjectX500Principal().getName(),
                new javax.security.auth.x500.X500Principal(signerCert.getIssuer().getEncoded()).getName());
        return basic.getResponses()[0].getCertStatus();
    }

    @Test
    void ocspSaysGoodRevokedAndUnknown() throws Exception {
        assertEquals(CertificateStatus.GOOD, ocspStatus(TestPki.PERSONAL_AN));
        assertEquals(CertificateStatus.GOOD, ocspStatus(TestPki.ORGANISATION));
        CertificateStatus revoked = ocspStatus(TestPki.REVOKED);
        assertTrue(revoked instanceof RevokedStatus, "revoked certificate must be reported revoked");
        assertEquals(1, ((RevokedStatus) revoked).getRevocationReason()); // keyCompromise
        // a serial the CA never issued
        CertificateID bogus = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                .get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(pki.intermediate()),
                java.math.BigInteger.valueOf(42));
        OCSPResp resp = new OCSPResp(post(pki.urls().ocsp(), "application/ocsp-request",
                new OCSPReqBuilder().addRequest(bogus).build().getEncoded()));
        assertTrue(((BasicOCSPResp) resp.getResponseObject()).getResponses()[0].getCertStatus() instanceof UnknownStatus);
    }

    @Test
    void crlListsTheRevokedSerialOnly() throws Exception {
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(get(pki.urls().crl(TestPki.INTERMEDIATE))));
        crl.verify(pki.intermediate().getPublicKey());
        assertTrue(crl.isRevoked(pki.get(TestPki.REVOKED).certificate()));
        assertFalse(crl.isRevoked(pki.get(TestPki.PERSONAL_AN).certificate()));
        assertEquals(1, crl.getRevokedCertificates().size());
        X509CRL rootCrl = (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(get(pki.urls().crl(TestPki.ROOT))));
        rootCrl.verify(pki.root().getPublicKey());
        assertFalse(rootCrl.isRevoked(pki.intermediate()));
    }

    @Test
    void caIssuersServesTheIssuerCertificate() throws Exception {
        X509Certificate served = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(get(pki.urls().caIssuers(TestPki.INTERMEDIATE))));
        assertEquals(pki.intermediate(), served);
    }

    @Test
    void tsaIssuesTokensThatVerify() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("văn bản".getBytes(StandardCharsets.UTF_8));
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        var request = generator.generate(NISTObjectIdentifiers.id_sha256, digest, java.math.BigInteger.TEN);
        TimeStampResponse response = new TimeStampResponse(post(pki.urls().tsa(), "application/timestamp-query",
                request.getEncoded()));
        response.validate(request);
        TimeStampToken token = response.getTimeStampToken();
        assertNotNull(token);
        token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(pki.get(TestPki.TSA).certificate()));
        assertTrue(Math.abs(token.getTimeStampInfo().getGenTime().getTime() - System.currentTimeMillis()) < 60_000);
    }

    @Test
    void tsaRefusesSha1() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-1").digest(new byte[] {1});
        var request = new TimeStampRequestGenerator().generate(OIWObjectIdentifiers.idSHA1, digest);
        TimeStampResponse response = new TimeStampResponse(post(pki.urls().tsa(), "application/timestamp-query",
                request.getEncoded()));
        assertEquals(2, response.getStatus()); // rejection
    }

    @Test
    void switchedOffServiceAnswers503() throws Exception {
        services.setAvailable(PkiServices.Service.OCSP, false);
        try {
            HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(pki.urls().ocsp()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0})).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(503, response.statusCode());
        } finally {
            services.setAvailable(PkiServices.Service.OCSP, true);
        }
    }

    // ------------------------------------------------------------------ independent clients: OpenSSL

    private static String run(Path dir, List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), String.join(" ", command) + "\n" + output);
        return output;
    }

    private static void write(Path dir, String name, X509Certificate... certs) throws Exception {
        StringBuilder text = new StringBuilder();
        for (X509Certificate c : certs) {
            text.append(TestPki.pem(c));
        }
        Files.writeString(dir.resolve(name), text);
    }

    @Test
    void opensslOcspGetsGoodAndRevoked(@TempDir Path dir) throws Exception {
        write(dir, "root.pem", pki.root());
        write(dir, "issuer.pem", pki.intermediate());
        write(dir, "an.pem", pki.get(TestPki.PERSONAL_AN).certificate());
        write(dir, "revoked.pem", pki.get(TestPki.REVOKED).certificate());
        String good = run(dir, List.of("openssl", "ocsp", "-issuer", "issuer.pem", "-cert", "an.pem",
                "-url", pki.urls().ocsp(), "-CAfile", "root.pem", "-no_nonce"));
        assertTrue(good.contains("an.pem: good"), good);
        assertTrue(good.contains("Response verify OK"), good);
        String revoked = run(dir, List.of("openssl", "ocsp", "-issuer", "issuer.pem", "-cert", "revoked.pem",
                "-url", pki.urls().ocsp(), "-CAfile", "root.pem"));
        assertTrue(revoked.contains("revoked.pem: revoked"), revoked);
        assertTrue(revoked.contains("keyCompromise"), revoked);
    }

    @Test
    void opensslTsVerifyAcceptsTheTsaToken(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("data.txt"), "Quyết định số 123/QĐ-SKHCN");
        run(dir, List.of("openssl", "ts", "-query", "-data", "data.txt", "-sha256", "-cert", "-out", "req.tsq"));
        byte[] reply = post(pki.urls().tsa(), "application/timestamp-query", Files.readAllBytes(dir.resolve("req.tsq")));
        Files.write(dir.resolve("reply.tsr"), reply);
        write(dir, "root.pem", pki.root());
        write(dir, "untrusted.pem", pki.intermediate());
        String output = run(dir, List.of("openssl", "ts", "-verify", "-data", "data.txt", "-in", "reply.tsr",
                "-CAfile", "root.pem", "-untrusted", "untrusted.pem"));
        assertTrue(output.contains("Verification: OK"), output);
    }
}
