package vn.kyso.usecase;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import vn.kyso.audit.AuditRecord;
import vn.kyso.consent.ConsentRequest;
import vn.kyso.errors.KysoException;
import vn.kyso.pdf.BatchEvidence;
import vn.kyso.pdf.PadesLevel;
import vn.kyso.pdf.PadesOptions;
import vn.kyso.pdf.PreparedSignature;
import vn.kyso.pdf.RemotePadesSigner;
import vn.kyso.pdf.SignResult;
import vn.kyso.pdf.SignatureReadBack;
import vn.kyso.sign.TokenSignerPort;
import vn.kyso.token.CertificateEntry;
import vn.kyso.token.SignatureAlgorithm;
import vn.kyso.verify.DocumentReport;
import vn.kyso.verify.Indication;

/**
 * Batch signing ("ký số hàng loạt"): one certificate check, one consent listing every document (name, pages,
 * SHA-256), one PIN and one token session for the whole list, and a status per document. Every document is prepared
 * first (a damaged one fails alone, before the person is asked), the token signs all digests in one go, then each
 * document is completed (time-stamp, revocation evidence) and re-verified on its own — several at once, on a small
 * agent-wide pool (one thread a core, at most {@value #MAX_COMPLETERS}), since completing is CPU work and a wait for
 * the TSA that the documents need not take turns for; the caller still hears of them in order.
 */
public final class SignPdfBatch {

    /**
     * One document of the batch.
     *
     * @param invalid why the request for this document is already known to fail (missing document, bad preset), or
     *                null; such an item is reported FAILED and never shown for consent
     */
    public record Item(String name, byte[] pdf, PadesOptions options, String operationEn, KysoException invalid) {
    }

    public record Request(String origin, String certificateId, List<Item> items) {
        public Request {
            items = List.copyOf(items);
        }
    }

    /** What became of one document. */
    public sealed interface Outcome permits Signed, Failed {
    }

    public record Signed(byte[] document, PadesLevel level, List<String> warnings) implements Outcome {
    }

    public record Failed(KysoException error) implements Outcome {
    }

    /** Told about each document, in order, as soon as its outcome is final. */
    @FunctionalInterface
    public interface Progress {
        void settled(int index, Outcome outcome);
    }

    static final int MAX_COMPLETERS = 4;
    /** Time-stamp requests in flight at once for all batches of the agent. */
    static final int MAX_STAMPING = 8;

    private final SigningRules rules;
    private final RemotePadesSigner engine;

    /**
     * A connection's batches by id, the newest {@link #MAX} kept: what each document of each became, so a batch
     * resumed after a lost connection or a refusal signs nothing twice.
     */
    public static final class Batches {

        public static final int MAX = 64;

