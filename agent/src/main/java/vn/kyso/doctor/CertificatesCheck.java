package vn.kyso.doctor;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import vn.kyso.app.AgentAssembly;
import vn.kyso.consent.ConsentPrompt;
import vn.kyso.errors.ErrorText;
import vn.kyso.token.CertificateEntry;
import vn.kyso.verify.SignerCertificateCheck;
import vn.kyso.verify.SubIndication;
import vn.kyso.verify.VerificationFailure;

/**
 * Every certificate on the tokens goes through the same check the agent makes before signing (validity, key
 * usage, chain to a trusted root, OCSP or CRL): IT sees which ones can sign and whether revocation is reachable.
 */
final class CertificatesCheck implements DoctorCheck {

    @Override
    public List<Check> run(Install install) {
        List<CertificateEntry> certificates = install.certificates();
        if (certificates.isEmpty()) {
            return List.of(Check.ok("certificates", DoctorText.CERTIFICATES_NONE.with()));
        }
        // the agent's own pre-signing check, with the doctor's patience for the OCSP and CRL servers
        AgentAssembly parts = AgentAssembly.forTerminal(AgentAssembly.builder().trust(install.trust())
                .pkiRemap(install.config().pkiRemap()).networkTimeout(install.inputs().networkTimeout()).build(),
                ConsentPrompt.NOBODY, request -> Optional.empty());
        return List.of(check(certificates, parts.certificateCheck()));
    }

    static Check check(List<CertificateEntry> certificates, SignerCertificateCheck check) {
        List<X509Certificate> known = certificates.stream().map(CertificateEntry::certificate).toList();
        List<String> good = new ArrayList<>();
        List<String> offline = new ArrayList<>();
        List<String> unusable = new ArrayList<>();
        for (CertificateEntry c : certificates) {
            String name = c.tokenLabel() + " / " + c.label();
            try {
                check.check(c.certificate(), known);
                good.add(name);
            } catch (VerificationFailure f) {
                (f.subIndication() == SubIndication.TRY_LATER ? offline : unusable)
                        .add(name + " (" + f.subIndication() + ")");
            }
        }
        ErrorText alsoGood = good.isEmpty() ? ErrorText.EMPTY
                : DoctorText.CERTIFICATES_ALSO_GOOD.with(String.join(", ", good));
        if (!offline.isEmpty()) {
            return Check.warn("certificates",
                    DoctorText.CERTIFICATES_OFFLINE.with(String.join(", ", offline), alsoGood));
        }
        if (!unusable.isEmpty()) {
            return Check.warn("certificates",
                    DoctorText.CERTIFICATES_UNUSABLE.with(String.join(", ", unusable), alsoGood));
        }
        return Check.ok("certificates", DoctorText.CERTIFICATES_OK.with(alsoGood));
    }
}
