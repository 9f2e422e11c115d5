package vn.kyso.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.asn1.x509.Extension;

import vn.kyso.errors.KysoException;

/**
 * Downloads and checks CRLs (RFC 5280 §6.3, complete CRLs only). Each CRL is cached per URL until its nextUpdate,
 * never longer than {@code maxCacheAge}; the signature and the issuer are checked on every use, because two
 * issuers could claim the same URL.
 */
public final class CrlClient {

    public static final Duration DEFAULT_MAX_CACHE_AGE = Duration.ofHours(24);
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(5);

    /** Critical extensions a complete CRL from the certificate's own issuer may carry. */
    private static final Set<String> UNDERSTOOD_CRITICAL = Set.of();

    private final HttpFetcher http;
    private final Clock clock;
    private final Duration maxCacheAge;
    private final Duration clockSkew;
    private final Map<URI, CachedCrl> cache = new ConcurrentHashMap<>();

    private record CachedCrl(X509CRL crl, byte[] encoded, Instant expires) {
    }

    public CrlClient(HttpFetcher http, Clock clock, Duration maxCacheAge, Duration clockSkew) {
        this.http = http;
        this.clock = clock;
        this.maxCacheAge = maxCacheAge;
        this.clockSkew = clockSkew;
    }

    public CrlClient(HttpFetcher http) {
        this(http, Clock.systemUTC(), DEFAULT_MAX_CACHE_AGE, DEFAULT_CLOCK_SKEW);
    }

    /** Uses the certificate's first http(s) CRL distribution point. */
    public CrlResult check(X509Certificate certificate, X509Certificate issuer) {
        List<URI> points = CertificateUrls.crlDistributionPoints(certificate);
        if (points.isEmpty()) {
            throw new KysoException(PkiError.CRL_NO_DISTRIBUTION_POINT, CertificateUrls.describe(certificate));
        }
        return check(certificate, issuer, points.get(0));
    }

    public CrlResult check(X509Certificate certificate, X509Certificate issuer, URI distributionPoint) {
        URI url = resolve(distributionPoint);
        Instant now = clock.instant();
        CachedCrl cached = cache.get(url);
        boolean fromCache = cached != null && now.isBefore(cached.expires());
        if (!fromCache) {
            cached = download(url, now);
        }
        X509CRL crl = cached.crl();
        checkIssuedBy(crl, issuer, url);
        Instant thisUpdate = crl.getThisUpdate().toInstant();
        Instant nextUpdate = crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant();
        if (thisUpdate.isAfter(now.plus(clockSkew))) {
            throw invalid(url, "thisUpdate " + thisUpdate + " is in the future");
        }
        if (nextUpdate != null && nextUpdate.isBefore(now.minus(clockSkew))) {
            throw invalid(url, "the CRL is stale: nextUpdate " + nextUpdate + " has passed");
        }
        if (!fromCache) {
            cache.put(url, cached);
        }
        X509CRLEntry entry = crl.getRevokedCertificate(certificate);
        if (entry == null) {
            return new CrlResult(false, null, null, thisUpdate, nextUpdate, crl, cached.encoded(), fromCache);
        }
        RevocationReason reason = entry.getRevocationReason() == null
                ? null : RevocationReason.ofCode(entry.getRevocationReason().ordinal());
        return new CrlResult(true, entry.getRevocationDate().toInstant(), reason, thisUpdate, nextUpdate, crl,
                cached.encoded(), fromCache);
    }

    public void clearCache() {
        cache.clear();
    }

    private URI resolve(URI distributionPoint) {
        try {
            return http.resolve(distributionPoint);
        } catch (IOException e) {
            throw new KysoException(PkiError.CRL_UNAVAILABLE, Map.of(), e, distributionPoint, e.getMessage());
        }
    }

    private CachedCrl download(URI url, Instant now) {
        byte[] encoded;
        try {
            encoded = http.get(url);
        } catch (IOException e) {
            throw new KysoException(PkiError.CRL_UNAVAILABLE, Map.of(), e, url, e.getMessage());
        }
        X509CRL crl;
        try {
            crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(encoded));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw invalid(url, "not a DER/PEM CRL: " + e.getMessage());
        }
        if (crl == null) {
            throw invalid(url, "empty response");
        }
        Set<String> critical = crl.getCriticalExtensionOIDs();
        if (critical != null) {
            for (String oid : critical) {
                if (!UNDERSTOOD_CRITICAL.contains(oid)) {
                    // Delta CRLs and issuing-distribution-point scoping change what "absent" means: fail closed.
                    String what = oid.equals(Extension.deltaCRLIndicator.getId()) ? "delta CRL"
                            : oid.equals(Extension.issuingDistributionPoint.getId()) ? "partitioned CRL (IDP)"
                            : "critical extension " + oid;
                    throw invalid(url, "unsupported " + what);
                }
            }
        }
        Instant expires = now.plus(maxCacheAge);
        if (crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isBefore(expires)) {
            expires = crl.getNextUpdate().toInstant();
        }
        return new CachedCrl(crl, encoded, expires);
    }

    private void checkIssuedBy(X509CRL crl, X509Certificate issuer, URI url) {
        // RFC 5280 name matching (X500Principal.equals), not strings: string forms of Vietnamese names vary.
        if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            throw invalid(url, "issued by " + crl.getIssuerX500Principal().getName() + ", not by the certificate's CA");
        }
        try {
            crl.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw invalid(url, "the signature does not verify with the issuer's key: " + e.getMessage());
        }
    }

    private static KysoException invalid(URI url, String reason) {
        return new KysoException(PkiError.CRL_INVALID, url, reason);
    }
}
