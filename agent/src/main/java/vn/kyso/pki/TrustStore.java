package vn.kyso.pki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.kyso.errors.KysoException;

/**
 * The trusted roots: the real government roots bundled with the agent (pinned by SHA-256, so a swapped resource
 * stops the agent), roots an administrator installs in a directory, and roots added in code.
 *
 * <p>The bundled "CA phục vụ các cơ quan Nhà nước G2" is an intermediate, not a root: it is pinned and loaded
 * like the roots but offered as a known intermediate for path building, never as an anchor.
 */
public final class TrustStore {

    private static final Logger LOG = LoggerFactory.getLogger(TrustStore.class);

    /** Bundled resource (under {@code vn/kyso/pki/trust/}) → SHA-256 of its DER, from /work/shared/trust/README.md. */
    public static final Map<String, String> BUNDLED_PINS = pins(
            "vgca-rootca-g2.pem", "F04BA4B459A7C9A1B971AD9B1CB833E695A80C79AEA63B174B66A70EDFE2FDB8",
            "vgca-ca-nha-nuoc-g2.pem", "D8CAB7A4AEF92E6BB2509D7C61CEE7B44F3731B2D21074963530277B366FAE4B",
            "neac-vietnam-national-root-ca.pem", "BAC8BF609AB420A8EE1780D74F4DE5C7F7184959D2A7375B0A75E4C29F0908E7");

    private static final String RESOURCE_DIR = "/vn/kyso/pki/trust/";
    private static final Set<String> ADMIN_EXTENSIONS = Set.of("pem", "crt", "cer", "der");

    /** A file or certificate of an admin directory that was not accepted as an anchor, and why. */
    public record Rejected(Path file, String subject, String reason) {
    }

    /** What {@link #addDirectory} did: the anchors it added and what it skipped. */
    public record DirectoryImport(List<X509Certificate> added, List<Rejected> rejected) {
        public DirectoryImport {
            added = List.copyOf(added);
            rejected = List.copyOf(rejected);
        }
    }

    private final List<X509Certificate> anchors = new CopyOnWriteArrayList<>();
    private final List<X509Certificate> intermediates;

    private TrustStore(List<X509Certificate> anchors, List<X509Certificate> intermediates) {
        this.anchors.addAll(anchors);
        this.intermediates = List.copyOf(intermediates);
    }

    /** The bundled government roots, each checked against its pin; TRUST_ANCHOR_INVALID if one does not match. */
    public static TrustStore withBundledRoots() {
        return fromPinnedResources(BUNDLED_PINS, name -> TrustStore.class.getResourceAsStream(RESOURCE_DIR + name));
    }

    /** An empty store (tests, or deployments that trust only what the administrator installs). */
    public static TrustStore empty() {
        return new TrustStore(List.of(), List.of());
    }

    /** Where pinned files come from; a seam so a test can feed a tampered file. */
    @FunctionalInterface
    interface ResourceSource {
        InputStream open(String name) throws IOException;
    }

    static TrustStore fromPinnedResources(Map<String, String> pins, ResourceSource source) {
        List<X509Certificate> roots = new ArrayList<>();
        List<X509Certificate> intermediates = new ArrayList<>();
        for (Map.Entry<String, String> pin : pins.entrySet()) {
            X509Certificate certificate = readPinned(pin.getKey(), pin.getValue(), source);
            if (isSelfSigned(certificate)) {
                roots.add(certificate);
            } else {
                intermediates.add(certificate);
            }
        }
        return new TrustStore(roots, intermediates);
    }

    private static X509Certificate readPinned(String name, String pin, ResourceSource source) {
        try (InputStream in = source.open(name)) {
            if (in == null) {
                throw new KysoException(PkiError.TRUST_ANCHOR_INVALID, name, "bundled file is missing");
            }
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(in);
            String actual = sha256(certificate);
            if (!actual.equalsIgnoreCase(pin)) {
                throw new KysoException(PkiError.TRUST_ANCHOR_INVALID,
                        Map.of("expectedSha256", pin, "actualSha256", actual), null, name,
                        "SHA-256 " + actual + " does not match the pinned " + pin);
            }
            return certificate;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (e instanceof KysoException k) {
                throw k;
            }
            throw new KysoException(PkiError.TRUST_ANCHOR_INVALID, Map.of(), e, name, String.valueOf(e.getMessage()));
        }
    }

