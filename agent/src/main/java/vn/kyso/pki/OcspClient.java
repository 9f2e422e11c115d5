package vn.kyso.pki;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import vn.kyso.errors.KysoException;

/**
 * RFC 6960 client. Answers are accepted only when signed by the issuer itself or by a responder certificate the
 * issuer issued for id-kp-OCSPSigning, and only for the CertID and nonce that were asked. Validated answers are
 * cached per (issuer key hash, serial) until their nextUpdate, never longer than {@code maxCacheAge}.
 */
public final class OcspClient {

    public static final Duration DEFAULT_MAX_CACHE_AGE = Duration.ofHours(24);
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(5);

    private final HttpFetcher http;
    private final Clock clock;
    private final Duration maxCacheAge;
    private final Duration clockSkew;
    private final SecureRandom random = new SecureRandom();
    private final DigestCalculatorProvider digests;
    private final Map<String, CachedAnswer> cache = new ConcurrentHashMap<>();

    private record CachedAnswer(OcspResult result, Instant expires) {
    }

    public OcspClient(HttpFetcher http, Clock clock, Duration maxCacheAge, Duration clockSkew) {
        this.http = http;
        this.clock = clock;
        this.maxCacheAge = maxCacheAge;
        this.clockSkew = clockSkew;
        try {
            this.digests = new JcaDigestCalculatorProviderBuilder().build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("no digest provider", e);
        }
    }

    public OcspClient(HttpFetcher http) {
        this(http, Clock.systemUTC(), DEFAULT_MAX_CACHE_AGE, DEFAULT_CLOCK_SKEW);
    }

    /** Asks the first OCSP responder named in the certificate's AIA (after the fetcher's remap). */
    public OcspResult check(X509Certificate certificate, X509Certificate issuer) {
        List<URI> responders = CertificateUrls.ocspResponders(certificate);
        if (responders.isEmpty()) {
            throw new KysoException(PkiError.OCSP_NO_RESPONDER, CertificateUrls.describe(certificate));
        }
        return check(certificate, issuer, responders.get(0));
    }

    /**
     * Like {@link #check(X509Certificate, X509Certificate)}, but a cached answer counts only if the responder produced
     * it after {@code freshAfter}: long-term validation data must postdate the signature's time-stamp, or a
     * validator cannot use it to show the certificate was good when the signature was made.
     */
    public OcspResult check(X509Certificate certificate, X509Certificate issuer, Instant freshAfter) {
        List<URI> responders = CertificateUrls.ocspResponders(certificate);
        if (responders.isEmpty()) {
            throw new KysoException(PkiError.OCSP_NO_RESPONDER, CertificateUrls.describe(certificate));
        }
        return check(certificate, issuer, responders.get(0), freshAfter);
    }

    /** Asks {@code responder} (remapped like any URL) about {@code certificate}. */
    public OcspResult check(X509Certificate certificate, X509Certificate issuer, URI responder) {
        return check(certificate, issuer, responder, null);
    }

