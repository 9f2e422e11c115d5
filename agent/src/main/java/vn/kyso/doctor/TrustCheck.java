package vn.kyso.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import vn.kyso.errors.ErrorText;
import vn.kyso.errors.KysoException;
import vn.kyso.pki.TrustStore;

/**
 * The trusted roots as the agent would load them — the bundled ones and IT's directory — none expired. Keeps them
 * for {@link CertificatesCheck}.
 */
final class TrustCheck implements DoctorCheck {

    @Override
    public List<Check> run(Install install) {
        TrustStore trust;
        try {
            trust = TrustStore.withBundledRoots();
        } catch (KysoException e) {
            return List.of(Check.fail("trust", e));
        }
        install.trust(trust);
        return List.of(check(trust, install.config().trustDirectory(), Instant.now()));
    }

    static Check check(TrustStore trust, Path directory, Instant now) {
        try {
            int bundled = trust.anchors().size();
            ErrorText extra = ErrorText.EMPTY;
            if (directory != null) {
                if (!Files.isDirectory(directory)) {
                    return Check.fail("trust", DoctorText.TRUST_DIRECTORY_MISSING.with(directory));
                }
                TrustStore.DirectoryImport imported = trust.addDirectory(directory);
                extra = ErrorText.join(DoctorText.TRUST_DIRECTORY_ADDED.with(imported.added().size(), directory),
                        imported.rejected().isEmpty() ? ErrorText.EMPTY
                                : DoctorText.TRUST_DIRECTORY_REJECTED.with(imported.rejected().size()));
                if (!imported.rejected().isEmpty()) {
                    return Check.warn("trust", DoctorText.TRUST_BUNDLED.with(bundled, extra));
                }
            }
            List<String> expired = trust.anchors().stream().filter(r -> r.getNotAfter().toInstant().isBefore(now))
                    .map(r -> r.getSubjectX500Principal().getName()).toList();
            if (!expired.isEmpty()) {
                return Check.warn("trust", DoctorText.TRUST_EXPIRED.with(String.join("; ", expired)));
            }
            return Check.ok("trust", DoctorText.TRUST_OK.with(trust.anchors().size(), bundled, extra));
        } catch (IOException e) {
            return Check.fail("trust", DoctorText.TRUST_UNREADABLE.with(e.getMessage()));
        }
    }
}