    /** Adds a root in code; TRUST_ANCHOR_INVALID unless it is a self-signed CA certificate. */
    public void add(X509Certificate root) {
        String problem = anchorProblem(root);
        if (problem != null) {
            throw new KysoException(PkiError.TRUST_ANCHOR_INVALID, root.getSubjectX500Principal().getName(), problem);
        }
        addIfNew(root);
    }

    /**
     * Adds the self-signed CA certificates found in the {@code .pem/.crt/.cer/.der} files of {@code directory}
     * (PEM or DER, several per PEM file); everything else is reported and skipped, so one bad file does not keep
     * the agent from starting.
     */
    public DirectoryImport addDirectory(Path directory) throws IOException {
        List<X509Certificate> added = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(Files::isRegularFile).filter(TrustStore::hasCertificateExtension).sorted().toList();
        }
        for (Path file : files) {
            Collection<? extends Certificate> certificates;
            try (InputStream in = Files.newInputStream(file)) {
                certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            } catch (GeneralSecurityException | RuntimeException e) {
                rejected.add(new Rejected(file, null, "not a PEM or DER certificate: " + e.getMessage()));
                continue;
            }
            if (certificates.isEmpty()) {
                rejected.add(new Rejected(file, null, "no certificate in the file"));
            }
            for (Certificate certificate : certificates) {
                X509Certificate x509 = (X509Certificate) certificate;
                String problem = anchorProblem(x509);
                if (problem == null) {
                    addIfNew(x509);
                    added.add(x509);
                } else {
                    rejected.add(new Rejected(file, x509.getSubjectX500Principal().getName(), problem));
                }
            }
        }
        for (Rejected r : rejected) {
            LOG.warn("Trusted-root directory: skipped {} ({}): {}", r.file(), r.subject(), r.reason());
        }
        return new DirectoryImport(added, rejected);
    }

    public List<X509Certificate> anchors() {
        return List.copyOf(anchors);
    }

    public Set<TrustAnchor> trustAnchors() {
        Set<TrustAnchor> result = new LinkedHashSet<>();
        for (X509Certificate anchor : anchors) {
            result.add(new TrustAnchor(anchor, null));
        }
        return result;
    }

    /** Bundled intermediates that are pinned but not anchors (useful when a signer did not embed its chain). */
    public List<X509Certificate> knownIntermediates() {
        return intermediates;
    }

    /** True when {@code root} is one of the anchors: same subject and same public key (RFC 5280 §6.1.1 (d)). */
    public boolean isTrusted(X509Certificate root) {
        for (X509Certificate anchor : anchors) {
            if (anchor.getSubjectX500Principal().equals(root.getSubjectX500Principal())
                    && Arrays.equals(anchor.getPublicKey().getEncoded(), root.getPublicKey().getEncoded())) {
                return true;
            }
        }
        return false;
    }

    public static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private synchronized void addIfNew(X509Certificate root) {
        if (!isTrusted(root)) {
            anchors.add(root);
        }
    }

    /** Null when {@code certificate} may be an anchor, else why not. */
    private static String anchorProblem(X509Certificate certificate) {
        if (certificate.getBasicConstraints() < 0) {
            return "not a CA certificate (basicConstraints cA is not set)";
        }
        if (!isSelfSigned(certificate)) {
            return "not self-signed: only root certificates are accepted as trust anchors";
        }
        return null;
    }

    private static boolean isSelfSigned(X509Certificate certificate) {
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean hasCertificateExtension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && ADMIN_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static Map<String, String> pins(String... nameAndPin) {
        Map<String, String> pins = new LinkedHashMap<>();
        for (int i = 0; i < nameAndPin.length; i += 2) {
            pins.put(nameAndPin[i], nameAndPin[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(pins);
    }
}
