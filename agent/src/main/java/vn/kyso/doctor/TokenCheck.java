package vn.kyso.doctor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import vn.kyso.errors.ErrorText;
import vn.kyso.errors.KysoException;
import vn.kyso.token.CertificateEntry;
import vn.kyso.token.DriverReport;
import vn.kyso.token.TokenInfo;
import vn.kyso.token.TokenManager;

/**
 * The token drivers load (the "drivers" line), and the tokens plugged in with their certificates, warning about
 * certificates expired or expiring within 30 days (the "tokens" line). Keeps the certificates for
 * {@link CertificatesCheck}.
 */
final class TokenCheck implements DoctorCheck {

    private static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    @Override
    public List<Check> run(Install install) {
        try (TokenManager manager = TokenManager.open(install.config().tokenManagerConfig())) {
            List<Check> checks = new ArrayList<>();
            checks.add(drivers(manager.drivers()));
            List<CertificateEntry> certificates = manager.certificates();
            install.certificates(certificates);
            checks.add(tokens(manager.tokens(), certificates, Instant.now()));
            return checks;
        } catch (KysoException e) {
            return List.of(Check.fail("drivers", e));
        }
    }

    static Check drivers(List<DriverReport> drivers) {
        List<String> loaded = drivers.stream().filter(DriverReport::loaded).map(d -> d.path().toString()).toList();
        List<String> failed = drivers.stream().filter(d -> !d.loaded())
                .map(d -> d.path() + " (" + d.state() + ": " + d.reason() + ")").toList();
        if (loaded.isEmpty()) {
            return Check.fail("drivers", failed.isEmpty() ? DoctorText.DRIVERS_NONE_FOUND.with()
                    : DoctorText.DRIVERS_NONE_LOADED.with(String.join("; ", failed)));
        }
        if (!failed.isEmpty()) {
            return Check.warn("drivers", DoctorText.DRIVERS_SOME_FAILED.with(String.join(", ", loaded),
                    String.join("; ", failed)));
        }
        return Check.ok("drivers", DoctorText.DRIVERS_OK.with(String.join(", ", loaded)));
    }

    static Check tokens(List<TokenInfo> tokens, List<CertificateEntry> certificates, Instant now) {
        if (tokens.isEmpty()) {
            return Check.warn("tokens", DoctorText.TOKENS_NONE.with());
        }
        List<String> expired = new ArrayList<>();
        List<String> expiring = new ArrayList<>();
        for (CertificateEntry c : certificates) {
            if (c.notAfter().isBefore(now)) {
                expired.add(c.label());
            } else if (c.notAfter().isBefore(now.plus(EXPIRY_WARNING))) {
                expiring.add(c.label());
            }
        }
        String labels = String.join(", ", tokens.stream().map(TokenInfo::label).toList());
        ErrorText summary = DoctorText.TOKENS_SUMMARY.with(tokens.size(), labels, certificates.size());
        if (certificates.isEmpty()) {
            return Check.warn("tokens", ErrorText.join(summary, DoctorText.TOKENS_NO_CERTIFICATE.with()));
        }
        if (!expired.isEmpty() || !expiring.isEmpty()) {
            return Check.warn("tokens", ErrorText.join(summary,
                    expired.isEmpty() ? ErrorText.EMPTY : DoctorText.TOKENS_EXPIRED.with(String.join(", ", expired)),
                    expiring.isEmpty() ? ErrorText.EMPTY
                            : DoctorText.TOKENS_EXPIRING.with(String.join(", ", expiring))));
        }
        return Check.ok("tokens", summary);
    }
}
