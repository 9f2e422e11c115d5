package vn.kyso.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.util.Arrays;
import java.util.Collection;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

import vn.kyso.errors.KysoException;
import vn.kyso.token.DigestAlgorithm;

/**
 * RFC 3161 client. Every reply is checked against its own request (status, imprint, nonce) and the token's
 * signature against the TSA certificate it carries; whether that certificate chains to a trusted root is the
 * verifier's question, not this client's.
 */
public final class TimeStampClient {

    public static final String VGCA_TSA = "http://ca.gov.vn/tsa";

    private final HttpFetcher http;
    private final URI tsaUrl;
    private final SecureRandom random = new SecureRandom();

    public TimeStampClient(HttpFetcher http, URI tsaUrl) {
        this.http = http;
        this.tsaUrl = tsaUrl;
    }

    /** Asks the TSA to time-stamp {@code digest} (already computed with {@code algorithm}). */
    public TimeStamp timestamp(DigestAlgorithm algorithm, byte[] digest) {
        TimeStampRequest request = newRequest(algorithm, digest);
        byte[] reply;
        try {
            reply = http.post(tsaUrl, "application/timestamp-query", request.getEncoded());
        } catch (IOException e) {
            throw new KysoException(PkiError.TSA_UNAVAILABLE, java.util.Map.of(), e, tsaUrl, e.getMessage());
        }
        return validate(request, reply);
    }

    /** A request with a fresh 64-bit nonce that asks for the TSA certificate in the token. */
    public TimeStampRequest newRequest(DigestAlgorithm algorithm, byte[] digest) {
        if (digest.length != algorithm.length()) {
            throw new IllegalArgumentException(algorithm + " digest must be " + algorithm.length() + " bytes");
        }
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        ASN1ObjectIdentifier oid = new DefaultDigestAlgorithmIdentifierFinder().find(algorithm.jcaName()).getAlgorithm();
        return generator.generate(oid, digest, new BigInteger(64, random));
    }

    /** Checks {@code reply} against {@code request}; a reply that fails any check is TSA_RESPONSE_INVALID. */
    public TimeStamp validate(TimeStampRequest request, byte[] reply) {
        TimeStampResponse response;
        try {
            response = new TimeStampResponse(reply);
        } catch (TSPException | IOException | RuntimeException e) {
            throw invalid("not a TimeStampResp: " + e.getMessage(), e);
        }
        int status = response.getStatus();
        if (status != PKIStatus.GRANTED && status != PKIStatus.GRANTED_WITH_MODS) {
            throw invalid("status " + status + " (" + response.getStatusString() + ")", null);
        }
        TimeStampToken token = response.getTimeStampToken();
        if (token == null) {
            throw invalid("granted without a token", null);
        }
        var info = token.getTimeStampInfo();
        if (!info.getMessageImprintAlgOID().equals(request.getMessageImprintAlgOID())
                || !Arrays.equals(info.getMessageImprintDigest(), request.getMessageImprintDigest())) {
            throw invalid("the token is for another message imprint", null);
        }
        if (info.getNonce() == null || !info.getNonce().equals(request.getNonce())) {
            throw invalid("the nonce does not match the request", null);
        }
        X509CertificateHolder tsaHolder = signerCertificate(token);
        TimeStampSigners.Signer tsa;
        try {
            tsa = TimeStampSigners.of(tsaHolder);
        } catch (CertificateException | IOException e) {
            throw invalid("TSA certificate: " + e.getMessage(), e);
        }
        if (tsa.unfit() != null) {
            throw invalid("TSA certificate: " + tsa.unfit(), null); // critical EKU id-kp-timeStamping only (RFC 3161)
        }
        try {
            // Checks the signature, the ESSCertID binding to this certificate and its validity at genTime.
            token.validate(tsa.verifier());
            return new TimeStamp(token, token.getEncoded(), info.getGenTime().toInstant(), tsa.certificate());
        } catch (TSPException | IOException e) {
            throw invalid("token signature: " + e.getMessage(), e);
        }
    }

    private X509CertificateHolder signerCertificate(TimeStampToken token) {
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = token.getCertificates().getMatches(token.getSID());
        if (matches.isEmpty()) {
            throw invalid("the token does not carry the TSA certificate", null);
        }
        return matches.iterator().next();
    }

    private KysoException invalid(String reason, Throwable cause) {
        return new KysoException(PkiError.TSA_RESPONSE_INVALID, java.util.Map.of(), cause, tsaUrl, reason);
    }
}
