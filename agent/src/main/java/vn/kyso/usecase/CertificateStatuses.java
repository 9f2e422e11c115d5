package vn.kyso.usecase;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import vn.kyso.token.CertificateEntry;
import vn.kyso.token.TokenManager;
import vn.kyso.verify.SignerCertificateCheck;
import vn.kyso.verify.SubIndication;
import vn.kyso.verify.VerificationFailure;

/**
 * Whether the certificates on the tokens are revoked, known before the person picks one. Each certificate a person
 * could sign with is checked like a signer's certificate before signing (chain, then OCSP, then CRL, through the
 * agent's PKI clients and their caches), on one background thread: listing tokens never waits for the network, and
 * a certificate not checked yet, or whose OCSP/CRL could not be reached, is reported UNKNOWN — never GOOD.
 */
public final class CertificateStatuses implements AutoCloseable {

    public enum Revocation { GOOD, REVOKED, UNKNOWN }

    /**
     * @param source    where a GOOD or REVOKED answer came from (ONLINE_OCSP, ONLINE_CRL), null otherwise
     * @param checkedAt when the answer was established; null while the certificate has not been checked
     * @param reason    why the status is REVOKED or UNKNOWN, in the verifier's words
     */
    public record Status(Revocation revocation, String source, Instant checkedAt, String reason) {

        public static Status notChecked(String why) {
            return new Status(Revocation.UNKNOWN, null, null, why);
        }

        /** "good", "revoked" or "unknown", as the protocol and the CLI's JSON write it. */
        public String code() {
            return revocation.name().toLowerCase(Locale.ROOT);
        }
    }

    /** How long an answer stands before it is asked again (the PKI clients' caches may still answer it offline). */
    private static final Duration ANSWER_LIFETIME = Duration.ofHours(1);
    /** An outage is retried sooner: the person may just have plugged the network cable back in. */
    private static final Duration UNKNOWN_LIFETIME = Duration.ofMinutes(1);

    private final TokenManager tokens;
    private final Supplier<SignerCertificateCheck> check;
    private final List<X509Certificate> knownCas;
    private final Clock clock;
    private final ExecutorService worker;
    private final Map<String, Status> answers = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Status>> running = new ConcurrentHashMap<>();

    /**
     * @param check    built on first use, so an agent that is only asked for its token list does not load the
     *                 verifier at start
     * @param knownCas intermediates the chain may need besides those on the tokens and behind AIA
     */
    public CertificateStatuses(TokenManager tokens, Supplier<SignerCertificateCheck> check,
                               List<X509Certificate> knownCas, Clock clock) {
        this.tokens = tokens;
        this.check = check;
        this.knownCas = List.copyOf(knownCas);
        this.clock = clock;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "kyso-certificate-status");
            t.setDaemon(true);
            return t;
        });
    }

    /** The last answer for {@code certificate}, asking again in the background when there is none or it is old. */
    public Status status(CertificateEntry certificate) {
        String skip = notChecked(certificate);
        if (skip != null) {
            return Status.notChecked(skip);
        }
        Status known = answers.get(certificate.id());
        if (known == null || stale(known)) {
            start(certificate);
        }
        return known != null ? known : Status.notChecked("not checked yet");
    }

    /** Starts checking every certificate now on the tokens (at start and when a token is plugged in). */
    public void refresh() {
        tokens.certificates().forEach(this::status);
    }

    /**
     * Checks {@code certificates} and waits at most {@code bound} for the answers (the CLI, which has no later
     * listing to show them in); what is not answered by then is UNKNOWN.
     */
    public Map<String, Status> await(Collection<CertificateEntry> certificates, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        Map<String, CompletableFuture<Status>> pending = new LinkedHashMap<>();
        for (CertificateEntry c : certificates) {
            if (notChecked(c) == null) {
                Status known = answers.get(c.id());
                pending.put(c.id(), known != null && !stale(known) ? CompletableFuture.completedFuture(known)
                        : start(c));
            }
        }
        Map<String, Status> out = new LinkedHashMap<>();
        for (CertificateEntry c : certificates) {
            CompletableFuture<Status> future = pending.get(c.id());
            out.put(c.id(), future == null ? Status.notChecked(notChecked(c)) : within(future, deadline));
        }
        return out;
    }

    /** Whether the last answer says revoked: such a certificate is not offered for signing. */
    public boolean knownRevoked(CertificateEntry certificate) {
        Status known = answers.get(certificate.id());
        return known != null && known.revocation() == Revocation.REVOKED;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }

    /** Why a certificate is not checked: it is not offered for signing anyway, so its status changes nothing. */
    private String notChecked(CertificateEntry c) {
        if (c.ca()) {
            return "not checked: a CA certificate";
        }
        return c.validity(clock.instant()) == CertificateEntry.Validity.VALID ? null
                : "not checked: outside its validity period";
    }

    private boolean stale(Status s) {
        Duration lifetime = s.revocation() == Revocation.UNKNOWN ? UNKNOWN_LIFETIME : ANSWER_LIFETIME;
        return s.checkedAt() == null || s.checkedAt().plus(lifetime).isBefore(clock.instant());
    }

    private CompletableFuture<Status> start(CertificateEntry c) {
        return running.computeIfAbsent(c.id(), id -> {
            CompletableFuture<Status> future = CompletableFuture.supplyAsync(() -> ask(c), worker);
            future.whenComplete((status, error) -> {
                if (status != null) {
                    answers.put(id, status);
                }
                running.remove(id);
            });
            return future;
        });
    }

    private Status ask(CertificateEntry c) {
        Instant now = clock.instant();
        List<X509Certificate> known = new ArrayList<>(knownCas);
        // the Sub CA a token carries beside the person's certificate completes the chain offline
        tokens.certificates().stream().filter(CertificateEntry::ca).forEach(ca -> known.add(ca.certificate()));
        try {
            SignerCertificateCheck.Outcome outcome = check.get().check(c.certificate(), known);
            return new Status(Revocation.GOOD, outcome.revocation().source().name(), now, null);
        } catch (VerificationFailure failure) {
            boolean revoked = failure.subIndication() == SubIndication.REVOKED
                    || failure.subIndication() == SubIndication.REVOKED_NO_POE;
            return new Status(revoked ? Revocation.REVOKED : Revocation.UNKNOWN, null, now, failure.reason());
        } catch (RuntimeException e) {
            return new Status(Revocation.UNKNOWN, null, now, String.valueOf(e.getMessage()));
        }
    }

    private static Status within(CompletableFuture<Status> future, long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return Status.notChecked("no answer in time from OCSP/CRL");
        } catch (ExecutionException e) {
            return Status.notChecked(String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Status.notChecked("interrupted");
        }
    }
}
