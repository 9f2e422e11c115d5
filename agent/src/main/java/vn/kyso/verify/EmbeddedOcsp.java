package vn.kyso.verify;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import vn.kyso.pki.BoundedMemo;
import vn.kyso.pki.CertificateHolders;

/**
 * Reads an OCSP response stored in the document (no nonce, no freshness to the present: it speaks about the time it
 * was made). Accepted only when signed by the issuer or by a responder certificate the issuer issued for
 * id-kp-OCSPSigning.
 */
final class EmbeddedOcsp {

    /** What one stored response says about one certificate. */
    record Answer(CertificateStatus status, Instant revocationTime, Instant thisUpdate, Instant nextUpdate) {
        boolean good() {
            return status == CertificateStatus.GOOD;
        }
    }

    private EmbeddedOcsp() {
    }

    /**
     * Signature checks of stored responses by the response's bytes and the key checked: the same responses come
     * back with every document the same CA's users sign, and the check is the costly part of reading one.
     */
    private static final BoundedMemo<SignatureKey, Boolean> SIGNATURES = new BoundedMemo<>(256);

    /** @param byCertificate whether {@code verifier} is a responder certificate's DER (else an issuer's key) */
    private record SignatureKey(BoundedMemo.Bytes responseDigest, BoundedMemo.Bytes verifier, boolean byCertificate) {
    }

    private interface Verifiers {
        ContentVerifierProvider get() throws Exception;
    }

    /** Null when {@code encoded} (parsed: {@code basic}) says nothing (verifiable) about {@code certificate}. */
    static Answer answer(byte[] encoded, BasicOCSPResp basic, X509Certificate certificate, X509Certificate issuer,
                         java.util.List<X509Certificate> documentCertificates) {
        try {
            X509CertificateHolder issuerHolder = null; // encoded only when a serial number matches
            for (SingleResp single : basic.getResponses()) {
                CertificateID id = single.getCertID();
                if (!id.getSerialNumber().equals(certificate.getSerialNumber())) {
                    continue;
                }
                if (issuerHolder == null) {
                    issuerHolder = CertificateHolders.of(issuer);
                    if (issuerHolder == null) {
                        return null;
                    }
                }
                if (!id.matchesIssuer(issuerHolder, new JcaDigestCalculatorProviderBuilder().build())) {
                    continue;
                }
                BoundedMemo.Bytes response = new BoundedMemo.Bytes(
                        java.security.MessageDigest.getInstance("SHA-256").digest(encoded));
                if (!signedByIssuerOrDelegate(basic, response, issuer, documentCertificates)) {
                    return null;
                }
                CertificateStatus status = single.getCertStatus();
                Instant revoked = status instanceof RevokedStatus r ? r.getRevocationTime().toInstant() : null;
                return new Answer(status, revoked, single.getThisUpdate().toInstant(),
                        single.getNextUpdate() == null ? null : single.getNextUpdate().toInstant());
            }
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * Stored responses parsed, by their exact bytes: a batch signed at once stores the same responses (its
     * signers', the TSA's) in every document, and one document may store a response twice (in /DSS and in a CMS).
     * Small, as a parsed response is several times its bytes; only ever read.
     */
    private static final BoundedMemo<BoundedMemo.Bytes, Optional<BasicOCSPResp>> PARSED = new BoundedMemo<>(32);

    /** The successful basic response in {@code encoded}, null when it is anything else. */
    static BasicOCSPResp basic(byte[] encoded) {
        return PARSED.get(new BoundedMemo.Bytes(encoded), bytes -> Optional.ofNullable(parse(encoded))).orElse(null);
    }

    private static BasicOCSPResp parse(byte[] encoded) {
        try {
            OCSPResp parsed = new OCSPResp(encoded);
            return parsed.getStatus() == OCSPResp.SUCCESSFUL && parsed.getResponseObject() instanceof BasicOCSPResp b
                    ? b : null;
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * The responder's certificate is looked for in the response and, as DSS does, among the certificates the
     * document carries (/DSS Certs): some signers store it there only.
     */
    private static boolean signedByIssuerOrDelegate(BasicOCSPResp basic, BoundedMemo.Bytes response,
                                                    X509Certificate issuer,
                                                    java.util.List<X509Certificate> documentCertificates)
            throws Exception {
        if (signedWith(basic, new SignatureKey(response, new BoundedMemo.Bytes(issuer.getPublicKey().getEncoded()),
                false), () -> new JcaContentVerifierProviderBuilder().build(issuer.getPublicKey()))) {
            return true;
        }
        java.util.List<X509Certificate> candidates = new java.util.ArrayList<>();
        for (X509CertificateHolder holder : basic.getCerts()) {
            X509Certificate responder = Certificates.convert(holder);
            if (responder != null) {
                candidates.add(responder);
            }
        }
        candidates.addAll(documentCertificates);
        for (X509Certificate responder : candidates) {
            if (Certificates.issued(issuer, responder)
                    && responder.getExtendedKeyUsage() != null
                    && responder.getExtendedKeyUsage().contains(KeyPurposeId.id_kp_OCSPSigning.getId())
                    && signedWith(basic, new SignatureKey(response, new BoundedMemo.Bytes(responder.getEncoded()), true),
                    () -> new JcaContentVerifierProviderBuilder().build(responder))) {
                return true;
            }
        }
        return false;
    }

    /** A check that throws (a key that cannot check this algorithm) is not remembered and ends the reading. */
    private static boolean signedWith(BasicOCSPResp basic, SignatureKey key, Verifiers verifiers) {
        return SIGNATURES.get(key, k -> {
            try {
                return basic.isSignatureValid(verifiers.get());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** How many signature checks are remembered (for tests of the bound). */
    static int rememberedSignatureChecks() {
        return SIGNATURES.size();
    }
}
