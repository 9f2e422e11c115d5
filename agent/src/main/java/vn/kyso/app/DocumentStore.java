package vn.kyso.app;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import vn.kyso.errors.KysoException;

/**
 * The documents of one connection: uploads in progress (binary frames appended in order) and finished documents
 * (uploaded, or produced by signing) waiting to be used or downloaded. Their bytes live where the agent-wide
 * {@link DocumentBudget} puts them — in memory, or in an owner-only file of this run — and are dropped (the file
 * removed) when the document is removed or the connection closes.
 */
public final class DocumentStore implements AutoCloseable {

    /**
     * A finished document. Its bytes are read from its file when it lives in one: a method holds them only while
     * it works on them.
     */
    public static final class Document {
        private final String id;
        private final String name;
        private final byte[] inMemory;
        private final Path file;
        private final long size;
        private final String sha256;

        private Document(String id, String name, byte[] inMemory, Path file, long size, String sha256) {
            this.id = id;
            this.name = name;
            this.inMemory = inMemory;
            this.file = file;
            this.size = size;
            this.sha256 = sha256;
        }

        public String id() {
            return id;
        }

        public String name() {
            return name;
        }

        public long size() {
            return size;
        }

        public String sha256() {
            return sha256;
        }

        /** The whole document. */
        public byte[] bytes() {
            if (inMemory != null) {
                return inMemory;
            }
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The document as a stream, without holding all of it (downloads). */
        public InputStream open() throws IOException {
            return inMemory != null ? new ByteArrayInputStream(inMemory) : Files.newInputStream(file);
        }
    }

    private static final class Upload {
        final String name;
        final long size;
        final DocumentBudget.Reservation reservation;
        final MessageDigest digest = sha256Digest();
        ByteArrayOutputStream memory;
        FileChannel channel;
        long received;

        Upload(String name, long size, DocumentBudget.Reservation reservation) throws IOException {
            this.name = name;
            this.size = size;
            this.reservation = reservation;
            if (reservation.place() == DocumentBudget.Place.MEMORY) {
                memory = new ByteArrayOutputStream((int) Math.min(size, 1 << 20));
            } else {
                channel = DocumentBudget.create(reservation.file());
            }
        }

