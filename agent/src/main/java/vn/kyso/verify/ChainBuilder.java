package vn.kyso.verify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;

import vn.kyso.pki.HttpFetcher;
import vn.kyso.pki.TrustStore;

/**
 * Builds the path from a certificate to a trusted root by issuer name and signature: from the certificates the
 * document carries, the trust store's known intermediates, and (online) the AIA caIssuers downloads. Only the
 * shape is decided here; validity, PKIX constraints and revocation are separate rules.
 */
final class ChainBuilder {

    private static final int MAX_DEPTH = 10;

    private final TrustStore trustStore;
    private final HttpFetcher http;
    private final boolean online;
    private final Map<URI, List<X509Certificate>> downloads = new ConcurrentHashMap<>();

    ChainBuilder(TrustStore trustStore, HttpFetcher http, boolean online) {
        this.trustStore = trustStore;
        this.http = http;
        this.online = online;
    }

    /** The chain, {@code leaf} first and a trust anchor last; NO_CERTIFICATE_CHAIN_FOUND when there is none. */
    List<X509Certificate> build(X509Certificate leaf, Collection<X509Certificate> pool) {
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf);
        X509Certificate current = leaf;
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            X509Certificate anchor = anchorFor(current);
            if (anchor != null) {
                if (!chain.get(chain.size() - 1).equals(anchor)) {
                    chain.add(anchor);
                }
                return List.copyOf(chain);
            }
            if (Certificates.selfSigned(current)) {
                throw noChain("the chain ends at the untrusted root \"" + Certificates.name(current) + "\"");
            }
            X509Certificate issuer = issuerIn(current, pool);
            if (issuer == null && online) {
                issuer = issuerIn(current, downloadIssuers(current));
            }
            if (issuer == null || chain.contains(issuer)) {
                throw noChain("the issuer \"" + current.getIssuerX500Principal().getName() + "\" of \"" + Certificates.name(current)
                        + "\" was not found");
            }
            chain.add(issuer);
            current = issuer;
        }
        throw noChain("the chain is longer than " + MAX_DEPTH);
    }

    private X509Certificate anchorFor(X509Certificate certificate) {
        for (X509Certificate anchor : trustStore.anchors()) {
            if (anchor.equals(certificate) || Certificates.issued(anchor, certificate)) {
                return anchor;
            }
        }
        return null;
    }

    /** The certificate in {@code pool} that issued {@code certificate} (by name and signature), or null. */
    static X509Certificate issuerIn(X509Certificate certificate, Collection<X509Certificate> pool) {
        for (X509Certificate candidate : pool) {
            if (!candidate.equals(certificate) && Certificates.issued(candidate, certificate)) {
                return candidate;
            }
        }
        return null;
    }

    private List<X509Certificate> downloadIssuers(X509Certificate certificate) {
        List<X509Certificate> found = new ArrayList<>();
        for (URI url : caIssuers(certificate)) {
            found.addAll(downloads.computeIfAbsent(url, this::download));
        }
        return found;
    }

    private List<X509Certificate> download(URI url) {
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(http.get(url)));
            List<X509Certificate> result = new ArrayList<>();
            for (Certificate certificate : certificates) {
                result.add((X509Certificate) certificate);
            }
            return result;
        } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
            // An unreachable caIssuers URL is the same as an absent one: the chain is then not found.
            return List.of();
        }
    }

    static List<URI> caIssuers(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
        List<URI> urls = new ArrayList<>();
        if (value == null) {
            return urls;
        }
        try {
            AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(
                    ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(value).getOctets()));
            for (AccessDescription description : aia.getAccessDescriptions()) {
                GeneralName location = description.getAccessLocation();
                if (description.getAccessMethod().equals(AccessDescription.id_ad_caIssuers)
                        && location.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    URI url = new URI(DERIA5String.getInstance(location.getName()).getString().trim());
                    if ("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme())) {
                        urls.add(url);
                    }
                }
            }
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            // malformed AIA: no URL to follow
        }
        return urls;
    }

    private static VerificationFailure noChain(String reason) {
        return new VerificationFailure(SubIndication.NO_CERTIFICATE_CHAIN_FOUND, reason);
    }
}
