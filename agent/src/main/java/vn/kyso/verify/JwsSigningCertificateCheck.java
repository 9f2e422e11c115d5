package vn.kyso.verify;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Identifies the signer: the first x5c certificate, which x5t#S256 (or JAdES x5t#o) must then name; without x5c, the
 * certificate x5t#S256 names among those the signature and the trust store carry. A thumbprint that names a
 * different certificate than x5c's first is NO_SIGNING_CERTIFICATE_FOUND, as in EN 319 102-1: the signer's
 * protected claim about its certificate does not hold.
 */
final class JwsSigningCertificateCheck implements SignatureCheck {

    static final int MAX_CHAIN = 20;

    @Override
    public void check(SignatureContext context) {
        ObjectNode header = context.jws.header();
        List<X509Certificate> x5c = chain(header.get("x5c"));
        context.carriedCertificates.addAll(x5c);
        context.signerCertificate = signer(header, x5c, context.certificatePool());
    }

    /**
     * @param x5c  the header's x5c, read by {@link #chain}
     * @param pool where to look for the certificate a thumbprint names when there is no x5c
     * @throws VerificationFailure when no certificate is identified, or the thumbprint contradicts x5c
     */
    static X509Certificate signer(ObjectNode header, List<X509Certificate> x5c, Collection<X509Certificate> pool) {
        Thumbprint thumbprint = thumbprint(header);
        X509Certificate signer;
        if (!x5c.isEmpty()) {
            signer = x5c.get(0);
            if (thumbprint != null && !thumbprint.matches(signer)) {
                throw new VerificationFailure(SubIndication.NO_SIGNING_CERTIFICATE_FOUND,
                        thumbprint.name + " does not match the first x5c certificate");
            }
        } else if (thumbprint != null) {
            signer = pool.stream().filter(thumbprint::matches).findFirst()
                    .orElseThrow(() -> new VerificationFailure(SubIndication.NO_SIGNING_CERTIFICATE_FOUND,
                            "no certificate carried or known matches " + thumbprint.name));
        } else {
            throw new VerificationFailure(SubIndication.NO_SIGNING_CERTIFICATE_FOUND,
                    "the protected header has neither x5c nor x5t#S256");
        }
        return signer;
    }

    /** @throws VerificationFailure when x5c is present but no array of 1 to {@link #MAX_CHAIN} certificates */
    static List<X509Certificate> chain(JsonNode x5c) {
        List<X509Certificate> out = new ArrayList<>();
        if (x5c == null) {
            return out;
        }
        if (!x5c.isArray() || x5c.isEmpty() || x5c.size() > MAX_CHAIN) {
            throw new VerificationFailure(SubIndication.FORMAT_FAILURE, "x5c must be an array of 1 to " + MAX_CHAIN);
        }
        for (JsonNode entry : x5c) {
            X509Certificate certificate = null;
            if (entry.isTextual()) {
                try {
                    certificate = Certificates.parse(Base64.getDecoder().decode(entry.textValue()));
                } catch (IllegalArgumentException e) {
                    certificate = null;
                }
            }
            if (certificate == null) {
                throw new VerificationFailure(SubIndication.FORMAT_FAILURE, "an x5c entry is not a base64 certificate");
            }
            out.add(certificate);
        }
        return out;
    }

    /** x5t#S256, else x5t#o ({digAlg, digVal}); null when the header names no certificate digest. */
    private static Thumbprint thumbprint(ObjectNode header) {
        JsonNode s256 = header.get("x5t#S256");
        if (s256 != null) {
            return new Thumbprint("x5t#S256", "SHA-256", decode(s256, "x5t#S256"));
        }
        JsonNode other = header.get("x5t#o");
        if (other == null) {
            return null;
        }
        String algorithm = switch (other.path("digAlg").asText()) {
            case "S256", "http://www.w3.org/2001/04/xmlenc#sha256" -> "SHA-256";
            case "S384", "http://www.w3.org/2001/04/xmldsig-more#sha384" -> "SHA-384";
            case "S512", "http://www.w3.org/2001/04/xmlenc#sha512" -> "SHA-512";
            default -> throw new VerificationFailure(SubIndication.FORMAT_FAILURE,
                    "x5t#o digest algorithm " + other.path("digAlg").asText() + " is not accepted");
        };
        return new Thumbprint("x5t#o", algorithm, decode(other.get("digVal"), "x5t#o digVal"));
    }

    private static byte[] decode(JsonNode value, String name) {
        try {
            return Base64.getUrlDecoder().decode(value.textValue());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new VerificationFailure(SubIndication.FORMAT_FAILURE, name + " is not base64url");
        }
    }

    private record Thumbprint(String name, String algorithm, byte[] value) {
        boolean matches(X509Certificate certificate) {
            try {
                return MessageDigest.isEqual(value, MessageDigest.getInstance(algorithm)
                        .digest(certificate.getEncoded()));
            } catch (Exception e) {
                return false;
            }
        }
    }
}
