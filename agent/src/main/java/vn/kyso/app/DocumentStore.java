package vn.kyso.app;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import vn.kyso.errors.KysoException;

/**
 * The documents of one connection: uploads in progress (binary frames appended in order) and finished documents
 * (uploaded, or produced by signing) waiting to be used or downloaded. Everything is dropped when the connection
 * closes; nothing is written to disk.
 */
public final class DocumentStore {

    /** A finished document. */
    public record Document(String id, String name, byte[] bytes, String sha256) {
    }

    private static final class Upload {
        final String name;
        final long size;
        final ByteArrayOutputStream data;

        Upload(String name, long size) {
            this.name = name;
            this.size = size;
            this.data = new ByteArrayOutputStream((int) Math.min(size, 1 << 20));
        }
    }

    private final long maxDocumentBytes;
    private final int maxDocuments;
    private final Map<String, Upload> uploads = new LinkedHashMap<>();
    private final Map<String, Document> documents = new LinkedHashMap<>();

    public DocumentStore(long maxDocumentBytes, int maxDocuments) {
        this.maxDocumentBytes = maxDocumentBytes;
        this.maxDocuments = maxDocuments;
    }

    public synchronized String begin(String name, long size) {
        if (size <= 0 || size > maxDocumentBytes) {
            throw new KysoException(ProtocolError.DOCUMENT_TOO_LARGE, Map.of("size", size), null,
                    String.valueOf(size), String.valueOf(maxDocumentBytes));
        }
        if (uploads.size() + documents.size() >= maxDocuments) {
            throw new KysoException(ProtocolError.TOO_MANY_DOCUMENTS, Map.of(), null, String.valueOf(maxDocuments));
        }
        String id = UUID.randomUUID().toString();
        uploads.put(id, new Upload(name, size));
        return id;
    }

    /** Appends a chunk; returns the bytes received so far, and completes the document when all have arrived. */
    public synchronized long append(String id, byte[] chunk, int offset, int length) {
        Upload upload = uploads.get(id);
        if (upload == null) {
            throw new KysoException(ProtocolError.DOCUMENT_NOT_FOUND, Map.of(), null, id);
        }
        if (upload.data.size() + (long) length > upload.size) {
            uploads.remove(id);
            throw new KysoException(ProtocolError.DOCUMENT_SIZE_MISMATCH, Map.of("documentId", id), null,
                    String.valueOf(upload.size));
        }
        upload.data.write(chunk, offset, length);
        long received = upload.data.size();
        if (received == upload.size) {
            uploads.remove(id);
            byte[] bytes = upload.data.toByteArray();
            documents.put(id, new Document(id, upload.name, bytes, sha256(bytes)));
        }
        return received;
    }

    public synchronized Document get(String id) {
        Document document = documents.get(id);
        if (document == null) {
            throw new KysoException(ProtocolError.DOCUMENT_NOT_FOUND, Map.of(), null, String.valueOf(id));
        }
        return document;
    }

    /** Keeps a document produced by the agent (a signed PDF) for download. */
    public synchronized Document put(String name, byte[] bytes) {
        if (uploads.size() + documents.size() >= maxDocuments) {
            throw new KysoException(ProtocolError.TOO_MANY_DOCUMENTS, Map.of(), null, String.valueOf(maxDocuments));
        }
        String id = UUID.randomUUID().toString();
        Document document = new Document(id, name, bytes, sha256(bytes));
        documents.put(id, document);
        return document;
    }

    /** How many more documents this connection may hold now. */
    public synchronized int room() {
        return Math.max(0, maxDocuments - uploads.size() - documents.size());
    }

    public synchronized void remove(String id) {
        documents.remove(id);
        uploads.remove(id);
    }

    /** The hex SHA-256 the protocol reports for a document (tests compare their own bytes with it). */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
