package vn.kyso.testpki;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKC_X_509;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_EC;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_RSA;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_CERTIFICATE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PRIVATE_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PUBLIC_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKU_USER;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.TokenException;

/**
 * Creates SoftHSM2 tokens in a private directory and imports test-PKI keys and certificates through PKCS#11, with
 * matching CKA_ID (the certificate's subject key identifier) and CKA_LABEL (the identity alias) on the private key,
 * public key and certificate objects — the way CA tools personalise real VGCA tokens.
 *
 * <p>SoftHSM2 reads {@code SOFTHSM2_CONF} once per process, so the process that uses the tokens must have that
 * variable point at {@link #confFile()} before it first loads the library (the Maven build sets it for every test
 * JVM; {@code ./kyso} sets it for the demo).
 */
public final class SoftHsmFixture {

    public static final String USER_PIN = "123456";
    public static final String SO_PIN = "12345678";

    /**
     * One token: its label, the identities (aliases in the PKI) it holds, and those whose private key demands the PIN
     * again for every signature (CKA_ALWAYS_AUTHENTICATE, as on some qualified-signature tokens), and the CA
     * certificates stored as certificate objects only (no key), the way issued tokens carry their Sub CA and Root CA.
     */
    public record TokenSpec(String label, List<String> aliases, java.util.Set<String> alwaysAuthenticate,
                            java.util.Set<String> certificateIdMismatch, List<String> caCertificates) {
        public TokenSpec {
            aliases = List.copyOf(aliases);
            alwaysAuthenticate = java.util.Set.copyOf(alwaysAuthenticate);
            certificateIdMismatch = java.util.Set.copyOf(certificateIdMismatch);
            caCertificates = List.copyOf(caCertificates);
        }

        public TokenSpec(String label, List<String> aliases, java.util.Set<String> alwaysAuthenticate,
                         java.util.Set<String> certificateIdMismatch) {
            this(label, aliases, alwaysAuthenticate, certificateIdMismatch, List.of());
        }

        public TokenSpec(String label, List<String> aliases) {
            this(label, aliases, java.util.Set.of(), java.util.Set.of());
        }
    }

    public static final TokenSpec PERSONAL_TOKEN = new TokenSpec("VGCA Token An (TEST)", List.of(TestPki.PERSONAL_AN));
    public static final TokenSpec ORGANISATION_TOKEN = new TokenSpec("VGCA Token Con dau (TEST)",
            List.of(TestPki.ORGANISATION));
    /** Bình's and Cường's certificates carry a CKA_ID different from their keys', as some vendor tools write them. */
    public static final TokenSpec MULTI_TOKEN = new TokenSpec("Multi Cert Token (TEST)",
            List.of(TestPki.PERSONAL_BINH, TestPki.PERSONAL_CUONG, TestPki.ORGANISATION), java.util.Set.of(),
            java.util.Set.of(TestPki.PERSONAL_BINH, TestPki.PERSONAL_CUONG));
    public static final TokenSpec NEGATIVE_TOKEN = new TokenSpec("Negative Cases (TEST)",
            List.of(TestPki.EXPIRED, TestPki.NOT_YET_VALID, TestPki.REVOKED, TestPki.WRONG_KEY_USAGE,
                    TestPki.UNKNOWN_ISSUER));
    public static final TokenSpec ALWAYS_AUTH_TOKEN = new TokenSpec("Always Auth Token (TEST)",
            List.of(TestPki.PERSONAL_GIANG), java.util.Set.of(TestPki.PERSONAL_GIANG), java.util.Set.of());
    /** ECDSA keys on the larger curves (P-384, P-521), as some public-CA tokens hold them. */
    public static final TokenSpec EC_TOKEN = new TokenSpec("EC Token (TEST)",
            List.of(TestPki.PERSONAL_EC384, TestPki.PERSONAL_EC521));
    /** Hà's certificate and key with the Sub CA's and Root CA's certificates beside them. */
    public static final TokenSpec CA_CHAIN_TOKEN = new TokenSpec("VGCA Token Ha (TEST)", List.of(TestPki.PERSONAL_HA),
            Set.of(), Set.of(), List.of(TestPki.INTERMEDIATE, TestPki.ROOT));
    public static final List<TokenSpec> STANDARD_TOKENS = List.of(PERSONAL_TOKEN, ORGANISATION_TOKEN, MULTI_TOKEN,
            NEGATIVE_TOKEN, ALWAYS_AUTH_TOKEN, EC_TOKEN, CA_CHAIN_TOKEN);

