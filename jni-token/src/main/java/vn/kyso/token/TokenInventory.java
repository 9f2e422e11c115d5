package vn.kyso.token;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_ALWAYS_AUTHENTICATE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_EC_POINT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_ID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_LABEL;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_MODULUS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_VALUE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKC_X_509;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_SIGN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_ECDSA;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_RSA_PKCS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_RSA_PKCS_PSS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_CERTIFICATE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PRIVATE_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PUBLIC_KEY;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.MechanismInfo;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Token;
import org.xipki.pkcs11.wrapper.TokenException;

/** Reads what a token holds: its X.509 certificates, matched to private keys, and the mechanisms it offers. */
final class TokenInventory {

    private static final Logger LOG = LoggerFactory.getLogger(TokenInventory.class);
    private static final String[] KEY_USAGE_NAMES = {"digitalSignature", "nonRepudiation", "keyEncipherment",
            "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};

    private TokenInventory() {
    }

    /** Signing mechanisms the token advertises with CKF_SIGN. */
    static Set<Long> signingMechanisms(Token token) {
        java.util.HashSet<Long> out = new java.util.HashSet<>();
        for (long mechanism : new long[] {CKM_RSA_PKCS, CKM_RSA_PKCS_PSS, CKM_ECDSA}) {
            try {
                MechanismInfo info = token.getMechanismInfo(mechanism);
                if (info != null && info.hasFlagBit(CKF_SIGN)) {
                    out.add(mechanism);
                }
            } catch (RuntimeException e) {
                LOG.debug("mechanism query failed", e);
            }
        }
        return out;
    }

    static List<SignatureAlgorithm> algorithmsFor(String keyAlgorithm, Set<Long> mechanisms) {
        List<SignatureAlgorithm> out = new ArrayList<>();
        for (SignatureAlgorithm a : SignatureAlgorithm.values()) {
            long needed = switch (a.scheme()) {
                case PKCS1 -> CKM_RSA_PKCS;
                case PSS -> CKM_RSA_PKCS_PSS;
                case ECDSA -> CKM_ECDSA;
            };
            if (a.keyKind().name().equals(keyAlgorithm) && mechanisms.contains(needed)) {
                out.add(a);
            }
        }
        return out;
    }

    /** Certificates readable without login (certificates are public objects on every token we know). */
    static List<CertificateEntry> certificates(Session session, TokenInfo token, Set<Long> mechanisms)
            throws TokenException {
        long[] handles = session.findAllObjectsSingle(new AttributeVector().class_(CKO_CERTIFICATE)
                .certificateType(CKC_X_509));
        List<CertificateEntry> out = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
        for (long handle : handles) {
            AttributeVector attrs = session.getAttrValues(handle, CKA_VALUE, CKA_ID, CKA_LABEL);
            byte[] der = attrs.value();
            if (der == null) {
                continue;
            }
            X509Certificate cert;
            try {
                cert = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
            } catch (CertificateException e) {
                LOG.warn("token {} holds an unreadable certificate object; skipped", token.label());
                continue;
            }
            out.add(entry(token, cert, attrs.id(), attrs.label(), mechanisms));
        }
        // object handles come back in no particular order; people and tests need a stable list
        out.sort(java.util.Comparator.comparing(CertificateEntry::subject).thenComparing(CertificateEntry::id));
        return out;
    }

    static CertificateEntry entry(TokenInfo token, X509Certificate cert, byte[] ckaId, String label,
                                          Set<Long> mechanisms) {
        String keyAlgorithm = cert.getPublicKey().getAlgorithm();
        int bits = cert.getPublicKey() instanceof RSAPublicKey rsa ? rsa.getModulus().bitLength()
                : cert.getPublicKey() instanceof ECPublicKey ec ? ec.getParams().getCurve().getField().getFieldSize()
                : 0;
        List<String> usage = new ArrayList<>();
        boolean[] ku = cert.getKeyUsage();
        if (ku != null) {
            for (int i = 0; i < Math.min(ku.length, KEY_USAGE_NAMES.length); i++) {
                if (ku[i]) {
                    usage.add(KEY_USAGE_NAMES[i]);
                }
            }
        }
        return new CertificateEntry(fingerprint(cert), token.id(), token.label(),
                ckaId == null ? "" : HexFormat.of().formatHex(ckaId), label, cert,
                DistinguishedNames.readable(cert.getSubjectX500Principal()),
                DistinguishedNames.readable(cert.getIssuerX500Principal()),
                cert.getSerialNumber().toString(16), cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(),
                keyAlgorithm, bits, usage, algorithmsFor(keyAlgorithm, mechanisms),
                CertificateEntry.PrivateKeyState.UNKNOWN_UNTIL_LOGIN, false);
    }

    static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Finds the private key of a certificate: by CKA_ID first (the PKCS#11 convention); else through the public key
     * object holding the certificate's key (same modulus or EC point), whose CKA_ID the private key shares; else, for
     * RSA, by the private key's own modulus. Some vendor tools write different or empty IDs on the certificate.
     * Returns 0 when there is none.
     */
    static long findPrivateKey(Session session, CertificateEntry entry) throws TokenException {
        long byId = privateKeyWithId(session, HexFormat.of().parseHex(entry.ckaId()));
        if (byId != 0) {
            return byId;
        }
        PublicKey publicKey = entry.certificate().getPublicKey();
        for (long handle : session.findAllObjectsSingle(new AttributeVector().class_(CKO_PUBLIC_KEY))) {
            AttributeVector attrs = session.getAttrValues(handle, CKA_ID, CKA_MODULUS, CKA_EC_POINT);
            if (sameKey(publicKey, attrs.modulus(), attrs.ecPoint())) {
                long viaPublic = privateKeyWithId(session, attrs.id());
                if (viaPublic != 0) {
                    return viaPublic;
                }
            }
        }
        if (publicKey instanceof RSAPublicKey rsa) {
            for (long handle : session.findAllObjectsSingle(new AttributeVector().class_(CKO_PRIVATE_KEY))) {
                if (rsa.getModulus().equals(session.getAttrValues(handle, CKA_MODULUS).modulus())) {
                    return handle;
                }
            }
        }
        return 0;
    }

    private static long privateKeyWithId(Session session, byte[] id) throws TokenException {
        if (id == null || id.length == 0) {
            return 0;
        }
        long[] found = session.findObjectsSingle(new AttributeVector().class_(CKO_PRIVATE_KEY).id(id), 1);
        return found.length == 0 ? 0 : found[0];
    }

    private static boolean sameKey(PublicKey certificateKey, BigInteger modulus, byte[] ecPoint) {
        if (certificateKey instanceof RSAPublicKey rsa) {
            return rsa.getModulus().equals(modulus);
        }
        if (ecPoint == null) {
            return false;
        }
        byte[] point = SubjectPublicKeyInfo.getInstance(certificateKey.getEncoded()).getPublicKeyData().getOctets();
        // CKA_EC_POINT is a DER OCTET STRING by the standard; a few tokens store the bare point
        return Arrays.equals(point, ecPoint) || Arrays.equals(point, unwrapOctetString(ecPoint));
    }

    private static byte[] unwrapOctetString(byte[] der) {
        try {
            return ASN1OctetString.getInstance(der).getOctets();
        } catch (RuntimeException e) {
            return new byte[0];
        }
    }

    static boolean alwaysAuthenticate(Session session, long keyHandle) {
        try {
            Boolean value = session.getAttrValues(keyHandle, CKA_ALWAYS_AUTHENTICATE).alwaysAuthenticate();
            return Boolean.TRUE.equals(value);
        } catch (TokenException e) {
            return false;
        }
    }
}
