package vn.kyso.pki;

import java.util.Arrays;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * A small memo shared across verifications and signatures, for results that depend only on the immutable bytes in their key (a
 * parsed certificate by its DER, a signature check by the signed bytes and the key): the same CA, TSA and OCSP
 * responder certificates come back in every document of an agency. Holds {@code capacity} entries (for a moment
 * one more per thread adding at once), so a stream of hostile documents cannot grow it; the oldest goes first.
 * Lookups take no lock: a document's signatures are checked on two threads at once, and on a busy machine a thread
 * preempted while holding a lock for a lookup (hashing a certificate key is not free) kept the other waiting for
 * tens of milliseconds. The value is computed outside any lock: two threads may compute the same entry once each,
 * both with the same result.
 */
public final class BoundedMemo<K, V> {

    private final int capacity;
    private final Map<K, V> entries = new ConcurrentHashMap<>();
    /** The keys in the order they were added, to drop the oldest. */
    private final Queue<K> order = new ConcurrentLinkedQueue<>();

    public BoundedMemo(int capacity) {
        this.capacity = capacity;
    }

    /** The remembered value for {@code key}, else {@code compute}'s (remembered unless null). */
    public V get(K key, Function<K, V> compute) {
        if (key == null) {
            return compute.apply(null); // nothing to remember it by
        }
        V known = entries.get(key);
        if (known != null) {
            return known;
        }
        V value = compute.apply(key);
        if (value != null && entries.putIfAbsent(key, value) == null) {
            order.add(key);
            while (entries.size() > capacity) {
                K oldest = order.poll();
                if (oldest == null) {
                    break;
                }
                entries.remove(oldest);
            }
        }
        return value;
    }

    public int size() {
        return entries.size();
    }

    public int capacity() {
        return capacity;
    }

    /** Bytes as a key, compared by content. */
    public record Bytes(byte[] value) {
        public Bytes {
            value = value.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Bytes bytes && Arrays.equals(value, bytes.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return value.length + " bytes";
        }
    }
}
