package vn.kyso.verify;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A small least-recently-used memo shared across verifications, for results that depend only on the immutable bytes
 * in their key (a parsed certificate by its DER, a signature check by the signed bytes and the key): the same CA,
 * TSA and OCSP responder certificates come back in every document of an agency. Never holds more than
 * {@code capacity} entries, so a stream of hostile documents cannot grow it. The value is computed outside the lock:
 * two threads may compute the same entry once each, both with the same result.
 */
final class BoundedMemo<K, V> {

    private final int capacity;
    private final Map<K, V> entries;

    BoundedMemo(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > BoundedMemo.this.capacity;
            }
        };
    }

    /** The remembered value for {@code key}, else {@code compute}'s (remembered unless null). */
    V get(K key, Function<K, V> compute) {
        synchronized (entries) {
            V known = entries.get(key);
            if (known != null) {
                return known;
            }
        }
        V value = compute.apply(key);
        if (value != null) {
            synchronized (entries) {
                entries.put(key, value);
            }
        }
        return value;
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    int capacity() {
        return capacity;
    }

    /** Bytes as a key, compared by content. */
    record Bytes(byte[] value) {
        Bytes {
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
