package vn.kyso.testpki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * RFC 6960 responder for the test PKI. Certificates issued by the intermediate are answered by the delegated
 * responder certificate (id-kp-OCSPSigning, ocsp-nocheck); certificates issued by a root are answered by that
 * root itself. Serials the PKI never issued are "unknown".
 */
final class OcspResponder {

    private final TestPki pki;
    private final Clock clock;

    OcspResponder(TestPki pki, Clock clock) {
        this.pki = pki;
        this.clock = clock;
    }

    byte[] respond(byte[] requestBytes) throws IOException {
        try {
            OCSPReq request;
            try {
                request = new OCSPReq(requestBytes);
            } catch (IOException | RuntimeException e) {
                return new OCSPRespBuilder().build(OCSPRespBuilder.MALFORMED_REQUEST, null).getEncoded();
            }
            Req[] items = request.getRequestList();
            if (items.length == 0) {
                return new OCSPRespBuilder().build(OCSPRespBuilder.MALFORMED_REQUEST, null).getEncoded();
            }
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
            PkiIdentity ca = findIssuer(items[0].getCertID(), digests);
            if (ca == null) {
                return new OCSPRespBuilder().build(OCSPRespBuilder.UNAUTHORIZED, null).getEncoded();
            }
            PkiIdentity signer = ca.role() == PkiIdentity.Role.INTERMEDIATE_CA
                    ? pki.get(TestPki.OCSP_RESPONDER) : ca;
            Instant now = clock.instant();
            BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(
                    new RespID(new JcaX509CertificateHolder(signer.certificate()).getSubject()));
            for (Req item : items) {
                CertificateID id = item.getCertID();
                PkiIdentity itemCa = findIssuer(id, digests);
                builder.addResponse(id, statusOf(itemCa, id.getSerialNumber()), Date.from(now),
                        Date.from(now.plus(Duration.ofDays(1))), null);
            }
            Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (nonce != null) {
                builder.setResponseExtensions(new Extensions(nonce));
            }
            List<X509CertificateHolder> certs = new ArrayList<>();
            for (X509Certificate c : signer.chain()) {
                if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                    certs.add(new JcaX509CertificateHolder(c));
                }
            }
            String algorithm = "RSA".equals(signer.privateKey().getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
            ContentSigner contentSigner = new JcaContentSignerBuilder(algorithm).build(signer.privateKey());
            var basic = builder.build(contentSigner, certs.toArray(X509CertificateHolder[]::new), Date.from(now));
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (OCSPException | java.security.cert.CertificateEncodingException
                 | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IOException("OCSP responder failure", e);
        }
    }

    private CertificateStatus statusOf(PkiIdentity ca, BigInteger serial) {
        if (ca == null) {
            return new UnknownStatus();
        }
        boolean issued = pki.issuedBy(ca.alias()).stream()
                .anyMatch(i -> i.certificate().getSerialNumber().equals(serial));
        if (!issued) {
            return new UnknownStatus();
        }
        for (Revocation r : pki.revocations()) {
            if (r.issuerAlias().equals(ca.alias()) && r.serial().equals(serial)) {
                return new RevokedStatus(Date.from(r.revokedAt()), r.reason() == CRLReason.unspecified
                        ? CRLReason.unspecified : r.reason());
            }
        }
        return CertificateStatus.GOOD;
    }

    private PkiIdentity findIssuer(CertificateID id, DigestCalculatorProvider digests) throws OCSPException {
        for (PkiIdentity ca : pki.authorities()) {
            try {
                if (id.matchesIssuer(new JcaX509CertificateHolder(ca.certificate()), digests)) {
                    return ca;
                }
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new OCSPException("cannot match issuer", e);
            }
        }
        return null;
    }
}
