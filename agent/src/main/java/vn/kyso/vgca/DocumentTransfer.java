package vn.kyso.vgca;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import vn.kyso.errors.KysoException;

/**
 * The document system's side of a file job over HTTP: download the document, upload the signed one as
 * multipart/form-data. Redirects are followed by hand, and only on the same origin; bodies are capped while they
 * arrive (a server cannot fill the agent's memory); every exchange has one deadline covering headers and body, and
 * connecting has a shorter one. Transfers are bounded in all and per document server ({@link TransferSlots}), and the
 * client works on a small fixed pool of threads, so no number of jobs makes the agent start threads without bound.
 * URLs are checked by {@link UrlPolicy} before they reach this class.
 */
public final class DocumentTransfer {

    private static final int MAX_REDIRECTS = 5;
    private static final int MAX_ANSWER_BYTES = 1 << 20;
    /** Transfers under way at once, in all and to one document server. */
    static final int MAX_TRANSFERS = 16;
    static final int MAX_TRANSFERS_PER_SERVER = 4;
    private static final Duration SLOT_WAIT = Duration.ofSeconds(5);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final int CLIENT_THREADS = 4;

    /** What the document system's upload handler answered. */
    public record Answer(int status, String contentType, byte[] body) {
    }

    /** Fields of the multipart form besides the file. */
    public record Upload(String fileName, byte[] pdf, Map<String, String> fields) {
    }

    private final HttpClient http;
    private final long maxDocumentBytes;
    private final Duration timeout;
    private final TransferSlots slots = new TransferSlots(MAX_TRANSFERS, MAX_TRANSFERS_PER_SERVER, SLOT_WAIT);

    public DocumentTransfer(long maxDocumentBytes, Duration timeout) {
        AtomicInteger number = new AtomicInteger();
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout.compareTo(CONNECT_TIMEOUT) < 0 ? timeout : CONNECT_TIMEOUT)
                .executor(Executors.newFixedThreadPool(CLIENT_THREADS, r -> {
                    Thread t = new Thread(r, "kyso-vgca-transfer-" + number.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                })).build();
        this.maxDocumentBytes = maxDocumentBytes;
        this.timeout = timeout;
    }

    /** Transfers under way now. */
    int transfersInUse() {
        return slots.inUse();
    }

    /** GET with the page's credentials; same-origin redirects only. */
    public byte[] download(URI url, Credentials credentials) {
        try (TransferSlots.Slot slot = slots.acquire(url)) {
            return downloadFollowing(url, credentials);
        }
    }

    private byte[] downloadFollowing(URI url, Credentials credentials) {
        URI current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(current).GET().timeout(timeout)
                    .header("Accept", "application/pdf, */*");
            credentials.apply(request);
            HttpResponse<byte[]> response = exchange(request.build(), maxDocumentBytes, url, true);
            int status = response.statusCode();
            if (status >= 300 && status < 400 && status != 304) {
                String location = response.headers().firstValue("Location").orElseThrow(() ->
                        failure(VgcaError.DOWNLOAD_FAILED, url, "redirect without a Location"));
                current = UrlPolicy.checkRedirect(current, location);
                continue;
            }
            if (status != 200) {
                throw failure(VgcaError.DOWNLOAD_FAILED, url, "HTTP " + status);
            }
            if (response.body().length == 0) {
                throw failure(VgcaError.DOWNLOAD_FAILED, url, "empty document");
            }
            return response.body();
        }
        throw failure(VgcaError.DOWNLOAD_FAILED, url, "more than " + MAX_REDIRECTS + " redirects");
    }

    /** POST multipart/form-data: the file as {@code uploadfile}, then the legacy text fields. No redirects. */
    public Answer upload(URI handler, Upload upload, Credentials credentials) {
        String boundary = "----KysoAgent" + UUID.randomUUID().toString().replace("-", "");
        HttpRequest.Builder request = HttpRequest.newBuilder(handler).timeout(timeout)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, upload)));
        credentials.apply(request);
        HttpResponse<byte[]> response;
        try (TransferSlots.Slot slot = slots.acquire(handler)) {
            response = exchange(request.build(), MAX_ANSWER_BYTES, handler, false);
        }
        int status = response.statusCode();
        if (status >= 300 && status < 400) {
            response.headers().firstValue("Location").ifPresent(location -> UrlPolicy.checkRedirect(handler, location));
            throw failure(VgcaError.UPLOAD_FAILED, handler, "the handler answered with a redirect (HTTP " + status + ")");
        }
        return new Answer(status, response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    static byte[] multipart(String boundary, Upload upload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(upload.pdf().length + 1024);
        String fileName = upload.fileName().replaceAll("[\"\\\\\\r\\n]", "_");
        write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"uploadfile\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/pdf\r\n\r\n");
        out.writeBytes(upload.pdf());
        write(out, "\r\n");
        upload.fields().forEach((name, value) -> write(out, "--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + value + "\r\n"));
        write(out, "--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<byte[]> exchange(HttpRequest request, long limit, URI shown, boolean download) {
        VgcaError error = download ? VgcaError.DOWNLOAD_FAILED : VgcaError.UPLOAD_FAILED;
        CompletableFuture<HttpResponse<byte[]>> future = null;
        try {
            // one deadline for headers and body: a server that trickles bytes is cut off too
            java.util.function.Supplier<KysoException> tooLarge = download
                    ? () -> new KysoException(VgcaError.DOWNLOAD_TOO_LARGE, Map.of("limit", limit), null,
                            UrlPolicy.shorten(shown.toString()), String.valueOf(limit))
                    : () -> failure(VgcaError.UPLOAD_FAILED, shown, "the answer is larger than " + limit + " bytes");
            future = http.sendAsync(request, capped(limit, tooLarge));
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw failure(error, shown, "no complete answer within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(error, shown, "interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause != null && !(cause instanceof KysoException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof KysoException k) {
                throw k;
            }
            throw failure(error, shown, e.getCause() == null ? "network error"
                    : e.getCause().getClass().getSimpleName() + (e.getCause().getMessage() == null ? ""
                    : ": " + e.getCause().getMessage()));
        }
    }

    private static HttpResponse.BodyHandler<byte[]> capped(long limit, java.util.function.Supplier<KysoException> tooLarge) {
        return info -> new Capped(limit, info.headers().firstValueAsLong("Content-Length").orElse(-1) > limit, tooLarge);
    }

    /** Collects a body up to a limit and fails (cancelling the transfer) as soon as it is exceeded. */
    private static final class Capped implements HttpResponse.BodySubscriber<byte[]> {
        private final long limit;
        private final boolean declaredTooLarge;
        private final java.util.function.Supplier<KysoException> tooLarge;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        Capped(long limit, boolean declaredTooLarge, java.util.function.Supplier<KysoException> tooLarge) {
            this.limit = limit;
            this.declaredTooLarge = declaredTooLarge;
            this.tooLarge = tooLarge;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (declaredTooLarge) {
                s.cancel();
                result.completeExceptionally(tooLarge.get());
                return;
            }
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (data.size() + (long) buffer.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(tooLarge.get());
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                data.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(data.toByteArray());
        }
    }

    private static KysoException failure(VgcaError error, URI url, String reason) {
        return new KysoException(error, Map.of("host", UrlPolicy.hostOf(url.toString())), null,
                UrlPolicy.shorten(url.toString()), reason);
    }
}
