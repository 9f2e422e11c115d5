package vn.kyso.vgca;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

import vn.kyso.errors.KysoException;
import vn.kyso.token.CertificateEntry;
import vn.kyso.token.TokenManager;
import vn.kyso.usecase.SigningRefusal;
import vn.kyso.verify.CertificateType;

/**
 * Which certificate signs a legacy job. The old service asked in its own picker; pages never named one. Here: the
 * page may name one ({@code CertificateId}, from {@code tokens.list}); otherwise the only certificate of the kind the
 * act needs (personal for approve/comment/message, the organisation's for issue, copy, appendix, incoming). More than
 * one candidate is refused with the list rather than guessed.
 */
public final class SigningCertificates {

    private final TokenManager tokens;
    private final Predicate<CertificateEntry> knownRevoked;

    public SigningCertificates(TokenManager tokens) {
        this(tokens, c -> false);
    }

    /** @param knownRevoked what the agent's background revocation check found revoked */
    public SigningCertificates(TokenManager tokens, Predicate<CertificateEntry> knownRevoked) {
        this.tokens = tokens;
        this.knownRevoked = knownRevoked;
    }

    public CertificateEntry choose(String requestedId, boolean organisation) {
        if (requestedId != null && !requestedId.isBlank()) {
            CertificateEntry named = tokens.certificate(requestedId.trim());
            refuseUnoffered(named);
            return named;
        }
        CertificateType wanted = organisation ? CertificateType.ORGANISATION : CertificateType.PERSONAL;
        Instant now = Instant.now();
        List<CertificateEntry> candidates = tokens.certificates().stream()
                .filter(c -> c.offeredForSigning(now)) // never a Sub CA or Root CA, nor one outside its validity
                .filter(c -> !knownRevoked.test(c))
                .filter(c -> c.keyUsage().isEmpty() || c.keyUsage().contains("digitalSignature")
                        || c.keyUsage().contains("nonRepudiation"))
                .filter(c -> typeOf(c) == wanted)
                .toList();
        String kind = organisation ? "tổ chức/organisation" : "cá nhân/personal";
        if (candidates.isEmpty()) {
            throw new KysoException(VgcaError.NO_SIGNING_CERTIFICATE, Map.of(), null, kind);
        }
        if (candidates.size() > 1) {
            throw new KysoException(VgcaError.CERTIFICATE_CHOICE_REQUIRED,
                    Map.of("candidates", candidates.stream().map(CertificateEntry::id).toList()), null,
                    candidates.size(), kind, candidates.stream().map(c -> commonName(c) + " = " + c.id())
                    .collect(Collectors.joining("; ")));
        }
        return candidates.get(0);
    }

    /**
     * A page naming a certificate the person would not be offered gets the signing rules' own refusal, before any
     * prompt: a CA's certificate, one outside its validity period, or one found revoked.
     */
    private void refuseUnoffered(CertificateEntry c) {
        if (c.ca()) {
            throw SigningRefusal.caCertificate();
        }
        switch (c.validity(Instant.now())) {
            case EXPIRED -> throw new KysoException(SigningRefusal.CERT_EXPIRED, c.notAfter());
            case NOT_YET_VALID -> throw new KysoException(SigningRefusal.CERT_NOT_YET_VALID, c.notBefore());
            default -> { }
        }
        if (knownRevoked.test(c)) {
            throw new KysoException(SigningRefusal.CERT_REVOKED, commonName(c));
        }
    }

    static CertificateType typeOf(CertificateEntry entry) {
        X500Name subject = subject(entry);
        return CertificateType.of(first(subject, BCStyle.CN), first(subject, BCStyle.O), all(subject, BCStyle.UID));
    }

    static String commonName(CertificateEntry entry) {
        String cn = first(subject(entry), BCStyle.CN);
        return cn == null ? entry.subject() : cn;
    }

    static String organisation(CertificateEntry entry) {
        return first(subject(entry), BCStyle.O);
    }

    static String email(CertificateEntry entry) {
        return first(subject(entry), BCStyle.E);
    }

    private static X500Name subject(CertificateEntry entry) {
        // from the DER bytes, so Vietnamese names survive whatever string type the CA used
        return X500Name.getInstance(entry.certificate().getSubjectX500Principal().getEncoded());
    }

    private static String first(X500Name name, ASN1ObjectIdentifier type) {
        List<String> values = all(name, type);
        return values.isEmpty() ? null : values.get(0);
    }

    private static List<String> all(X500Name name, ASN1ObjectIdentifier type) {
        return java.util.Arrays.stream(name.getRDNs(type)).map(RDN::getFirst)
                .map(v -> v.getValue() instanceof ASN1String text ? text.getString()
                        : IETFUtils.valueToString(v.getValue())).toList();
    }
}
