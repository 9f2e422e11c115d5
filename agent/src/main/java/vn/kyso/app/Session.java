package vn.kyso.app;

import java.util.function.Supplier;

/**
 * One WebSocket connection as the methods see it: who is calling, its documents, and a way to send events and
 * document bytes back. The methods never touch the socket itself.
 */
public interface Session {

    Caller caller();

    DocumentStore documents();

    /** Sends {@code {event, data}} to this connection. */
    void event(String name, Object data);

    /** Sends a document as binary frames: 16 bytes of document id (UUID), then up to one chunk of content each. */
    void sendDocument(DocumentStore.Document document);

    /**
     * State a group of methods keeps for this connection (prepared signatures, batches), created on first use and
     * dropped with the connection.
     */
    <T> T state(Class<T> type, Supplier<T> create);
}
