package vn.kyso.testpki;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Issues a fresh, signed CRL (RFC 5280) for one CA of the test PKI on every request. */
final class CrlPublisher {

    private final TestPki pki;
    private final Clock clock;

    CrlPublisher(TestPki pki, Clock clock) {
        this.pki = pki;
        this.clock = clock;
    }

    byte[] crlFor(String caAlias) throws IOException {
        PkiIdentity ca = pki.get(caAlias);
        if (!ca.isCa()) {
            throw new IllegalArgumentException(caAlias + " is not a CA");
        }
        try {
            Instant now = clock.instant();
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()), Date.from(now));
            builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
            for (Revocation r : pki.revocations()) {
                if (r.issuerAlias().equals(caAlias)) {
                    builder.addCRLEntry(r.serial(), Date.from(r.revokedAt()), r.reason());
                }
            }
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(now.getEpochSecond())));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate()));
            String algorithm = "RSA".equals(ca.privateKey().getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
            return builder.build(new JcaContentSignerBuilder(algorithm).build(ca.privateKey())).getEncoded();
        } catch (Exception e) {
            throw new IOException("CRL generation failed for " + caAlias, e);
        }
    }
}
