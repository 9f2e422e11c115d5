package vn.kyso.testpki;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Properties;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

import vn.kyso.testpki.PkiIdentity.Role;

/**
 * A Vietnamese-government-like test PKI, generated with BouncyCastle on the fly.
 *
 * <p>Shape: a test "RootCA chuyên dùng Chính phủ G2" issues the intermediate "CA phục vụ các cơ quan Nhà nước G2",
 * which issues officials' personal certificates (RSA-2048, RSA-3072, ECDSA P-256), an agency's "con dấu"
 * certificate, the OCSP responder, the TSA and the negative cases (expired, not yet valid, revoked, wrong key
 * usage). A second, untrusted root issues the "unknown issuer" case. Every name says TEST; nothing here chains
 * to a real root.
 */
public final class TestPki {

    /** Test-only policy arc (2.999 is reserved for examples): personal vs organisation certificates. */
    public static final ASN1ObjectIdentifier POLICY_PERSONAL = new ASN1ObjectIdentifier("2.999.704.1.1");
    public static final ASN1ObjectIdentifier POLICY_ORGANISATION = new ASN1ObjectIdentifier("2.999.704.1.2");
    public static final ASN1ObjectIdentifier POLICY_TSA = new ASN1ObjectIdentifier("2.999.704.2.1");

    public static final String ROOT = "root-g2";
    public static final String INTERMEDIATE = "ca-nha-nuoc-g2";
    public static final String OCSP_RESPONDER = "ocsp-responder";
    public static final String TSA = "tsa";
    public static final String UNKNOWN_ROOT = "unknown-root";
    public static final String PERSONAL_AN = "personal-an";
    public static final String PERSONAL_BINH = "personal-binh";
    public static final String PERSONAL_CUONG = "personal-cuong";
    public static final String PERSONAL_GIANG = "personal-giang";
    /** ECDSA P-384 and P-521 keys, for ES384/ES512 and ECDSA-SHA384/512 on their own curves. */
    public static final String PERSONAL_EC384 = "personal-duc";
    public static final String PERSONAL_EC521 = "personal-mai";
    /** On a token that also carries the Sub CA's and the Root CA's certificates, as issued VGCA tokens do. */
    public static final String PERSONAL_HA = "personal-ha";
    public static final String ORGANISATION = "org-skhcn";
    public static final String EXPIRED = "expired";
    public static final String NOT_YET_VALID = "not-yet-valid";
    public static final String REVOKED = "revoked";
    public static final String WRONG_KEY_USAGE = "wrong-key-usage";
    public static final String UNKNOWN_ISSUER = "unknown-issuer";

    public static final String AGENCY = "Sở Khoa học và Công nghệ tỉnh Ninh Bình";

    private static final String PROPERTIES = "pki.properties";
    private static final int SIGNING_USAGE = KeyUsage.digitalSignature | KeyUsage.nonRepudiation;

    private final PkiUrls urls;
    private final Instant createdAt;
    private final Map<String, PkiIdentity> identities;
    private final List<Revocation> revocations;

    private TestPki(PkiUrls urls, Instant createdAt, Map<String, PkiIdentity> identities,
                    List<Revocation> revocations) {
        this.urls = urls;
        this.createdAt = createdAt;
        this.identities = identities;
        this.revocations = List.copyOf(revocations);
    }

