package vn.kyso.verify;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
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

    private final Set<COSName> skippedKeys;
    private final Function<COSObject, COSBase> resolver;
    private final Set<Object> visiting = Collections.newSetFromMap(new IdentityHashMap<>());
    private final MessageDigest digest;

    private CosFingerprint(Set<COSName> skippedKeys, Function<COSObject, COSBase> resolver) {
        this.skippedKeys = skippedKeys;
        this.resolver = resolver;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fingerprint of {@code object}, ignoring (at every depth) the given keys, e.g. back-pointers /P, /Parent. */
    static String of(COSBase object, COSName... skippedKeys) {
        return of(object, COSObject::getObject, skippedKeys);
    }

    /** The same, indirect objects read through {@code resolver} (see {@link SignedObjects#signedFingerprint}). */
    static String of(COSBase object, Function<COSObject, COSBase> resolver, COSName... skippedKeys) {
        CosFingerprint fingerprint = new CosFingerprint(Set.of(skippedKeys), resolver);
        fingerprint.add(object, 0);
        return HexFormat.of().formatHex(fingerprint.digest.digest());
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
                try (InputStream in = stream.createInputStream()) {
                    digest.update(in.readAllBytes());
                } catch (Exception e) {
                    text("<undecodable>");
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
                byte[] bytes = string.getBytes();
                text("COSString:" + bytes.length);
                digest.update(bytes);
            } else {
                text(value.getClass().getSimpleName() + ":" + value);
            }
        } finally {
            visiting.remove(value);
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