    private OcspResult check(X509Certificate certificate, X509Certificate issuer, URI responder, Instant freshAfter) {
        CertificateID id = certificateId(certificate, issuer);
        String key = HexFormat.of().formatHex(id.getIssuerKeyHash()) + ":" + id.getSerialNumber().toString(16);
        Instant now = clock.instant();
        CachedAnswer cached = cache.get(key);
        if (cached != null && now.isBefore(cached.expires()) && (freshAfter == null
                || cached.result().thisUpdate() != null && cached.result().thisUpdate().isAfter(freshAfter))) {
            return cached.result().servedFromCache();
        }
        OcspResult result = ask(responder, issuer, id, now);
        if (freshAfter != null && inTheSameSecond(result.thisUpdate(), freshAfter)) {
            // OCSP times have whole seconds: an answer made in the time-stamp's own second does not read as later
            // than it (validators want it strictly later). Ask again once the next second has begun.
            pauseUntil(freshAfter.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
            now = clock.instant();
            result = ask(responder, issuer, id, now);
        }
        Instant expires = now.plus(maxCacheAge);
        if (result.nextUpdate() != null && result.nextUpdate().isBefore(expires)) {
            expires = result.nextUpdate();
        }
        cache.put(key, new CachedAnswer(result, expires));
        return result;
    }

    private OcspResult ask(URI responder, X509Certificate issuer, CertificateID id, Instant now) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        Extension nonceExtension;
        byte[] reply;
        try {
            nonceExtension = new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                    new DEROctetString(new DEROctetString(nonce).getEncoded()));
            OCSPReq request = new OCSPReqBuilder().addRequest(id)
                    .setRequestExtensions(new Extensions(nonceExtension)).build();
            reply = http.post(responder, "application/ocsp-request", request.getEncoded());
        } catch (IOException e) {
            throw new KysoException(PkiError.OCSP_UNAVAILABLE, Map.of(), e, responder, e.getMessage());
        } catch (OCSPException e) {
            throw new IllegalStateException("cannot build an OCSP request", e);
        }
        return new ResponseCheck(responder, issuer, id, nonceExtension, now).validate(reply);
    }

    /** True when {@code thisUpdate} is not after {@code time} only because both fall in the same second. */
    private static boolean inTheSameSecond(Instant thisUpdate, Instant time) {
        return thisUpdate != null && !thisUpdate.isAfter(time)
                && !thisUpdate.isBefore(time.truncatedTo(ChronoUnit.SECONDS));
    }

    private void pauseUntil(Instant moment) {
        long millis = Duration.between(clock.instant(), moment).toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(Math.min(millis, 1000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Forgets every cached answer, e.g. after the administrator changed the trust settings. */
    public void clearCache() {
        cache.clear();
    }

    private CertificateID certificateId(X509Certificate certificate, X509Certificate issuer) {
        try {
            // SHA-1 CertID: it only names the certificate, and most responders (VGCA's too) match on SHA-1 alone.
            return new CertificateID(digests.get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(issuer),
                    certificate.getSerialNumber());
        } catch (OCSPException | OperatorCreationException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot compute the OCSP CertID", e);
        }
    }

    /** The checks on one reply; each failure is OCSP_RESPONSE_INVALID with the reason. */
    private final class ResponseCheck {
        private final URI responder;
        private final X509Certificate issuer;
        private final CertificateID id;
        private final Extension nonce;
        private final Instant now;

        ResponseCheck(URI responder, X509Certificate issuer, CertificateID id, Extension nonce, Instant now) {
            this.responder = responder;
            this.issuer = issuer;
            this.id = id;
            this.nonce = nonce;
            this.now = now;
        }

        OcspResult validate(byte[] reply) {
            BasicOCSPResp basic = parse(reply);
            X509CertificateHolder signer = signerOf(basic);
            try {
                if (!basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(signer))) {
                    throw invalid("the signature does not verify");
                }
            } catch (OCSPException | OperatorCreationException | CertificateException e) {
                throw invalid("the signature cannot be checked: " + e.getMessage());
            }
            Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (echoed != null && !echoed.getExtnValue().equals(nonce.getExtnValue())) {
                throw invalid("the nonce does not match the request (replayed answer?)");
            }
            SingleResp single = answerFor(basic);
            Instant thisUpdate = single.getThisUpdate().toInstant();
            Instant nextUpdate = single.getNextUpdate() == null ? null : single.getNextUpdate().toInstant();
            if (thisUpdate.isAfter(now.plus(clockSkew))) {
                throw invalid("thisUpdate " + thisUpdate + " is in the future");
            }
            if (nextUpdate != null && nextUpdate.isBefore(now.minus(clockSkew))) {
                throw invalid("the answer is stale: nextUpdate " + nextUpdate + " has passed");
            }
            X509Certificate responderCertificate = toJca(signer);
            CertificateStatus status = single.getCertStatus();
            if (status == CertificateStatus.GOOD) {
                return new OcspResult(OcspResult.Status.GOOD, null, null, thisUpdate, nextUpdate,
                        responderCertificate, reply, false);
            }
            if (status instanceof RevokedStatus revoked) {
                RevocationReason reason = revoked.hasRevocationReason()
                        ? RevocationReason.ofCode(revoked.getRevocationReason()) : null;
                return new OcspResult(OcspResult.Status.REVOKED, revoked.getRevocationTime().toInstant(), reason,
                        thisUpdate, nextUpdate, responderCertificate, reply, false);
            }
            if (status instanceof UnknownStatus) {
                return new OcspResult(OcspResult.Status.UNKNOWN, null, null, thisUpdate, nextUpdate,
                        responderCertificate, reply, false);
            }
            throw invalid("unrecognised certificate status");
        }

        private BasicOCSPResp parse(byte[] reply) {
            try {
                OCSPResp response = new OCSPResp(reply);
                if (response.getStatus() != OCSPResp.SUCCESSFUL) {
                    throw invalid("response status " + response.getStatus());
                }
                if (!(response.getResponseObject() instanceof BasicOCSPResp basic)) {
                    throw invalid("not a basic OCSP response");
                }
                return basic;
            } catch (IOException | OCSPException | RuntimeException e) {
                if (e instanceof KysoException k) {
                    throw k;
                }
                throw invalid("not an OCSPResponse: " + e.getMessage());
            }
        }

        /** The issuer itself, or a delegated responder certificate that the issuer issued for OCSP signing. */
        private X509CertificateHolder signerOf(BasicOCSPResp basic) {
            try {
                X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
                RespID responderId = basic.getResponderId();
                if (identifies(responderId, issuerHolder)) {
                    return issuerHolder;
                }
                for (X509CertificateHolder candidate : basic.getCerts()) {
                    if (identifies(responderId, candidate)) {
                        checkDelegated(candidate, issuerHolder);
                        return candidate;
                    }
                }
                throw invalid("the responder certificate is neither the issuer nor included in the answer");
            } catch (CertificateEncodingException | OCSPException e) {
                throw invalid(e.getMessage());
            }
        }

        private boolean identifies(RespID responderId, X509CertificateHolder certificate) throws OCSPException {
            DigestCalculator sha1;
            try {
                sha1 = digests.get(CertificateID.HASH_SHA1);
            } catch (OperatorCreationException e) {
                throw new OCSPException("no SHA-1", e);
            }
            return responderId.equals(new RespID(certificate.getSubject()))
                    || responderId.equals(new RespID(certificate.getSubjectPublicKeyInfo(), sha1));
        }

        private void checkDelegated(X509CertificateHolder responderCert, X509CertificateHolder issuerHolder) {
            X500Name issuerName = issuerHolder.getSubject();
            if (!responderCert.getIssuer().equals(issuerName)) {
                throw invalid("the responder certificate was not issued by the certificate's issuer");
            }
            try {
                if (!responderCert.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer))) {
                    throw invalid("the responder certificate's signature does not verify with the issuer's key");
                }
            } catch (OperatorCreationException | org.bouncycastle.cert.CertException e) {
                throw invalid("the responder certificate cannot be checked: " + e.getMessage());
            }
            ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(responderCert.getExtensions());
            if (eku == null || !eku.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning)) {
                throw invalid("the responder certificate lacks id-kp-OCSPSigning");
            }
            if (!responderCert.isValidOn(Date.from(now))) {
                throw invalid("the responder certificate is not valid now");
            }
        }

        private SingleResp answerFor(BasicOCSPResp basic) {
            for (SingleResp single : basic.getResponses()) {
                if (single.getCertID().equals(id)) {
                    return single;
                }
            }
            throw invalid("no answer for the certificate that was asked about (serial "
                    + id.getSerialNumber().toString(16) + ")");
        }

        private X509Certificate toJca(X509CertificateHolder holder) {
            try {
                return new JcaX509CertificateConverter().getCertificate(holder);
            } catch (CertificateException e) {
                throw invalid("unreadable responder certificate: " + e.getMessage());
            }
        }

        private KysoException invalid(String reason) {
            return new KysoException(PkiError.OCSP_RESPONSE_INVALID, responder, reason);
        }
    }
}
