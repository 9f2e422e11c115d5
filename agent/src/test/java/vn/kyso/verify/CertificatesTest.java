package vn.kyso.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * {@link Certificates#convert} and {@link Certificates#holder} remember their results across verifications: a
 * remembered result is only ever given for a certificate equal in every byte, never for a changed one.
 */
class CertificatesTest {

    @Test
    void aConvertedCertificateIsRememberedOnlyForTheSameBytes() throws Exception {
        byte[] der = selfSigned("CN=Memo A").getEncoded();
        X509Certificate first = Certificates.convert(new X509CertificateHolder(der));
        assertNotNull(first);
        assertArrayEquals(der, first.getEncoded());
        assertSame(first, Certificates.convert(new X509CertificateHolder(der.clone())), "parsed again: same value");

        byte[] changed = der.clone();
        changed[changed.length - 5] ^= 0x01; // a bit of the signature value
        X509Certificate other = Certificates.convert(new X509CertificateHolder(changed));
        assertNotNull(other);
        assertArrayEquals(changed, other.getEncoded(), "the changed certificate, not the remembered one");
        assertFalse(Arrays.equals(first.getEncoded(), other.getEncoded()));
        assertArrayEquals(der, Certificates.convert(new X509CertificateHolder(der)).getEncoded());
    }

    private static X509Certificate selfSigned(String name) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        X500Name subject = new X500Name(name);
        Date now = new Date();
        var builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now.getTime()), now,
                new Date(now.getTime() + 86_400_000L), subject, keys.getPublic());
        X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(keys.getPrivate()));
        return Certificates.convert(holder);
    }
}