    private static final List<Path> LIBRARY_CANDIDATES = List.of(
            Path.of("/usr/lib/softhsm/libsofthsm2.so"),
            Path.of("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
            Path.of("/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so"),
            Path.of("/usr/local/lib/softhsm/libsofthsm2.so"),
            Path.of("/opt/homebrew/lib/softhsm/libsofthsm2.so"));

    private final Path directory;
    private final Path library;
    private final List<TokenSpec> tokens;

    private SoftHsmFixture(Path directory, Path library, List<TokenSpec> tokens) {
        this.directory = directory;
        this.library = library;
        this.tokens = List.copyOf(tokens);
    }

    public static Path findLibrary() {
        return LIBRARY_CANDIDATES.stream().filter(Files::isRegularFile).findFirst().orElseThrow(() ->
                new IllegalStateException("SoftHSM2 not found (looked in " + LIBRARY_CANDIDATES
                        + "); install the Debian package softhsm2"));
    }

    public static Path confFileIn(Path directory) {
        return directory.resolve("softhsm2.conf");
    }

    /** Wipes {@code directory} and creates the given tokens in it. */
    public static SoftHsmFixture create(Path directory, TestPki pki, List<TokenSpec> tokens) throws IOException {
        Path conf = confFileIn(directory).toAbsolutePath();
        String env = System.getenv("SOFTHSM2_CONF");
        if (env == null || !Path.of(env).toAbsolutePath().normalize().equals(conf.normalize())) {
            throw new IllegalStateException("SOFTHSM2_CONF must be " + conf + " for this process (it is " + env
                    + "); SoftHSM2 reads it only once, when the library is first loaded");
        }
        deleteRecursively(directory);
        Path tokenDir = directory.resolve("tokens");
        Files.createDirectories(tokenDir);
        Files.writeString(conf, "directories.tokendir = " + tokenDir.toAbsolutePath() + "\n"
                + "objectstore.backend = file\n"
                + "log.level = ERROR\n"
                + "slots.removable = false\n");
        SoftHsmFixture fixture = new SoftHsmFixture(directory, findLibrary(), tokens);
        for (TokenSpec token : tokens) {
            fixture.initToken(token.label());
        }
        fixture.importAll(pki);
        return fixture;
    }

    /** Reuses tokens created earlier in {@code directory} (the demo keeps its token across runs). */
    public static SoftHsmFixture existing(Path directory, List<TokenSpec> tokens) {
        if (!Files.isDirectory(directory.resolve("tokens"))) {
            throw new IllegalStateException("no SoftHSM2 tokens in " + directory);
        }
        return new SoftHsmFixture(directory, findLibrary(), tokens);
    }

    public Path directory() {
        return directory;
    }

    public Path confFile() {
        return confFileIn(directory);
    }

    public Path library() {
        return library;
    }

    public List<TokenSpec> tokens() {
        return tokens;
    }

    private void initToken(String label) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("softhsm2-util", "--init-token", "--free", "--label", label,
                "--so-pin", SO_PIN, "--pin", USER_PIN);
        builder.environment().put("SOFTHSM2_CONF", confFile().toAbsolutePath().toString());
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException("softhsm2-util --init-token failed for '" + label + "': " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private void importAll(TestPki pki) throws IOException {
        try {
            PKCS11Module module = PKCS11Module.getInstance(library.toString());
            module.initialize();
            try {
                for (TokenSpec token : tokens) {
                    Slot slot = findSlot(module, token.label());
                    Session session = slot.getToken().openSession(true);
                    try {
                        session.login(CKU_USER, USER_PIN.toCharArray());
                        for (String alias : token.aliases()) {
                            importIdentity(session, pki.get(alias), token.alwaysAuthenticate().contains(alias),
                                    token.certificateIdMismatch().contains(alias));
                        }
                        for (String alias : token.caCertificates()) {
                            PkiIdentity ca = pki.get(alias);
                            importCertificate(session, ca.certificate(), keyId(ca.certificate()), alias);
                        }
                        session.logout();
                    } finally {
                        session.closeSession();
                    }
                }
            } finally {
                module.finalize(null);
            }
        } catch (TokenException e) {
            throw new IOException("PKCS#11 import into SoftHSM2 failed: " + e.getMessage(), e);
        }
    }

    private static Slot findSlot(PKCS11Module module, String label) throws TokenException {
        for (Slot slot : module.getSlotList(true)) {
            if (label.equals(slot.getToken().getTokenInfo().getLabel().trim())) {
                return slot;
            }
        }
        throw new IllegalStateException("token '" + label + "' not found after initialisation");
    }

    /** CKA_ID of an identity on the token: the certificate's subject key identifier. */
    public static byte[] keyId(X509Certificate certificate) {
        try {
            return new JcaX509ExtensionUtils().createSubjectKeyIdentifier(certificate.getPublicKey()).getKeyIdentifier();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void importIdentity(Session session, PkiIdentity identity, boolean alwaysAuthenticate,
                                       boolean certificateIdMismatch) throws TokenException {
        X509Certificate cert = identity.certificate();
        byte[] id = keyId(cert);
        String label = identity.alias();
        byte[] subject = cert.getSubjectX500Principal().getEncoded();

        AttributeVector privateKey = new AttributeVector().class_(CKO_PRIVATE_KEY).token(true).private_(true)
                .sensitive(true).extractable(false).sign(true).id(id).label(label).subject(subject)
                .alwaysAuthenticate(alwaysAuthenticate);
        AttributeVector publicKey = new AttributeVector().class_(CKO_PUBLIC_KEY).token(true).private_(false)
                .verify(true).id(id).label(label).subject(subject);
        if (identity.privateKey() instanceof RSAPrivateCrtKey rsa) {
            RSAPublicKey pub = (RSAPublicKey) cert.getPublicKey();
            privateKey.keyType(CKK_RSA).modulus(rsa.getModulus()).publicExponent(rsa.getPublicExponent())
                    .privateExponent(rsa.getPrivateExponent()).prime1(rsa.getPrimeP()).prime2(rsa.getPrimeQ())
                    .exponent1(rsa.getPrimeExponentP()).exponent2(rsa.getPrimeExponentQ())
                    .coefficient(rsa.getCrtCoefficient());
            publicKey.keyType(CKK_RSA).modulus(pub.getModulus()).publicExponent(pub.getPublicExponent());
        } else if (identity.privateKey() instanceof ECPrivateKey ec) {
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(cert.getPublicKey().getEncoded());
            byte[] params;
            byte[] point;
            try {
                params = X962Parameters.getInstance(spki.getAlgorithm().getParameters()).getEncoded();
                point = new DEROctetString(spki.getPublicKeyData().getOctets()).getEncoded();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            int size = (((ECPublicKey) cert.getPublicKey()).getParams().getCurve().getField().getFieldSize() + 7) / 8;
            privateKey.keyType(CKK_EC).ecParams(params).value(unsigned(ec.getS(), size));
            publicKey.keyType(CKK_EC).ecParams(params).ecPoint(point);
        } else {
            throw new IllegalArgumentException("unsupported key for " + label);
        }
        session.createObject(privateKey);
        session.createObject(publicKey);
        byte[] certificateId = certificateIdMismatch ? ("cert-" + label).getBytes(StandardCharsets.UTF_8) : id;
        importCertificate(session, cert, certificateId, label);
    }

    private static void importCertificate(Session session, X509Certificate cert, byte[] certificateId, String label)
            throws TokenException {
        try {
            byte[] serial = new ASN1Integer(cert.getSerialNumber()).getEncoded();
            session.createObject(new AttributeVector().class_(CKO_CERTIFICATE).certificateType(CKC_X_509)
                    .token(true).private_(false).id(certificateId).label(label)
                    .subject(cert.getSubjectX500Principal().getEncoded())
                    .issuer(cert.getIssuerX500Principal().getEncoded()).serialNumber(serial)
                    .value(cert.getEncoded()));
        } catch (IOException | java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned(BigInteger value, int size) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[size];
        int copy = Math.min(raw.length, size);
        System.arraycopy(raw, raw.length - copy, out, size - copy, copy);
        return out;
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            List<Path> all = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public String toString() {
        return "SoftHSM2 in " + directory + " with " + tokens.stream().map(TokenSpec::label).toList()
                + " (library " + Objects.toString(library) + ")";
    }
}