        void write(byte[] chunk, int offset, int length) throws IOException {
            digest.update(chunk, offset, length);
            if (memory != null) {
                memory.write(chunk, offset, length);
            } else {
                ByteBuffer buffer = ByteBuffer.wrap(chunk, offset, length);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
            received += length;
        }

        void closeFile() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    // the reservation's release removes the file anyway
                }
                channel = null;
            }
        }
    }

    private final long maxDocumentBytes;
    private final int maxDocuments;
    private final DocumentBudget budget;
    private final Map<String, Upload> uploads = new LinkedHashMap<>();
    private final Map<String, Document> documents = new LinkedHashMap<>();
    private final Map<String, DocumentBudget.Reservation> reservations = new LinkedHashMap<>();
    private boolean closed;

    public DocumentStore(long maxDocumentBytes, int maxDocuments, DocumentBudget budget) {
        this.maxDocumentBytes = maxDocumentBytes;
        this.maxDocuments = maxDocuments;
        this.budget = budget;
    }

    public synchronized String begin(String name, long size) {
        if (size <= 0 || size > maxDocumentBytes) {
            throw new KysoException(ProtocolError.DOCUMENT_TOO_LARGE, Map.of("size", size), null,
                    String.valueOf(size), String.valueOf(maxDocumentBytes));
        }
        checkRoom();
        DocumentBudget.Reservation reservation = budget.reserve(size);
        String id = UUID.randomUUID().toString();
        try {
            uploads.put(id, new Upload(name, size, reservation));
        } catch (IOException e) {
            budget.release(reservation);
            throw new KysoException(ProtocolError.DOCUMENTS_BUDGET_EXCEEDED, Map.of("size", size), e,
                    String.valueOf(size));
        }
        reservations.put(id, reservation);
        return id;
    }

    /** Appends a chunk; returns the bytes received so far, and completes the document when all have arrived. */
    public synchronized long append(String id, byte[] chunk, int offset, int length) {
        Upload upload = uploads.get(id);
        if (upload == null) {
            throw new KysoException(ProtocolError.DOCUMENT_NOT_FOUND, Map.of(), null, id);
        }
        if (upload.received + (long) length > upload.size) {
            drop(id);
            throw new KysoException(ProtocolError.DOCUMENT_SIZE_MISMATCH, Map.of("documentId", id), null,
                    String.valueOf(upload.size));
        }
        try {
            upload.write(chunk, offset, length);
        } catch (IOException e) {
            drop(id);
            throw new KysoException(ProtocolError.DOCUMENTS_BUDGET_EXCEEDED, Map.of("documentId", id), e,
                    String.valueOf(upload.size));
        }
        if (upload.received == upload.size) {
            uploads.remove(id);
            upload.closeFile();
            byte[] bytes = upload.memory == null ? null : upload.memory.toByteArray();
            documents.put(id, new Document(id, upload.name, bytes, upload.reservation.file(), upload.size,
                    HexFormat.of().formatHex(upload.digest.digest())));
        }
        return upload.received;
    }

    public synchronized Document get(String id) {
        Document document = documents.get(id);
        if (document == null) {
            throw new KysoException(ProtocolError.DOCUMENT_NOT_FOUND, Map.of(), null, String.valueOf(id));
        }
        return document;
    }

    /** Whether an upload has finished (its document is here). */
    public synchronized boolean has(String id) {
        return documents.containsKey(id);
    }

    /** Keeps a document produced by the agent (a signed PDF) for download, where the budget says. */
    public synchronized Document put(String name, byte[] bytes) {
        checkRoom();
        DocumentBudget.Reservation reservation = budget.reserve(bytes.length);
        String id = UUID.randomUUID().toString();
        Document document;
        if (reservation.place() == DocumentBudget.Place.MEMORY) {
            document = new Document(id, name, bytes, null, bytes.length, sha256(bytes));
        } else {
            try (FileChannel channel = DocumentBudget.create(reservation.file())) {
                channel.write(ByteBuffer.wrap(bytes));
            } catch (IOException e) {
                budget.release(reservation);
                throw new KysoException(ProtocolError.DOCUMENTS_BUDGET_EXCEEDED, Map.of("size", bytes.length), e,
                        String.valueOf(bytes.length));
            }
            document = new Document(id, name, null, reservation.file(), bytes.length, sha256(bytes));
        }
        reservations.put(id, reservation);
        documents.put(id, document);
        return document;
    }

    /** How many more documents this connection may hold now. */
    public synchronized int room() {
        return Math.max(0, maxDocuments - uploads.size() - documents.size());
    }

    public synchronized void remove(String id) {
        drop(id);
    }

    /** Drops every document of the connection and removes their files. */
    @Override
    public synchronized void close() {
        closed = true;
        for (String id : List.copyOf(reservations.keySet())) {
            drop(id);
        }
    }

    private void checkRoom() {
        if (closed) {
            throw new KysoException(ProtocolError.DOCUMENT_NOT_FOUND, Map.of(), null, "(connection closed)");
        }
        if (uploads.size() + documents.size() >= maxDocuments) {
            throw new KysoException(ProtocolError.TOO_MANY_DOCUMENTS, Map.of(), null, String.valueOf(maxDocuments));
        }
    }

    private void drop(String id) {
        documents.remove(id);
        Upload upload = uploads.remove(id);
        if (upload != null) {
            upload.closeFile();
        }
        DocumentBudget.Reservation reservation = reservations.remove(id);
        if (reservation != null) {
            budget.release(reservation);
        }
    }

    /** The hex SHA-256 the protocol reports for a document (tests compare their own bytes with it). */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256Digest().digest(bytes));
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
