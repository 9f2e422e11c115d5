package vn.kyso.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * The one WebSocket client of the tests, used as a web page or a local program would use the agent: requests matched
 * to their answers by id, notifications ({@code "event"}) and binary frames kept apart, raw text for malformed
 * requests, and how the connection ended — {@code "open"}, the HTTP status of a refused upgrade (its body in
 * {@link #refusal()}), {@code "closing:<code>:<reason>"}, or the failure.
 */
public final class SocketClient extends WebSocketListener implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();
    /** Browsers send without Nagle's delay; so does this page, or a small frame after a large one waits for an ACK. */
    private static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(40))
            .socketFactory(new NoDelaySockets()).build();
    private static final AtomicInteger IDS = new AtomicInteger();
    /** Binary frames carry a 16-byte document id before their payload (docs/protocol.md, "Documents"). */
    private static final int FRAME_HEADER = 16;
    private static final int CHUNK = 256 * 1024;

    private final BlockingQueue<JsonNode> answers = new LinkedBlockingQueue<>();
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final List<JsonNode> seenEvents = new CopyOnWriteArrayList<>();
    private final BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
    private final BlockingQueue<Object> outcome = new LinkedBlockingQueue<>();
    private volatile String refusal;
    private volatile String extensions;
    private final WebSocket socket;

    private SocketClient(Request request, OkHttpClient http) {
        socket = http.newWebSocket(request, this);
    }

    /** Where to connect and with which headers; nothing is sent before {@link #connect()} or {@link #open()}. */
    public static Connect to(int port) {
        return new Connect(port);
    }

    /** Opens as a page of {@code origin} (null: no Origin header) and waits until the socket is open. */
    public static SocketClient open(int port, String origin) throws InterruptedException {
        return to(port).origin(origin).open();
    }

    /** Starts the upgrade as a page of {@code origin} without waiting: for the tests of refusals. */
    public static SocketClient connect(int port, String origin) {
        return to(port).origin(origin).connect();
    }

    public static final class Connect {
        private final int port;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private OkHttpClient http = HTTP;

        private Connect(int port) {
            this.port = port;
        }

        public Connect origin(String origin) {
            return header("Origin", origin);
        }

        public Connect bearer(String secret) {
            return header("Authorization", secret == null ? null : "Bearer " + secret);
        }

        /** Any header (Host for the rebinding tests, Authorization as sent); null leaves it out. */
        public Connect header(String name, String value) {
            if (value == null) {
                headers.remove(name);
            } else {
                headers.put(name, value);
            }
            return this;
        }

        /** Another OkHttp client (its own dispatcher, pings or time-outs). */
        public Connect using(OkHttpClient client) {
            this.http = client;
            return this;
        }

        public SocketClient connect() {
            Request.Builder request = new Request.Builder().url("ws://127.0.0.1:" + port + "/v1/ws");
            headers.forEach(request::header);
            return new SocketClient(request.build(), http);
        }

        public SocketClient open() throws InterruptedException {
            SocketClient c = connect();
            Object first = c.awaitOutcome();
            if (!"open".equals(first)) {
                throw new AssertionError("socket did not open: " + first);
            }
            return c;
        }
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        extensions = response.header("Sec-WebSocket-Extensions");
        outcome.add("open");
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        JsonNode node = parse(text);
        if (node.has("event")) {
            seenEvents.add(node);
            events.add(node);
        } else {
            answers.add(node);
        }
    }

    /** Text that is not JSON is kept as a string node, so a broken answer fails the test that reads it. */
    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }

    @Override
    public void onMessage(WebSocket webSocket, ByteString bytes) {
        frames.add(bytes.toByteArray());
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        outcome.add("closing:" + code + ":" + reason);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        if (response != null && response.body() != null) {
            try {
                refusal = response.body().string();
            } catch (IOException | IllegalStateException e) {
                refusal = null;
            }
        }
        outcome.add(response == null ? t : response.code());
    }

    /** The next thing that happened to the connection; fails after 15 seconds of nothing. */
    public Object awaitOutcome() throws InterruptedException {
        return awaitOutcome(Duration.ofSeconds(15));
    }

    /** The next thing that happened to the connection; fails after {@code patience} of nothing. */
    public Object awaitOutcome(Duration patience) throws InterruptedException {
        Object o = pollOutcome(patience);
        if (o == null) {
            throw new AssertionError("no outcome");
        }
        return o;
    }

    /** The next thing that happened to the connection, or null when nothing did within {@code wait}. */
    public Object pollOutcome(Duration wait) throws InterruptedException {
        return outcome.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The body of a refused upgrade (the agent's error JSON), or null. */
    public String refusal() {
        return refusal;
    }

    /** The extensions the agent's upgrade answer agreed to (Sec-WebSocket-Extensions); null when none. */
    public String extensions() {
        return extensions;
    }

    public WebSocket socket() {
        return socket;
    }

    /** Sends a request and returns its id. */
    public String send(String method, String params) {
        String id = "r" + IDS.incrementAndGet();
        socket.send("{\"id\":\"" + id + "\",\"method\":\"" + method + "\",\"params\":" + params + "}");
        return id;
    }

    /** Sends this text as it is (malformed requests, own ids). */
    public void sendText(String text) {
        socket.send(text);
    }

    /** Sends a binary frame; false when the socket is closing or gone (OkHttp's answer). */
    public boolean sendBinary(byte[] frame) {
        return socket.send(ByteString.of(frame));
    }

    /** Sends raw text and returns the next answer, whatever its id. */
    public JsonNode callRaw(String text) throws InterruptedException {
        sendText(text);
        JsonNode answer = pollAnswer(Duration.ofSeconds(40));
        if (answer == null) {
            throw new AssertionError("no answer to " + text);
        }
        return answer;
    }

    public JsonNode call(String method, String params) throws InterruptedException {
        return answer(send(method, params), 120);
    }

    /** The next answer in the order they arrived, or null when none came within {@code wait}. */
    public JsonNode pollAnswer(Duration wait) throws InterruptedException {
        return answers.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The answer with this id (others that arrive meanwhile are kept). */
    public JsonNode answer(String id, int seconds) throws InterruptedException {
        List<JsonNode> others = new ArrayList<>();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (true) {
                JsonNode answer = answers.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (answer == null) {
                    throw new AssertionError("no answer to " + id);
                }
                if (answer.path("id").asText().equals(id)) {
                    return answer;
                }
                others.add(answer);
            }
        } finally {
            answers.addAll(others);
        }
    }

    public JsonNode result(String method, String params) throws InterruptedException {
        JsonNode answer = call(method, params);
        if (!answer.has("result")) {
            throw new AssertionError(method + " failed: " + answer);
        }
        return answer.get("result");
    }

    public String errorCode(String method, String params) throws InterruptedException {
        JsonNode answer = call(method, params);
        if (!answer.has("error")) {
            throw new AssertionError(method + " should have failed: " + answer);
        }
        return answer.get("error").get("code").asText();
    }

    /** The data of the next {@code name} notification (others before it are dropped from the queue, not the log). */
    public JsonNode event(String name, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            JsonNode e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("no " + name + " event");
            }
            if (e.get("event").asText().equals(name)) {
                return e.get("data");
            }
        }
    }

    /** Every notification received so far, in order. */
    public List<JsonNode> seenEvents() {
        return List.copyOf(seenEvents);
    }

    /** The next binary frame, or null when none came within {@code wait}. */
    public byte[] pollFrame(Duration wait) throws InterruptedException {
        return frames.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** A binary frame for document {@code id}: its 16-byte id, then {@code length} bytes of {@code content}. */
    public static byte[] frame(String id, byte[] content, int offset, int length) {
        UUID uuid = UUID.fromString(id);
        ByteBuffer frame = ByteBuffer.allocate(FRAME_HEADER + length);
        frame.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        frame.put(content, offset, length);
        return frame.array();
    }

    /**
     * Announces a document and sends it in 256 KiB frames, without waiting for the agent to confirm; returns its id.
     */
    public String sendDocument(String name, byte[] content) throws InterruptedException {
        return sendDocument(name, content, CHUNK);
    }

    /**
     * Announces a document and sends it in frames of {@code chunk} bytes. Like a browser watching
     * {@code bufferedAmount}, it lets the queue drain first (OkHttp closes a socket with more than 16 MiB queued).
     */
    public String sendDocument(String name, byte[] content, int chunk) throws InterruptedException {
        String id = result("document.upload", "{\"name\":\"" + name + "\",\"size\":" + content.length + "}")
                .get("documentId").asText();
        for (int start = 0; start < content.length; start += chunk) {
            while (socket.queueSize() > 4L * 1024 * 1024) {
                Thread.sleep(1);
            }
            if (!sendBinary(frame(id, content, start, Math.min(chunk, content.length - start)))) {
                throw new AssertionError("socket closed during the upload of " + name);
            }
        }
        return id;
    }

    /** Uploads and waits until the agent has the whole document; returns its id. */
    public String upload(String name, byte[] content) throws InterruptedException {
        return upload(name, content, CHUNK);
    }

    /** Uploads in frames of {@code chunk} bytes and waits until the agent has the whole document; returns its id. */
    public String upload(String name, byte[] content, int chunk) throws InterruptedException {
        String id = sendDocument(name, content, chunk);
        while (true) {
            JsonNode received = event("document.received", 60);
            if (received.get("documentId").asText().equals(id)) {
                return id;
            }
        }
    }

    /** Downloads a document, checking that every frame carries its id. */
    public byte[] download(String id) throws InterruptedException {
        long size = result("document.download", "{\"documentId\":\"" + id + "\"}").get("size").asLong();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (out.size() < size) {
            byte[] frame = pollFrame(Duration.ofSeconds(30));
            if (frame == null) {
                throw new AssertionError("download of " + id + " stalled at " + out.size());
            }
            ByteBuffer header = ByteBuffer.wrap(frame, 0, FRAME_HEADER);
            String from = new UUID(header.getLong(), header.getLong()).toString();
            if (!from.equals(id)) {
                throw new AssertionError("a frame of " + from + " in the download of " + id);
            }
            out.write(frame, FRAME_HEADER, frame.length - FRAME_HEADER);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        socket.close(1000, "");
    }

    /** Sockets with TCP_NODELAY set before they connect, as a browser's. */
    private static final class NoDelaySockets extends SocketFactory {

        @Override
        public Socket createSocket() throws IOException {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            return socket;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port), null);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return connected(new InetSocketAddress(host, port), new InetSocketAddress(local, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port), null);
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
            return connected(new InetSocketAddress(host, port), new InetSocketAddress(local, localPort));
        }

        private Socket connected(InetSocketAddress address, InetSocketAddress local) throws IOException {
            Socket socket = createSocket();
            if (local != null) {
                socket.bind(local);
            }
            socket.connect(address);
            return socket;
        }
    }
}
