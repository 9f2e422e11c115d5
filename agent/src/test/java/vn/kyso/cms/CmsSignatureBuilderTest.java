package vn.kyso.cms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.Test;

import vn.kyso.sign.SignerPort;
import vn.kyso.testpki.PkiIdentity;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;
import vn.kyso.token.SignatureAlgorithm;

/** The CMS structure itself, with software keys standing in for the token (the PDF tests use SoftHSM2). */
class CmsSignatureBuilderTest {

    private static final TestPki PKI = TestEnvironment.shared().pki();
    private static final byte[] CONTENT = "Quyết định số 12/QĐ-SKHCN".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /** A SignerPort over a JCA key that, like a token, signs a digest (NONEwith… / DigestInfo-free PSS). */
    private static SignerPort software(String alias, SignatureAlgorithm algorithm) {
        PkiIdentity identity = PKI.get(alias);
        return new SignerPort() {
            public X509Certificate certificate() {
                return identity.certificate();
            }

            public List<X509Certificate> chain() {
                return List.of(identity.certificate(), PKI.intermediate(), PKI.root());
            }

            public List<SignatureAlgorithm> algorithms() {
                return List.of(algorithm);
            }

            public byte[] sign(byte[] digest, SignatureAlgorithm requested) {
                try {
                    return signDigest(identity.privateKey(), digest, requested);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    private static byte[] signDigest(PrivateKey key, byte[] digest, SignatureAlgorithm algorithm) throws Exception {
        Signature s;
        switch (algorithm.scheme()) {
            case PKCS1 -> {
                byte[] prefix = java.util.HexFormat.of().parseHex(switch (algorithm.digest()) {
                    case SHA256 -> "3031300d060960864801650304020105000420";
                    case SHA384 -> "3041300d060960864801650304020205000430";
                    case SHA512 -> "3051300d060960864801650304020305000440";
                });
                s = Signature.getInstance("NONEwithRSA");
                s.initSign(key);
                s.update(prefix);
            }
            case PSS -> throw new UnsupportedOperationException("JCA cannot sign a pre-hashed PSS input; "
                    + "rsaPssCarriesItsParameters uses BouncyCastle's raw PSS signer");
            default -> {
                s = Signature.getInstance("NONEwithECDSA");
                s.initSign(key);
            }
        }
        s.update(digest);
        return s.sign();
    }

    private static byte[] sha(SignatureAlgorithm algorithm, byte[] data) throws Exception {
        return MessageDigest.getInstance(algorithm.digest().jcaName()).digest(data);
    }

    private static SignerInformation only(CMSSignedData data) {
        return data.getSignerInfos().getSigners().iterator().next();
    }

    @Test
    void rsaSignatureVerifiesAndCarriesSigningCertificateV2WithTheIssuerBytesOfTheCertificate() throws Exception {
        SignerPort port = software(TestPki.PERSONAL_AN, SignatureAlgorithm.RSA_PKCS1_SHA256);
        CMSSignedData cms = new CmsSignatureBuilder(port, SignatureAlgorithm.RSA_PKCS1_SHA256)
                .build(sha(SignatureAlgorithm.RSA_PKCS1_SHA256, CONTENT), null);
        CMSSignedData detached = new CMSSignedData(new CMSProcessableByteArray(CONTENT),
                CmsSignatureBuilder.encode(cms));
        SignerInformation signer = only(detached);
        assertTrue(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(port.certificate())));
        assertEquals(NISTObjectIdentifiers.id_sha256.getId(), signer.getDigestAlgOID());
        assertEquals(PKCSObjectIdentifiers.sha256WithRSAEncryption.getId(), signer.getEncryptionAlgOID());
        assertNull(signer.getSignedAttributes().get(CMSAttributes.signingTime), "PAdES must not carry signing-time");
        assertNotNull(signer.getSignedAttributes().get(CMSAttributes.contentType));

        SigningCertificateV2 v2 = SigningCertificateV2.getInstance(signer.getSignedAttributes()
                .get(PKCSObjectIdentifiers.id_aa_signingCertificateV2).getAttrValues().getObjectAt(0));
        byte[] certificate = port.certificate().getEncoded();
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(certificate), v2.getCerts()[0].getCertHash());
        byte[] issuerInCms = v2.getCerts()[0].getIssuerSerial().getIssuer().getNames()[0].getName()
                .toASN1Primitive().getEncoded("DER");
        assertArrayEquals(Certificate.getInstance(certificate).getIssuer().getEncoded("DER"), issuerInCms);
        assertArrayEquals(port.certificate().getIssuerX500Principal().getEncoded(), issuerInCms);
        assertEquals(3, detached.getCertificates().getMatches(null).size());
    }

    @Test
    void signingTimeOnlyWhenAsked() throws Exception {
        SignerPort port = software(TestPki.PERSONAL_AN, SignatureAlgorithm.RSA_PKCS1_SHA384);
        Instant time = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        CMSSignedData cms = new CmsSignatureBuilder(port, SignatureAlgorithm.RSA_PKCS1_SHA384)
                .build(sha(SignatureAlgorithm.RSA_PKCS1_SHA384, CONTENT), time);
        SignerInformation signer = only(new CMSSignedData(new CMSProcessableByteArray(CONTENT),
                CmsSignatureBuilder.encode(cms)));
        assertTrue(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(port.certificate())));
        assertEquals(NISTObjectIdentifiers.id_sha384.getId(), signer.getDigestAlgOID());
        assertEquals(time, org.bouncycastle.asn1.cms.Time.getInstance(signer.getSignedAttributes()
                .get(CMSAttributes.signingTime).getAttrValues().getObjectAt(0)).getDate().toInstant());
    }

    @Test
    void ecdsaSignatureVerifiesWithEcdsaWithShaIdentifier() throws Exception {
        SignerPort port = software(TestPki.PERSONAL_CUONG, SignatureAlgorithm.ECDSA_SHA256);
        CMSSignedData cms = new CmsSignatureBuilder(port, SignatureAlgorithm.ECDSA_SHA256)
                .build(sha(SignatureAlgorithm.ECDSA_SHA256, CONTENT), null);
        SignerInformation signer = only(new CMSSignedData(new CMSProcessableByteArray(CONTENT),
                CmsSignatureBuilder.encode(cms)));
        assertTrue(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(port.certificate())));
        assertEquals(X9ObjectIdentifiers.ecdsa_with_SHA256.getId(), signer.getEncryptionAlgOID());
    }