    /** Generates a fresh PKI whose certificates point at services under {@code urls}. */
    public static TestPki generate(PkiUrls urls) {
        return generate(urls, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    public static TestPki generate(PkiUrls urls, Instant now) {
        try {
            return new Generator(urls, now).run();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("test PKI generation failed", e);
        }
    }

    public PkiUrls urls() {
        return urls;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public PkiIdentity get(String alias) {
        PkiIdentity identity = identities.get(alias);
        if (identity == null) {
            throw new NoSuchElementException("no identity '" + alias + "' in the test PKI");
        }
        return identity;
    }

    public Collection<PkiIdentity> identities() {
        return identities.values();
    }

    public X509Certificate root() {
        return get(ROOT).certificate();
    }

    public X509Certificate intermediate() {
        return get(INTERMEDIATE).certificate();
    }

    public List<Revocation> revocations() {
        return revocations;
    }

    public Optional<Revocation> revocationOf(X509Certificate certificate) {
        return revocations.stream()
                .filter(r -> r.serial().equals(certificate.getSerialNumber())
                        && get(r.issuerAlias()).certificate().getSubjectX500Principal()
                                .equals(certificate.getIssuerX500Principal()))
                .findFirst();
    }

    /** The CA identities (roots and intermediates), for the services that answer on their behalf. */
    public List<PkiIdentity> authorities() {
        return identities.values().stream().filter(PkiIdentity::isCa).toList();
    }

    /** Certificates issued directly by {@code caAlias}. */
    public List<PkiIdentity> issuedBy(String caAlias) {
        return identities.values().stream()
                .filter(i -> i.issuerAlias().equals(caAlias) && !i.alias().equals(caAlias)).toList();
    }

    // ---------------------------------------------------------------------------------------------- persistence

    /** Writes certificates (PEM), private keys (PKCS#8 PEM) and the index, so the demo can reuse one PKI. */
    public void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Properties index = new Properties();
        index.setProperty("base.url", urls.baseUrl());
        index.setProperty("created", Long.toString(createdAt.getEpochSecond()));
        index.setProperty("identities", String.join(",", identities.keySet()));
        for (PkiIdentity identity : identities.values()) {
            index.setProperty("role." + identity.alias(), identity.role().name());
            index.setProperty("issuer." + identity.alias(), identity.issuerAlias());
            Files.writeString(dir.resolve(identity.alias() + ".crt"), pem(identity.certificate()));
            Path keyFile = dir.resolve(identity.alias() + ".key");
            Files.writeString(keyFile, pem(identity.privateKey()));
        }
        for (Revocation r : revocations) {
            index.setProperty("revoked." + r.issuerAlias() + "." + r.serial().toString(16),
                    r.revokedAt().getEpochSecond() + ":" + r.reason());
        }
        try (Writer out = Files.newBufferedWriter(dir.resolve(PROPERTIES), StandardCharsets.UTF_8)) {
            index.store(out, "Kyso test PKI - TEST ONLY, never trust in production");
        }
    }

    public static boolean existsIn(Path dir) {
        return Files.isRegularFile(dir.resolve(PROPERTIES));
    }

    public static TestPki readFrom(Path dir) throws IOException {
        Properties index = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve(PROPERTIES), StandardCharsets.UTF_8)) {
            index.load(in);
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            Map<String, X509Certificate> certs = new LinkedHashMap<>();
            Map<String, PrivateKey> keys = new LinkedHashMap<>();
            for (String alias : index.getProperty("identities").split(",")) {
                try (var in = Files.newInputStream(dir.resolve(alias + ".crt"))) {
                    certs.put(alias, (X509Certificate) factory.generateCertificate(in));
                }
                try (PEMParser parser = new PEMParser(Files.newBufferedReader(dir.resolve(alias + ".key")))) {
                    keys.put(alias, new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject()));
                }
            }
            Map<String, PkiIdentity> identities = new LinkedHashMap<>();
            for (String alias : certs.keySet()) {
                String issuer = index.getProperty("issuer." + alias);
                identities.put(alias, new PkiIdentity(alias, Role.valueOf(index.getProperty("role." + alias)),
                        issuer, certs.get(alias), keys.get(alias), chainOf(alias, certs, index)));
            }
            List<Revocation> revocations = new ArrayList<>();
            for (String name : index.stringPropertyNames()) {
                if (name.startsWith("revoked.")) {
                    String rest = name.substring("revoked.".length());
                    int dot = rest.lastIndexOf('.');
                    String[] value = index.getProperty(name).split(":");
                    revocations.add(new Revocation(rest.substring(0, dot), new BigInteger(rest.substring(dot + 1), 16),
                            Instant.ofEpochSecond(Long.parseLong(value[0])), Integer.parseInt(value[1])));
                }
            }
            return new TestPki(new PkiUrls(index.getProperty("base.url")),
                    Instant.ofEpochSecond(Long.parseLong(index.getProperty("created"))), identities, revocations);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the test PKI in " + dir, e);
        }
    }

    private static List<X509Certificate> chainOf(String alias, Map<String, X509Certificate> certs, Properties index) {
        List<X509Certificate> chain = new ArrayList<>();
        String current = alias;
        while (true) {
            chain.add(certs.get(current));
            String issuer = index.getProperty("issuer." + current);
            if (issuer.equals(current)) {
                return chain;
            }
            current = issuer;
        }
    }

    public static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            if (object instanceof PrivateKey key) {
                writer.writeObject(new org.bouncycastle.util.io.pem.PemObject("PRIVATE KEY", key.getEncoded()));
            } else {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return text.toString();
    }

    // ---------------------------------------------------------------------------------------------- generation

    private static final class Generator {
        private final PkiUrls urls;
        private final Instant now;
        private final SecureRandom random = new SecureRandom();
        private final CertificateMaker maker;
        private final Map<String, PkiIdentity> identities = new LinkedHashMap<>();
        private final List<Revocation> revocations = new ArrayList<>();

        Generator(PkiUrls urls, Instant now) {
            this.urls = urls;
            this.now = now;
            this.maker = new CertificateMaker(random, urls);
        }

        TestPki run() throws GeneralSecurityException {
            X500Name rootName = caName("RootCA chuyên dùng Chính phủ G2 (TEST)");
            root(ROOT, rootName, KeyType.RSA_3072);
            X500Name intermediateName = caName("CA phục vụ các cơ quan Nhà nước G2 (TEST)");
            issue(INTERMEDIATE, Role.INTERMEDIATE_CA, ROOT, KeyType.RSA_2048, intermediateName,
                    days(-365), days(15 * 365), KeyUsage.keyCertSign | KeyUsage.cRLSign, List.of(), false, 0,
                    List.of(), null, false);
            issue(OCSP_RESPONDER, Role.OCSP_RESPONDER, INTERMEDIATE, KeyType.RSA_2048,
                    caName("OCSP - CA phục vụ các cơ quan Nhà nước G2 (TEST)"), days(-30), days(2 * 365),
                    KeyUsage.digitalSignature, List.of(KeyPurposeId.id_kp_OCSPSigning), false, null, List.of(),
                    null, true);
            issue(TSA, Role.TSA, INTERMEDIATE, KeyType.RSA_2048, caName("TSA chuyên dùng Chính phủ (TEST)"),
                    days(-30), days(5 * 365), KeyUsage.digitalSignature | KeyUsage.nonRepudiation,
                    List.of(KeyPurposeId.id_kp_timeStamping), true, null, List.of(POLICY_TSA), null, false);

            personal(PERSONAL_AN, KeyType.RSA_2048, "Nguyễn Văn An", "Giám đốc", "Ban Giám đốc",
                    "CCCD:037085001234", "an.nv@khcn.ninhbinh.gov.vn", days(-30), days(2 * 365), SIGNING_USAGE);
            personal(PERSONAL_BINH, KeyType.RSA_3072, "Trần Thị Bình", "Phó Chánh Văn phòng", "Văn phòng Sở",
                    "CCCD:037190005678", "binh.tt@khcn.ninhbinh.gov.vn", days(-30), days(2 * 365), SIGNING_USAGE);
            personal(PERSONAL_CUONG, KeyType.EC_P256, "Lê Hoàng Cường", "Trưởng phòng", "Phòng Quản lý công nghệ",
                    "CCCD:037088009012", "cuong.lh@khcn.ninhbinh.gov.vn", days(-30), days(2 * 365), SIGNING_USAGE);
            personal(PERSONAL_GIANG, KeyType.RSA_2048, "Đặng Thu Giang", "Phó Giám đốc", "Ban Giám đốc",
                    "CCCD:037186004321", "giang.dt@khcn.ninhbinh.gov.vn", days(-30), days(2 * 365), SIGNING_USAGE);
            personal(PERSONAL_EC384, KeyType.EC_P384, "Hoàng Minh Đức", "Chuyên viên", "Phòng Quản lý công nghệ",
                    "CCCD:037092003344", "duc.hm@khcn.ninhbinh.gov.vn", days(-30), days(2 * 365), SIGNING_USAGE);
            personal(PERSONAL_EC521, KeyType.EC_P521, "Ngô Thị Mai", "Chuyên viên", "Phòng Quản lý công nghệ",
                    "CCCD:037194005566", "mai.nt@khcn.ninhbinh.gov.vn", days(-30), days(2 * 365), SIGNING_USAGE);
            personal(PERSONAL_HA, KeyType.RSA_2048, "Lê Thu Hà", "Chánh Văn phòng", "Văn phòng Sở",
                    "CCCD:037187002468", "ha.lt@khcn.ninhbinh.gov.vn", days(-30), days(2 * 365), SIGNING_USAGE);
            X500Name orgName = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.C, "VN")
                    .addRDN(BCStyle.ST, "Ninh Bình")
                    .addRDN(BCStyle.L, "Thành phố Hoa Lư")
                    .addRDN(BCStyle.O, AGENCY)
                    .addRDN(BCStyle.CN, AGENCY)
                    .addRDN(BCStyle.UID, "MNS:1034567")
                    .build();
            issue(ORGANISATION, Role.ORGANISATION, INTERMEDIATE, KeyType.RSA_2048, orgName, days(-30),
                    days(3 * 365), SIGNING_USAGE | KeyUsage.keyEncipherment, signerEku(), false, null,
                    List.of(POLICY_ORGANISATION), "vanthu@khcn.ninhbinh.gov.vn", false);

            personal(EXPIRED, KeyType.RSA_2048, "Phạm Văn Dũng", "Chuyên viên", "Văn phòng Sở",
                    "CCCD:037092003456", "dung.pv@khcn.ninhbinh.gov.vn", days(-2 * 365), days(-1), SIGNING_USAGE);
            personal(NOT_YET_VALID, KeyType.RSA_2048, "Vũ Thị Hạnh", "Chuyên viên", "Văn phòng Sở",
                    "CCCD:037195007890", "hanh.vt@khcn.ninhbinh.gov.vn", days(30), days(2 * 365), SIGNING_USAGE);
            personal(REVOKED, KeyType.RSA_2048, "Đỗ Minh Khoa", "Phó Giám đốc", "Ban Giám đốc",
                    "CCCD:037080002345", "khoa.dm@khcn.ninhbinh.gov.vn", days(-60), days(2 * 365), SIGNING_USAGE);
            revocations.add(new Revocation(INTERMEDIATE, identities.get(REVOKED).certificate().getSerialNumber(),
                    now.minus(Duration.ofDays(1)), CRLReason.keyCompromise));
            personal(WRONG_KEY_USAGE, KeyType.RSA_2048, "Bùi Thị Lan", "Chuyên viên", "Phòng Kế hoạch - Tài chính",
                    "CCCD:037193004567", "lan.bt@khcn.ninhbinh.gov.vn", days(-30), days(2 * 365),
                    KeyUsage.keyEncipherment | KeyUsage.dataEncipherment);

            root(UNKNOWN_ROOT, new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.C, "VN")
                    .addRDN(BCStyle.O, "Tổ chức không được tin cậy (TEST)")
                    .addRDN(BCStyle.CN, "Unknown Root CA (TEST)").build(), KeyType.RSA_2048);
            issue(UNKNOWN_ISSUER, Role.PERSONAL, UNKNOWN_ROOT, KeyType.RSA_2048,
                    personName("Hoàng Văn Em", "Chuyên viên", "Văn phòng", "CCCD:037091006789",
                            "em.hv@example.invalid"),
                    days(-30), days(2 * 365), SIGNING_USAGE, signerEku(), false, null, List.of(POLICY_PERSONAL),
                    "em.hv@example.invalid", false);
            return new TestPki(urls, now, identities, revocations);
        }

        private Instant days(long days) {
            return now.plus(Duration.ofDays(days));
        }

        private static List<KeyPurposeId> signerEku() {
            return List.of(KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_emailProtection);
        }

        private static X500Name caName(String cn) {
            return new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.C, "VN")
                    .addRDN(BCStyle.O, "Ban Cơ yếu Chính phủ (TEST)")
                    .addRDN(BCStyle.OU, "Kyso test PKI - không dùng cho văn bản thật")
                    .addRDN(BCStyle.CN, cn)
                    .build();
        }

        private static X500Name personName(String cn, String title, String unit, String uid, String email) {
            return new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.C, "VN")
                    .addRDN(BCStyle.ST, "Ninh Bình")
                    .addRDN(BCStyle.L, "Thành phố Hoa Lư")
                    .addRDN(BCStyle.O, AGENCY)
                    .addRDN(BCStyle.OU, unit)
                    .addRDN(BCStyle.T, title)
                    .addRDN(BCStyle.CN, cn)
                    .addRDN(BCStyle.UID, uid)
                    .addRDN(BCStyle.E, email)
                    .build();
        }

        private void personal(String alias, KeyType type, String cn, String title, String unit, String uid,
                              String email, Instant notBefore, Instant notAfter, int keyUsage)
                throws GeneralSecurityException {
            issue(alias, Role.PERSONAL, INTERMEDIATE, type, personName(cn, title, unit, uid, email), notBefore,
                    notAfter, keyUsage, signerEku(), false, null, List.of(POLICY_PERSONAL), email, false);
        }

        private void root(String alias, X500Name name, KeyType type) throws GeneralSecurityException {
            KeyPair pair = type.generate(random);
            var profile = new CertificateMaker.Profile(name, pair.getPublic(), days(-365), days(20 * 365),
                    KeyUsage.keyCertSign | KeyUsage.cRLSign, List.of(), false, -1, List.of(), null, false, false);
            X509Certificate cert = maker.make(profile, null, name, pair.getPrivate(), alias, pair.getPublic());
            identities.put(alias, new PkiIdentity(alias, Role.ROOT_CA, alias, cert, pair.getPrivate(), List.of(cert)));
        }

        private void issue(String alias, Role role, String issuerAlias, KeyType type, X500Name subject,
                           Instant notBefore, Instant notAfter, int keyUsage, List<KeyPurposeId> eku,
                           boolean ekuCritical, Integer pathLength, List<ASN1ObjectIdentifier> policies,
                           String email, boolean ocspNoCheck) throws GeneralSecurityException {
            PkiIdentity issuer = identities.get(issuerAlias);
            KeyPair pair = type.generate(random);
            var profile = new CertificateMaker.Profile(subject, pair.getPublic(), notBefore, notAfter, keyUsage, eku,
                    ekuCritical, pathLength, policies, email, ocspNoCheck, true);
            X509Certificate cert = maker.make(profile, issuer.certificate(),
                    X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()),
                    issuer.privateKey(), issuerAlias, issuer.certificate().getPublicKey());
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(cert);
            chain.addAll(issuer.chain());
            identities.put(alias, new PkiIdentity(alias, role, issuerAlias, cert, pair.getPrivate(), chain));
        }
    }
}
