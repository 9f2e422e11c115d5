package vn.kyso.verify;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;

/**
 * A digest of what a PDF object means, not how it is written: dictionaries by sorted key, indirect references
 * followed, streams by their decoded bytes. Two revisions' objects with the same fingerprint say the same thing, so
 * a rewrite that only renumbers or re-compresses is not reported as a change.
 */
final class CosFingerprint {

    private static final int MAX_DEPTH = 64;
    /** Strings at least this long are fingerprinted by their digest (see {@link #add}). */
    private static final int LONG_STRING = 1024;

    private final Set<COSName> skippedKeys;
    private final Function<COSObject, COSBase> resolver;
    private final Memo memo;
    private final Set<Object> visiting = Collections.newSetFromMap(new IdentityHashMap<>());
    private final MessageDigest digest;

    private CosFingerprint(Set<COSName> skippedKeys, Function<COSObject, COSBase> resolver, Memo memo) {
        this.skippedKeys = skippedKeys;
        this.resolver = resolver;
        this.memo = memo;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fingerprint of {@code object}, ignoring (at every depth) the given keys, e.g. back-pointers /P, /Parent. */
    static String of(COSBase object, COSName... skippedKeys) {
        return of(object, COSObject::getObject, new Memo(), skippedKeys);
    }

    /**
     * The same, indirect objects read through {@code resolver} (see {@link SignedObjects#signedFingerprint}), and
     * decoded streams hashed once per {@code memo}.
     */
    static String of(COSBase object, Function<COSObject, COSBase> resolver, Memo memo, COSName... skippedKeys) {
        CosFingerprint fingerprint = new CosFingerprint(Set.of(skippedKeys), resolver, memo);
        fingerprint.add(object, 0);
        return HexFormat.of().formatHex(fingerprint.digest.digest());
    }

    /**
     * What one verification has already fingerprinted: the final document's objects (compared again with every
     * signature's revision — the /DSS, the fields, the annotations) and each stream's decoded bytes by their
     * digest. Objects do not change while a document is verified; the memo dies with the verification. Used by
     * one thread.
     */
    static final class Memo {
        private final Map<COSBase, Map<Set<COSName>, String>> whole = new IdentityHashMap<>();
        private final Map<COSStream, byte[]> streams = new IdentityHashMap<>();
        private final Map<COSString, byte[]> strings = new IdentityHashMap<>();

        /** The fingerprint of an object of the final document ({@link #of(COSBase, COSName...)}), once. */
        String ofFinal(COSBase object, COSName... skippedKeys) {
            Set<COSName> skipped = Set.of(skippedKeys);
            return whole.computeIfAbsent(object, k -> new HashMap<>()).computeIfAbsent(skipped,
                    k -> of(object, COSObject::getObject, this, skippedKeys));
        }
    }

    /**
     * True only when the fingerprints of {@code a} and {@code b} (no keys skipped) surely differ, judged from what
     * the fingerprint spells out before any content — the kind of object, a dictionary's keys, an array's length —
     * down to {@code depth} levels, without decoding a stream or hashing a byte. False means "not known": compare the
     * fingerprints. A revision's /DSS and the final one usually differ in this way (a VRI entry and certificates
     * more), which spares decoding every stream of the final /DSS.
     */
    static boolean surelyDifferent(COSBase a, Function<COSObject, COSBase> resolveA, COSBase b,
                                   Function<COSObject, COSBase> resolveB, int depth) {
        return surelyDifferent(a, resolveA, b, resolveB, depth, List.of(), List.of());
    }

    /** @param pathA the objects above {@code a} (where the fingerprint writes a cycle marker), likewise pathB */
    private static boolean surelyDifferent(COSBase a, Function<COSObject, COSBase> resolveA, COSBase b,
                                           Function<COSObject, COSBase> resolveB, int depth, List<COSBase> pathA,
                                           List<COSBase> pathB) {
        COSBase left = a instanceof COSObject reference ? resolveA.apply(reference) : a;
        COSBase right = b instanceof COSObject reference ? resolveB.apply(reference) : b;
        if (left == null || right == null) {
            return (left == null) != (right == null);
        }
        if (contains(pathA, left) || contains(pathB, right)) {
            return false; // a cycle: not judged here
        }
        if (left.getClass() != right.getClass()) {
            return true;
        }
        if (left instanceof COSStream || left == right) {
            return false; // a stream's dictionary skips keys; an object is the same as itself
        }
        if (left instanceof COSDictionary one && right instanceof COSDictionary other) {
            if (!one.keySet().equals(other.keySet())) {
                return true;
            }
            if (depth > 0) {
                List<COSBase> belowA = below(pathA, one);
                List<COSBase> belowB = below(pathB, other);
                for (COSName key : one.keySet()) {
                    if (surelyDifferent(one.getItem(key), resolveA, other.getItem(key), resolveB, depth - 1, belowA,
                            belowB)) {
                        return true;
                    }
                }
            }
            return false;
        }
        if (left instanceof COSArray one && right instanceof COSArray other) {
            if (one.size() != other.size()) {
                return true;
            }
            if (depth > 0) {
                List<COSBase> belowA = below(pathA, one);
                List<COSBase> belowB = below(pathB, other);
                for (int i = 0; i < one.size(); i++) {
                    if (surelyDifferent(one.get(i), resolveA, other.get(i), resolveB, depth - 1, belowA, belowB)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean contains(List<COSBase> path, COSBase value) {
        for (COSBase item : path) {
            if (item == value) {
                return true;
            }
        }
        return false;
    }

    private static List<COSBase> below(List<COSBase> path, COSBase value) {
        List<COSBase> result = new ArrayList<>(path);
        result.add(value);
        return result;
    }

    private void add(COSBase object, int depth) {
        COSBase value = object instanceof COSObject reference ? resolver.apply(reference) : object;
        if (value == null) {
            text("null");
            return;
        }
        if (depth > MAX_DEPTH || !visiting.add(value)) {
            text("<cycle>");
            return;
        }
        try {
            if (value instanceof COSStream stream) {
                text("stream");
                addDictionary(stream, depth, List.of(COSName.LENGTH, COSName.FILTER, COSName.DECODE_PARMS));
                byte[] decoded = memo.streams.computeIfAbsent(stream, CosFingerprint::decodedDigest);
                if (decoded.length == 0) {
                    text("<undecodable>");
                } else {
                    digest.update(decoded);
                }
            } else if (value instanceof COSDictionary dictionary) {
                addDictionary(dictionary, depth, List.of());
            } else if (value instanceof COSArray array) {
                text("[");
                for (COSBase item : array) {
                    add(item, depth + 1);
                }
                text("]");
            } else if (value instanceof COSString string) {
                // The bytes, length first, rather than the decoded text: a signature's /Contents is kilobytes of
                // binary that decoding turned into a long string (most of a 3-signature verification); two strings
                // with the same bytes mean the same, and the length keeps the digest unambiguous.
                // A long one (a signature's /Contents, tens of kilobytes) by its own digest, hashed once per
                // verification: it is in every revision's fingerprint of the fields, the DSS and the annotations.
                // The length says which form follows, so the two forms cannot be confused.
                byte[] bytes = string.getBytes();
                text("COSString:" + bytes.length);
                digest.update(bytes.length < LONG_STRING ? bytes
                        : memo.strings.computeIfAbsent(string, s -> sha256(bytes)));
            } else {
                text(value.getClass().getSimpleName() + ":" + value);
            }
        } finally {
            visiting.remove(value);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The digest of a stream's decoded bytes; empty when it does not decode. */
    private static byte[] decodedDigest(COSStream stream) {
        try (InputStream in = stream.createInputStream()) {
            return MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
        } catch (Exception e) {
            return new byte[0];
        }
    }

    private void addDictionary(COSDictionary dictionary, int depth, List<COSName> alsoSkipped) {
        TreeMap<String, COSBase> sorted = new TreeMap<>();
        for (var entry : dictionary.entrySet()) {
            if (!skippedKeys.contains(entry.getKey()) && !alsoSkipped.contains(entry.getKey())) {
                sorted.put(entry.getKey().getName(), entry.getValue());
            }
        }
        text("<<");
        for (var entry : sorted.entrySet()) {
            text("/" + entry.getKey());
            add(entry.getValue(), depth + 1);
        }
        text(">>");
    }

    private void text(String value) {
        digest.update(value.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }
}
