package vn.kyso.verify;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.FutureTask;
import java.util.function.Function;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

import vn.kyso.pki.CrlClient;
import vn.kyso.pki.HttpFetcher;
import vn.kyso.pki.OcspClient;
import vn.kyso.pki.TrustStore;
import vn.kyso.xml.XmlLimits;

/**
 * Verifies every signature and document timestamp of a PDF. Each rule is one {@link SignatureCheck}, run in the
 * order of ETSI EN 319 102-1 (format, integrity, identification, time, certificate path, revocation, constraints);
 * the first rule that fails decides the signature's indication. Then the changes made after each signature are
 * classified. Never throws for a bad document: unreadable, encrypted and unsigned files get a report with an error
 * code.
 */
public final class PdfSignatureVerifier {

    private final VerifierSettings settings;
    private final ChainBuilder chains;
    private final TimestampVerifier timestamps;

    private PdfSignatureVerifier(VerifierSettings settings) {
        this.settings = settings;
        this.chains = new ChainBuilder(settings.trustStore(), settings.http(), settings.online());
        this.timestamps = new TimestampVerifier(settings, chains);
    }

    /** A verifier of detached CMS signatures with this verifier's trust, services and clock. */
    public CmsSignatureVerifier cmsVerifier() {
        return new CmsSignatureVerifier(settings);
    }

    /** A verifier of JWS / JAdES signatures with this verifier's trust, services and clock. */
    public JwsSignatureVerifier jwsVerifier() {
        return new JwsSignatureVerifier(settings);
    }

    /** A verifier of XML signatures with this verifier's trust, services and clock. */
    public XmlSignatureVerifier xmlVerifier() {
        return new XmlSignatureVerifier(settings, XmlLimits.defaults());
    }

    public static Builder builder(TrustStore trustStore) {
        return new Builder(trustStore);
    }

    public DocumentReport verify(byte[] file) {
        return verify(file, null);
    }

