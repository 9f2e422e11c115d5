package vn.kyso.app;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import vn.kyso.audit.AuditLog;
import vn.kyso.consent.ConsentPrompt;
import vn.kyso.pdf.PadesServices;
import vn.kyso.pdf.PadesSigner;
import vn.kyso.pki.CrlClient;
import vn.kyso.pki.HttpFetcher;
import vn.kyso.pki.OcspClient;
import vn.kyso.pki.TimeStampClient;
import vn.kyso.pki.TrustStore;
import vn.kyso.pki.UrlRemap;
import vn.kyso.token.PinPrompt;
import vn.kyso.token.TokenManager;
import vn.kyso.usecase.CertificateStatuses;
import vn.kyso.usecase.SignPdf;
import vn.kyso.verify.PdfSignatureVerifier;
import vn.kyso.verify.SignerCertificateCheck;
import vn.kyso.vgca.StampImages;
import vn.kyso.vgca.VgcaSettings;

/**
 * Wires the agent's parts together — once, here, by hand (no DI framework): PKI clients, trust store, signing engine,
 * verifier and use cases, from the configuration and the prompts of the running front end.
 */
public final class AgentAssembly {

    private AgentAssembly() {
    }

    /** What the assembly needs to know beyond the token layer. */
    public record Settings(TrustStore trust, URI tsaUrl, List<X509Certificate> extraCas, boolean signOffline,
                           Path auditFile, VgcaSettings vgca, UrlRemap pkiRemap) {

        /** Without VGCA compatibility settings (file jobs may use the calling page's origin only, no images) and with
         * only the built-in URL rewrites of the real VGCA PKI. */
        public Settings(TrustStore trust, URI tsaUrl, List<X509Certificate> extraCas, boolean signOffline,
                        Path auditFile) {
            this(trust, tsaUrl, extraCas, signOffline, auditFile, UrlRemap.defaults());
        }

        /** Without VGCA compatibility settings. */
        public Settings(TrustStore trust, URI tsaUrl, List<X509Certificate> extraCas, boolean signOffline,
                        Path auditFile, UrlRemap pkiRemap) {
            this(trust, tsaUrl, extraCas, signOffline, auditFile,
                    VgcaSettings.of(List.of(), new StampImages(null, null)), pkiRemap);
        }
    }

    public static TrustStore trustFrom(Path directory, List<X509Certificate> extraRoots) throws IOException {
        TrustStore trust = TrustStore.withBundledRoots();
        if (directory != null) {
            trust.addDirectory(directory);
        }
        extraRoots.forEach(trust::add);
        return trust;
    }

    public static Map<String, Method> methods(TokenManager tokens, Settings settings, ConsentPrompt anyConsent,
                                              PinPrompt anyPins) {
        // Every use case below asks through these, so a method that reaches them must be declared as asking.
        ConsentPrompt consent = PromptGuard.consent(anyConsent);
        PinPrompt pins = PromptGuard.pins(anyPins);
        AuditLog audit = new AuditLog(settings.auditFile());
        List<X509Certificate> known = new ArrayList<>(settings.trust().anchors());
        known.addAll(settings.trust().knownIntermediates());
        known.addAll(settings.extraCas());
        // one HTTP client and one OCSP/CRL cache for signing, verifying and the certificates' status in the picker
        java.util.function.Supplier<Pki> pki = memoised(() -> {
            HttpFetcher http = HttpFetcher.withRemap(settings.pkiRemap());
            OcspClient ocsp = new OcspClient(http);
            CrlClient crl = new CrlClient(http);
            return new Pki(http, ocsp, crl, new SignerCertificateCheck(settings.trust(), http, ocsp, crl,
                    Clock.systemUTC()));
        });
        java.util.function.Supplier<AgentMethods.DocumentServices> documents = memoised(() -> {
            Pki p = pki.get();
            PdfSignatureVerifier verifier = PdfSignatureVerifier.builder(settings.trust()).http(p.http()).ocsp(p.ocsp())
                    .crl(p.crl()).build();
            SignPdf signPdf = new SignPdf(tokens, known, consent, pins, audit,
                    new PadesSigner(new PadesServices(new TimeStampClient(p.http(), settings.tsaUrl()), p.ocsp(),
                            p.crl(), known)), p.check(), verifier,
                    settings.signOffline() ? SignPdf.OfflinePolicy.SIGN_WITH_WARNING : SignPdf.OfflinePolicy.REFUSE);
            return new AgentMethods.DocumentServices(signPdf, verifier);
        });
        CertificateStatuses statuses = new CertificateStatuses(tokens, () -> pki.get().check(), known,
                Clock.systemUTC());
        // checked as soon as a certificate is seen, so the first listing the person reads already knows it
        tokens.addListener(event -> statuses.refresh());
        statuses.refresh();
        Map<String, Method> methods = new java.util.LinkedHashMap<>(
                AgentMethods.standard(tokens, consent, pins, audit, documents, statuses));
        methods.putAll(VgcaMethods.of(tokens, consent, pins, audit, documents, settings.vgca(), statuses));
        return methods;
    }

    private record Pki(HttpFetcher http, OcspClient ocsp, CrlClient crl, SignerCertificateCheck check) {
    }

    static <T> java.util.function.Supplier<T> memoised(java.util.function.Supplier<T> build) {
        return new java.util.function.Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = build.get();
                }
                return value;
            }
        };
    }
}