    @Test
    void rsaPssCarriesItsParameters() throws Exception {
        // Like a token's CKM_RSA_PKCS_PSS, this port gets the digest and signs it with BouncyCastle's raw PSS signer.
        PkiIdentity binh = PKI.get(TestPki.PERSONAL_BINH);
        SignerPort port = new SignerPort() {
            public X509Certificate certificate() {
                return binh.certificate();
            }

            public List<X509Certificate> chain() {
                return List.of(binh.certificate());
            }

            public List<SignatureAlgorithm> algorithms() {
                return List.of(SignatureAlgorithm.RSA_PSS_SHA256);
            }

            public byte[] sign(byte[] digest, SignatureAlgorithm algorithm) {
                try {
                    org.bouncycastle.crypto.signers.PSSSigner pss = org.bouncycastle.crypto.signers.PSSSigner
                            .createRawSigner(new org.bouncycastle.crypto.engines.RSABlindedEngine(),
                                    new org.bouncycastle.crypto.digests.SHA256Digest(),
                                    new org.bouncycastle.crypto.digests.SHA256Digest(), 32, (byte) 0xBC);
                    pss.init(true, org.bouncycastle.crypto.util.PrivateKeyFactory.createKey(
                            binh.privateKey().getEncoded()));
                    pss.update(digest, 0, digest.length);
                    return pss.generateSignature();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        CMSSignedData cms = new CmsSignatureBuilder(port, SignatureAlgorithm.RSA_PSS_SHA256)
                .build(sha(SignatureAlgorithm.RSA_PSS_SHA256, CONTENT), null);
        SignerInformation signer = only(new CMSSignedData(new CMSProcessableByteArray(CONTENT),
                CmsSignatureBuilder.encode(cms)));
        assertEquals(PKCSObjectIdentifiers.id_RSASSA_PSS.getId(), signer.getEncryptionAlgOID());
        RSASSAPSSparams params = RSASSAPSSparams.getInstance(signer.getEncryptionAlgParams());
        assertEquals(NISTObjectIdentifiers.id_sha256, params.getHashAlgorithm().getAlgorithm());
        assertEquals(32, params.getSaltLength().intValue());
        assertTrue(signer.verify(new JcaSimpleSignerInfoVerifierBuilder()
                .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).build(port.certificate())));
    }
}
