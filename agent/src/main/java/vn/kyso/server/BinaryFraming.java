package vn.kyso.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import vn.kyso.app.DocumentStore;
import vn.kyso.errors.KysoException;

/**
 * Binary frames of protocol v1 (docs/protocol.md, "Documents"): 16 bytes of document id (the UUID's two longs,
 * big-endian), then up to {@link #MAX_CHUNK} bytes of content. Uploads append frames in order to the connection's
 * {@link DocumentStore}; downloads stream the document out in {@link #SEND_CHUNK} pieces.
 */
final class BinaryFraming {

    static final int ID_BYTES = 16;
    /** The most content one uploaded frame may carry. */
    static final int MAX_CHUNK = 1 << 20;
    /** The largest binary frame accepted: the id and a full chunk. */
    static final int MAX_FRAME = ID_BYTES + MAX_CHUNK;
    static final int SEND_CHUNK = 256 * 1024;
    private static final long PROGRESS_STEP = 1 << 20;

    /** How the receiving side reports on the connection: {@code document.progress/received/error} events. */
    interface Events {
        void event(String name, Object data);
    }

    private BinaryFraming() {
    }

    /** Appends one uploaded frame to its document and reports progress, completion or the refusal. */
    static void receive(DocumentStore documents, ByteBuffer frame, Events events) {
        if (frame.remaining() < ID_BYTES) {
            events.event("document.error", Map.of("code", ServerError.MALFORMED_REQUEST.code()));
            return;
        }
        String id = new UUID(frame.getLong(), frame.getLong()).toString();
        int length = frame.remaining();
        byte[] chunk;
        int offset;
        if (frame.hasArray()) {
            chunk = frame.array();
            offset = frame.arrayOffset() + frame.position();
        } else {
            chunk = new byte[length];
            frame.get(chunk);
            offset = 0;
        }
        try {
            long now = documents.append(id, chunk, offset, length);
            long before = now - length;
            boolean done = documents.has(id);
            if (done || now / PROGRESS_STEP != before / PROGRESS_STEP) {
                events.event("document.progress", Map.of("documentId", id, "received", now));
            }
            if (done) {
                DocumentStore.Document document = documents.get(id);
                events.event("document.received", Map.of("documentId", id, "size", document.size(),
                        "sha256", document.sha256()));
            }
        } catch (KysoException e) {
            events.event("document.error", Map.of("documentId", id, "code", e.code(), "message_vi", e.messageVi(),
                    "message_en", e.messageEn()));
        }
    }

    /** Sends a document as frames, read piece by piece (a document in a file is never read whole for this). */
    static void send(DocumentStore.Document document, Consumer<ByteBuffer> out) {
        UUID uuid = UUID.fromString(document.id());
        byte[] piece = new byte[(int) Math.min(SEND_CHUNK, Math.max(document.size(), 0))];
        try (InputStream in = document.open()) {
            long sent = 0;
            do {
                int size = in.readNBytes(piece, 0, (int) Math.min(piece.length, document.size() - sent));
                ByteBuffer frame = ByteBuffer.allocate(ID_BYTES + size);
                frame.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
                frame.put(piece, 0, size).flip();
                out.accept(frame);
                sent += size;
                if (size == 0) {
                    break; // an empty document is one frame with the id alone
                }
            } while (sent < document.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