    /** @param password the user password of an encrypted document (null when it opens without one) */
    public DocumentReport verify(byte[] file, String password) {
        Instant now = settings.clock().instant();
        PdfLoading.Loaded loaded;
        try {
            loaded = PdfLoading.load(file, password);
        } catch (InvalidPasswordException e) {
            return DocumentReport.failed(now, VerifyError.DOCUMENT_ENCRYPTED, e.getMessage());
        } catch (IOException | RuntimeException e) {
            return DocumentReport.failed(now, VerifyError.DOCUMENT_UNREADABLE, String.valueOf(e.getMessage()));
        }
        try (PDDocument document = loaded.document()) {
            List<PdfSignature> signatures = PdfSignatureReader.read(loaded, file);
            if (signatures.isEmpty()) {
                return DocumentReport.failed(now, VerifyError.NO_SIGNATURE, null);
            }
            SignedRanges ranges = SignedRanges.of(file, signatures, loaded);
            Map<Long, EmbeddedEvidence> revisions = new ConcurrentHashMap<>();
            Function<PdfSignature, EmbeddedEvidence> coveredBy = timestamp -> revisions.computeIfAbsent(
                    timestamp.revisionEnd(), end -> dssOfRevision(file, end, password));
            // The opening of the revision each signature signed, then each signature's checks and format level, on
            // pool threads; meanwhile this thread, which alone reads the (lazily parsed, not thread-safe) final
            // document, compares the revisions. Reports keep the signatures' order.
            List<FutureTask<ChangeAnalyzer.SignedRevision>> opened = new ArrayList<>();
            for (PdfSignature signature : signatures) {
                FutureTask<ChangeAnalyzer.SignedRevision> open = new FutureTask<>(
                        () -> ChangeAnalyzer.open(file, signature.revisionEnd(), password));
                opened.add(open);
                CheckPool.offer(open);
            }
            List<FutureTask<Checked>> checks = new ArrayList<>();
            try {
                EmbeddedEvidence evidence = EmbeddedEvidence.fromDss(document);
                long dssWrittenAt = EmbeddedEvidence.dssWrittenAt(document);
                for (PdfSignature signature : signatures) {
                    boolean dssAfter = dssWrittenAt > signature.revisionEnd();
                    FutureTask<Checked> task = new FutureTask<>(
                            () -> check(file, signature, signatures, evidence, now, dssAfter, coveredBy, ranges));
                    checks.add(task);
                    CheckPool.offer(task);
                }
                CosFingerprint.Memo fingerprints = new CosFingerprint.Memo();
                List<FutureTask<?>> work = new ArrayList<>(opened);
                work.addAll(checks);
                List<List<Change>> changes = new ArrayList<>();
                for (int i = 0; i < signatures.size(); i++) {
                    PdfSignature signature = signatures.get(i);
                    try (ChangeAnalyzer.SignedRevision revision = CheckPool.await(opened.get(i), work)) {
                        changes.add(ChangeAnalyzer.changesAfter(revision, document,
                                strictestDocMdp(signatures, signature), fingerprints));
                    }
                }
                List<SignatureReport> reports = new ArrayList<>();
                for (int i = 0; i < signatures.size(); i++) {
                    reports.add(report(file, signatures.get(i), CheckPool.await(checks.get(i), work),
                            changes.get(i)));
                }
                return DocumentReport.of(now, reports);
            } finally {
                // not started when this verification failed: not needed; a revision opened for nothing is closed
                checks.forEach(task -> task.cancel(false));
                for (FutureTask<ChangeAnalyzer.SignedRevision> open : opened) {
                    if (!open.cancel(false)) {
                        CheckPool.await(open).close();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return DocumentReport.failed(now, VerifyError.DOCUMENT_UNREADABLE, String.valueOf(e));
        }
    }

    /** The /DSS evidence of the revision ending at {@code end} (what a document time-stamp there covers). */
    private static EmbeddedEvidence dssOfRevision(byte[] file, long end, String password) {
        if (end <= 0 || end > file.length) {
            return EmbeddedEvidence.empty();
        }
        try (PDDocument earlier = PdfLoading.load(file, (int) end, password).document()) {
            return EmbeddedEvidence.fromDss(earlier);
        } catch (IOException | RuntimeException e) {
            return EmbeddedEvidence.empty();
        }
    }

    /**
     * One signature's checks, their outcome and its format level; thread-safe (reads only the file's bytes, the
     * evidence, and revisions it opens itself).
     */
    private record Checked(SignatureContext context, CheckRun run, FormatLevel.Result level) {
    }

    private Checked check(byte[] file, PdfSignature signature, List<PdfSignature> all, EmbeddedEvidence evidence,
                          Instant now, boolean dssAfter, Function<PdfSignature, EmbeddedEvidence> coveredBy,
                          SignedRanges ranges) {
        SignatureContext context = new SignatureContext(file, signature, settings, evidence, now);
        context.ranges = ranges;
        List<SignatureCheck> checks = new ArrayList<>(List.of(new ByteRangeCheck(), new GapOverlapCheck(all)));
        checks.addAll(checksFor(signature));
        CheckRun run = CheckRun.of(context, checks);
        FormatLevel.Result level = signature.isDocumentTimestamp() ? FormatLevel.Result.NONE
                : FormatLevel.ofPdf(signature, context.cms, context.signer, new FormatLevel.PdfContext(
                context.evidence, dssAfter, all.stream().filter(o -> o.isLevelDocumentTimestamp()
                && o.revisionEnd() > signature.revisionEnd()).toList(), coveredBy,
                settings.trustStore().anchors(), settings.trustStore().knownIntermediates()));
        return new Checked(context, run, level);
    }

    private SignatureReport report(byte[] file, PdfSignature signature, Checked checked, List<Change> changes) {
        SignatureContext context = checked.context();
        FormatLevel.Result level = checked.level();
        SubIndication failed = checked.run().failed();
        String reason = checked.run().reason();
        // A forbidden change after signing fails the signature outright, even when another rule could only reach
        // INDETERMINATE (an unknown root must not soften "the document was altered").
        if ((failed == null || failed.indication() != Indication.TOTAL_FAILED)
                && changes.stream().anyMatch(c -> !c.allowed())) {
            String earlier = failed == null ? "" : "; also " + failed.code() + ": " + reason;
            failed = SubIndication.MODIFIED_AFTER_SIGNING;
            reason = changes.stream().filter(c -> !c.allowed()).map(c -> c.kind() + " (" + c.where() + ")")
                    .reduce((a, b) -> a + ", " + b).orElse("") + earlier;
        }
        return new SignatureReport(signature.fieldName(), signature.isDocumentTimestamp(),
                failed == null ? Indication.TOTAL_PASSED : failed.indication(), failed, reason,
                context.signerCertificate == null ? null : Certificates.describe(context.signerCertificate),
                context.signingTime, level.level(), context.revocation, context.timestamp,
                signature.subFilter(), context.digestAlgorithm, context.signatureAlgorithm,
                signature.revisionEnd() >= trimmedLength(file),
                changes, context.warnings, level.gaps());
    }

    private List<SignatureCheck> checksFor(PdfSignature signature) {
        if (signature.isDocumentTimestamp()) {
            return List.of(new DocumentTimestampCheck(timestamps));
        }
        return cmsSignatureChecks(timestamps, chains);
    }

    /** The rules for one CMS signer, shared with {@link CmsSignatureVerifier} so each rule exists once. */
    static List<SignatureCheck> cmsSignatureChecks(TimestampVerifier timestamps, ChainBuilder chains) {
        List<SignatureCheck> checks = new ArrayList<>(List.of(
                new CmsParseCheck(),
                new MessageDigestCheck(),
                new SignatureValueCheck(),
                new SigningCertificateBindingCheck(),
                new SignatureTimestampCheck(timestamps)));
        checks.addAll(certificateChecks(chains, List.of(new SignedAttributesCheck())));
        return checks;
    }

    /**
     * The rules about the signer's certificate at the best signing time, the same for every format: chain, validity,
     * path, revocation, key usage, then the format's own acceptance rules (a CMS's signed attributes; a JWS signs its
     * protected header always), then algorithm strength — the order of EN 319 102-1's acceptance validation as DSS
     * runs it, so the same defect gets the same sub-indication in every format.
     */
    static List<SignatureCheck> certificateChecks(ChainBuilder chains, List<SignatureCheck> acceptance) {
        List<SignatureCheck> checks = new ArrayList<>(List.of(
                new CertificateChainCheck(chains),
                new CertificateValidityCheck(),
                new PathValidationCheck(),
                new RevocationStatusCheck(),
                new KeyUsageCheck()));
        checks.addAll(acceptance);
        checks.add(new AlgorithmStrengthCheck());
        return checks;
    }

    /** The DocMDP P of a certification signature at or before this one (the strictest), null when none. */
    private static Integer strictestDocMdp(List<PdfSignature> all, PdfSignature signature) {
        Integer strictest = null;
        for (PdfSignature other : all) {
            if (other.docMdpP() != null && other.revisionEnd() <= signature.revisionEnd()
                    && (strictest == null || other.docMdpP() < strictest)) {
                strictest = other.docMdpP();
            }
        }
        return strictest;
    }

    private static long trimmedLength(byte[] file) {
        int end = file.length;
        while (end > 0 && (file[end - 1] == '\n' || file[end - 1] == '\r' || file[end - 1] == 0)) {
            end--;
        }
        return end;
    }

    /** Configuration: trust store required; online clients default to {@link HttpFetcher#withDefaults()}. */
    public static final class Builder {
        private final TrustStore trustStore;
        private HttpFetcher http;
        private OcspClient ocsp;
        private CrlClient crl;
        private Clock clock = Clock.systemUTC();
        private boolean online = true;
        private Duration skewTolerance = Duration.ofMinutes(10);

        private Builder(TrustStore trustStore) {
            this.trustStore = Objects.requireNonNull(trustStore);
        }

        public Builder http(HttpFetcher http) {
            this.http = http;
            return this;
        }

        public Builder ocsp(OcspClient ocsp) {
            this.ocsp = ocsp;
            return this;
        }

        public Builder crl(CrlClient crl) {
            this.crl = crl;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** False: judge only with evidence embedded in the document (no OCSP, CRL or AIA downloads). */
        public Builder online(boolean online) {
            this.online = online;
            return this;
        }

        /** How close to 7 h "claimed − timestamp" must be to be reported as the local-time quirk. */
        public Builder localTimeSkewTolerance(Duration tolerance) {
            this.skewTolerance = tolerance;
            return this;
        }

        public PdfSignatureVerifier build() {
            return new PdfSignatureVerifier(settings());
        }

        /** A verifier of detached CMS (CAdES) signatures with the same trust, services and clock. */
        public CmsSignatureVerifier buildCmsVerifier() {
            return new CmsSignatureVerifier(settings());
        }

        /** A verifier of JWS / JAdES signatures with the same trust, services and clock. */
        public JwsSignatureVerifier buildJwsVerifier() {
            return new JwsSignatureVerifier(settings());
        }

        /** A verifier of XML signatures (XMLDSig, XAdES) with the same trust, services and clock. */
        public XmlSignatureVerifier buildXmlVerifier() {
            return new XmlSignatureVerifier(settings(), XmlLimits.defaults());
        }

        private VerifierSettings settings() {
            HttpFetcher fetcher = http != null ? http : HttpFetcher.withDefaults();
            return new VerifierSettings(trustStore, fetcher,
                    ocsp != null ? ocsp : new OcspClient(fetcher), crl != null ? crl : new CrlClient(fetcher), clock,
                    online, skewTolerance);
        }
    }
}