        private final Map<String, Batch> byId = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Batch> eldest) {
                return size() > MAX;
            }
        };

        public synchronized Batch get(String id) {
            return byId.computeIfAbsent(id, k -> new Batch());
        }
    }

    /** One batch: signed by one call at a time, and the answer given for each document it signed. */
    public static final class Batch {
        private final ReentrantLock lock = new ReentrantLock();
        private final Map<String, Map<String, Object>> signed = new ConcurrentHashMap<>();

        /** False when another call is signing this batch now. */
        public boolean tryLock() {
            return lock.tryLock();
        }

        public void unlock() {
            lock.unlock();
        }

        /** The answer given when {@code documentId} was signed, or null when it has not been. */
        public Map<String, Object> signed(String documentId) {
            return signed.get(documentId);
        }

        public void signed(String documentId, Map<String, Object> answer) {
            signed.put(documentId, answer);
        }
    }

    public SignPdfBatch(SigningRules rules, RemotePadesSigner engine) {
        this.rules = rules;
        this.engine = engine;
    }

    /**
     * @return one outcome per item, in order
     * @throws KysoException for what stops the whole batch before anything is signed: certificate refused, consent
     *                       refused, PIN errors, token removed
     */
    public List<Outcome> sign(Request request, Progress progress) {
        CertificateEntry certificate = rules.tokens().certificate(request.certificateId());
        List<Item> items = request.items();
        Outcome[] outcomes = new Outcome[items.size()];
        List<CompletableFuture<Step>> stamping = new ArrayList<>(items.size());
        SignatureAlgorithm algorithm = certificate.algorithms().get(0);
        Audited audited = new Audited(request, certificate);
        try {
            List<String> warnings = new ArrayList<>();
            rules.checkCertificate(certificate.certificate(), warnings);
            List<X509Certificate> chain = TokenSignerPort.assemble(certificate.certificate(), rules.knownCas());
            // every document is prepared on the pool (independent CPU work), then shown in list order
            List<CompletableFuture<Step>> preparing = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                int index = i;
                preparing.add(CompletableFuture.supplyAsync(
                        () -> prepare(audited, index, algorithm, chain), Completers.POOL));
            }
            List<ConsentRequest.Document> shown = new ArrayList<>();
            List<byte[]> digests = new ArrayList<>();
            List<Integer> signing = new ArrayList<>();
            PreparedSignature[] prepared = new PreparedSignature[items.size()];
            int pages = 0;
            for (int i = 0; i < items.size(); i++) {
                Step step = settled(preparing.get(i));
                if (step.failed() != null) {
                    outcomes[i] = step.failed();
                    continue;
                }
                prepared[i] = step.prepared();
                pages += step.shown().pages();
                shown.add(step.shown());
                digests.add(step.prepared().signedAttributesDigest());
                signing.add(i);
            }
            items.forEach(item -> stamping.add(null));
            if (!digests.isEmpty()) {
                rules.requireConsent(new ConsentRequest(request.origin(),
                        "Ký số hàng loạt (" + shown.size() + " văn bản)",
                        "Batch signing (" + shown.size() + " documents)", shown.size() + " văn bản", pages,
                        listHash(shown), certificate.subject(), certificate.tokenLabel(), false, shown));
                // each document is time-stamped as soon as the token has signed it, while the token signs the next
                rules.tokens().signAll(certificate.id(), digests, algorithm, rules.pins(), (k, signature) -> {
                    int i = signing.get(k);
                    PreparedSignature ready = prepared[i];
                    prepared[i] = null;
                    stamping.set(i, CompletableFuture.supplyAsync(
                            () -> stamp(items.get(i), ready, signature), Completers.STAMPING));
                });
            }
        } catch (KysoException e) {
            for (int i = 0; i < items.size(); i++) {
                if (outcomes[i] == null) {
                    audited.record(i, e.code());
                }
            }
            throw e;
        }
        List<RemotePadesSigner.Stamped> stamped = new ArrayList<>();
        Step[] steps = new Step[items.size()];
        for (int i = 0; i < items.size(); i++) {
            if (outcomes[i] == null) {
                steps[i] = settled(stamping.get(i));
                if (steps[i].failed() != null) {
                    outcomes[i] = audited.fail(i, steps[i].failed().error());
                } else {
                    stamped.add(steps[i].stamped());
                }
            }
        }
        // after the last time-stamp, so each document's evidence postdates its own time-stamp, as when signed alone
        BatchEvidence evidence = engine.evidenceFor(stamped);
        Check check = new Check(certificate.certificate(), algorithm);
        List<CompletableFuture<Outcome>> completing = new ArrayList<>(items.size());
        CompletableFuture<?> firstChecked = null;
        for (int i = 0; i < items.size(); i++) {
            if (outcomes[i] != null) {
                completing.add(CompletableFuture.completedFuture(outcomes[i]));
                continue;
            }
            int index = i;
            RemotePadesSigner.Stamped ready = steps[i].stamped();
            steps[i] = null;
            if (firstChecked == null) {
                // the first document is verified in full before any other is checked (compared with it); the others
                // get their /DSS meanwhile, on the pool's other threads
                CompletableFuture<Outcome> first = CompletableFuture.supplyAsync(
                        () -> checked(audited, index, raised(audited, index, ready, evidence), check), Completers.POOL);
                completing.add(first);
                firstChecked = first.handle((outcome, error) -> null);
            } else {
                completing.add(CompletableFuture.supplyAsync(() -> raised(audited, index, ready, evidence),
                        Completers.POOL).thenCombineAsync(firstChecked,
                        (raised, decided) -> checked(audited, index, raised, check), Completers.POOL));
            }
        }
        for (int i = 0; i < items.size(); i++) {
            outcomes[i] = settled(completing.get(i));
            progress.settled(i, outcomes[i]);
        }
        return List.of(outcomes);
    }

    /** One document on its way: prepared (with what the consent shows), then stamped; or failed on the way. */
    private record Step(PreparedSignature prepared, ConsentRequest.Document shown, RemotePadesSigner.Stamped stamped,
                        Failed failed) {
    }

    private Step prepare(Audited audited, int index, SignatureAlgorithm algorithm, List<X509Certificate> chain) {
        Item item = audited.request.items().get(index);
        try {
            if (item.invalid() != null) {
                throw item.invalid();
            }
            // the page count comes from the engine's own parse of the document, not a second one
            RemotePadesSigner.Prepared prepared = engine.prepareForSignatureValue(item.pdf(),
                    item.options().withAlgorithm(algorithm), chain);
            return new Step(prepared.signature(),
                    new ConsentRequest.Document(item.name(), prepared.pages(), audited.sha256(index)), null, null);
        } catch (KysoException e) {
            return new Step(null, null, null, audited.fail(index, e));
        }
    }

    /** Not audited here: when the token fails part-way, the whole batch is audited with the token's error instead. */
    private Step stamp(Item item, PreparedSignature prepared, byte[] signature) {
        try {
            return new Step(null, null,
                    engine.stampWithSignatureValue(prepared, signature, item.options().password()), null);
        } catch (KysoException e) {
            return new Step(null, null, null, new Failed(e));
        }
    }

    private static <T> T settled(CompletableFuture<T> outcome) {
        try {
            return outcome.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * The completing threads, made at the first batch; daemons, so they never hold the agent up at exit. Time-stamping
     * has threads of its own, more than the cores: each mostly waits for the TSA's answer over the network, and the
     * TSA serves several requests at once.
     */
    private static final class Completers {
        static final ExecutorService POOL = pool(
                Math.max(1, Math.min(MAX_COMPLETERS, Runtime.getRuntime().availableProcessors())), "kyso-batch-");
        static final ExecutorService STAMPING = pool(MAX_STAMPING, "kyso-batch-tsa-");

        /** Threads end after a minute without work: an agent idle all day holds none of them. */
        private static ExecutorService pool(int threads, String prefix) {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES,
                    new LinkedBlockingQueue<>(), new Namer(prefix));
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }

        private static final class Namer implements ThreadFactory {
            private final String prefix;
            private final AtomicInteger count = new AtomicInteger();

            Namer(String prefix) {
                this.prefix = prefix;
            }

            @Override
            public Thread newThread(Runnable task) {
                Thread thread = new Thread(task, prefix + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            }
        }
    }

    /** A document with its /DSS (and, for B-LTA, document time-stamp), or what kept it from them. */
    private record Raised(SignResult result, Failed failed) {
    }

    private Raised raised(Audited audited, int index, RemotePadesSigner.Stamped stamped, BatchEvidence evidence) {
        try {
            return new Raised(engine.raise(stamped, evidence), null);
        } catch (KysoException e) {
            return new Raised(null, audited.fail(index, e));
        }
    }

    /** The document checked ({@link Check}) and its outcome recorded. */
    private Outcome checked(Audited audited, int index, Raised raised, Check check) {
        if (raised.failed() != null) {
            return raised.failed();
        }
        Item item = audited.request.items().get(index);
        try {
            SignResult result = raised.result();
            List<String> warnings = new ArrayList<>();
            result.warnings().forEach(w -> warnings.add(String.valueOf(w)));
            byte[] document = result.document(); // a copy each time it is asked for
            check.verify(item.pdf(), document, item.options().password(), warnings);
            audited.record(index, "OK");
            return new Signed(document, result.level(), warnings);
        } catch (KysoException e) {
            return audited.fail(index, e);
        }
    }

    /**
     * The check of each signed document before anyone sees it. The first is verified in full ({@link
     * SigningRules#reverify}): chain, revocation, time-stamp, changes. Each later one is read back ({@link
     * SignatureReadBack}: byte range, CMS digest, signature value, time-stamp imprint and signature, its /DSS entry)
     * and, when it has no other signature and is made of the same signer, TSA certificate, evidence and revisions as
     * the first, that first verdict stands for its chain and revocation; anything else — a problem read back, another
     * shape — sends it through the full verification too, which decides.
     */
    private final class Check {
        private final X509Certificate signer;
        private final SignatureAlgorithm algorithm;
        private volatile SignatureReadBack.Facts baseline;
        private volatile boolean tried;

        Check(X509Certificate signer, SignatureAlgorithm algorithm) {
            this.signer = signer;
            this.algorithm = algorithm;
        }

        void verify(byte[] before, byte[] after, String password, List<String> warnings) {
            SignatureReadBack.Facts known = baseline;
            if (known != null) {
                // its /DSS entry compared with the first one's as written, decoded only where they differ
                SignatureReadBack.Facts facts = SignatureReadBack.read(after, password, signer, algorithm.digest(),
                        known);
                if (facts.sameShapeAs(known)) {
                    return;
                }
            }
            DocumentReport report = rules.reverify(before, after, password, warnings);
            if (!tried) {
                tried = true;
                SignatureReadBack.Facts facts = SignatureReadBack.read(after, password, signer, algorithm.digest());
                if (facts.problem() == null && facts.signatures() == 1 && report.signatures().size() == 1
                        && report.signatures().get(0).indication() == Indication.TOTAL_PASSED) {
                    baseline = facts;
                }
            }
        }
    }

    /**
     * The audit records of one call, one per document with its outcome. Each document's SHA-256 is made once, by the
     * first of the consent and the audit that needs it, and kept for the other: both name the very array the engine
     * copied when it prepared the signature, which nothing in the agent writes to (the engine works on its own copy).
     */
    private final class Audited {
        private final Request request;
        private final CertificateEntry certificate;
        /** Each written by the one task that prepares its document, read after that task has been joined. */
        private final String[] hashes;

        Audited(Request request, CertificateEntry certificate) {
            this.request = request;
            this.certificate = certificate;
            this.hashes = new String[request.items().size()];
        }

        /** The hex SHA-256 of document {@code index}; empty when the item has no document. */
        String sha256(int index) {
            if (hashes[index] == null) {
                byte[] pdf = request.items().get(index).pdf();
                hashes[index] = pdf == null ? "" : SigningRules.sha256(pdf);
            }
            return hashes[index];
        }

        Failed fail(int index, KysoException e) {
            record(index, e.code());
            return new Failed(e);
        }

        void record(int index, String result) {
            Item item = request.items().get(index);
            rules.record(new AuditRecord(request.origin(), "sign.pdf.batch/" + item.operationEn(), item.name(),
                    sha256(index), certificate.id(), certificate.subject(), result));
        }
    }

    /** One value for the whole list, so the dialog's single hash line still pins down every document. */
    private static String listHash(List<ConsentRequest.Document> documents) {
        StringBuilder all = new StringBuilder();
        documents.forEach(d -> all.append(d.sha256()).append('\n'));
        return SigningRules.sha256(all.toString().getBytes(StandardCharsets.US_ASCII));
    }
}
