package vn.kyso.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * A protocol client over OkHttp as a web page would use the agent: answers matched by id, events and binary frames
 * kept apart, and how the connection ended. Public for the benchmarks (vn.kyso.bench), which drive agents the same way.
 */
public final class SocketClient extends WebSocketListener implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final OkHttpClient HTTP = new OkHttpClient();
    private static final AtomicInteger IDS = new AtomicInteger();

    final BlockingQueue<JsonNode> answers = new LinkedBlockingQueue<>();
    final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    final List<JsonNode> seenEvents = new java.util.concurrent.CopyOnWriteArrayList<>();
    final BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
    final BlockingQueue<Object> outcome = new LinkedBlockingQueue<>();
    final WebSocket socket;

    SocketClient(int port, String origin) {
        Request.Builder request = new Request.Builder().url("ws://127.0.0.1:" + port + "/v1/ws");
        if (origin != null) {
            request.header("Origin", origin);
        }
        socket = HTTP.newWebSocket(request.build(), this);
    }

    /** Opens and waits until the socket is open. */
    public static SocketClient open(int port, String origin) throws InterruptedException {
        SocketClient c = new SocketClient(port, origin);
        Object first = c.outcome.poll(10, TimeUnit.SECONDS);
        if (!"open".equals(first)) {
            throw new AssertionError("socket did not open: " + first);
        }
        return c;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        outcome.add("open");
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node.has("event")) {
                seenEvents.add(node);
                events.add(node);
            } else {
                answers.add(node);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
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
        outcome.add(response == null ? t : response.code());
    }

    /** Sends a request and returns its id. */
    public String send(String method, String params) {
        String id = "r" + IDS.incrementAndGet();
        socket.send("{\"id\":\"" + id + "\",\"method\":\"" + method + "\",\"params\":" + params + "}");
        return id;
    }

    public JsonNode call(String method, String params) throws InterruptedException {
        return answer(send(method, params), 120);
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
                if (answer.get("id").asText().equals(id)) {
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

    String errorCode(String method, String params) throws InterruptedException {
        JsonNode answer = call(method, params);
        if (!answer.has("error")) {
            throw new AssertionError(method + " should have failed: " + answer);
        }
        return answer.get("error").get("code").asText();
    }

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

    public String upload(String name, byte[] content) throws InterruptedException {
        String id = result("document.upload", "{\"name\":\"" + name + "\",\"size\":" + content.length + "}")
                .get("documentId").asText();
        UUID uuid = UUID.fromString(id);
        for (int start = 0; start < content.length; start += 256 * 1024) {
            int size = Math.min(256 * 1024, content.length - start);
            ByteBuffer frame = ByteBuffer.allocate(16 + size);
            frame.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            frame.put(content, start, size);
            socket.send(ByteString.of(frame.array()));
        }
        while (true) {
            JsonNode received = event("document.received", 30);
            if (received.get("documentId").asText().equals(id)) {
                return id;
            }
        }
    }

    public byte[] download(String id) throws Exception {
        long size = result("document.download", "{\"documentId\":\"" + id + "\"}").get("size").asLong();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (out.size() < size) {
            byte[] frame = frames.poll(30, TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("download of " + id + " stalled at " + out.size());
            }
            out.write(frame, 16, frame.length - 16);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        socket.close(1000, "");
    }
}
