package vn.kyso.verify;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;

/**
 * An object the final file still reads from inside the signed revision — it and every indirect object it reaches
 * have xref offsets below the revision's end — is byte-for-byte what was signed: no need to fingerprint it. The
 * whole reachable graph is checked, so a later revision that swaps a referenced stream (a "shadow" attack on an
 * unchanged resources dictionary) still falls back to the fingerprint comparison, as do objects in object streams.
 * Back-pointers (/P, /Parent) are not followed, as in the fingerprints.
 *
 * <p>The same fact spares parsing: when a fingerprint of the signed revision reaches an indirect object that is
 * untouched in this sense, the final document's copy — parsed from the very same bytes, usually already (a
 * signature dictionary with its kilobytes of hex /Contents) — is read instead of parsing it a second time.
 */
final class SignedObjects {

    private final COSDocument finalDocument;
    private final COSDocument signedDocument;
    private final Map<COSObjectKey, Long> finalXref;
    private final Map<COSObjectKey, Long> signedXref;
    private final long revisionEnd;
    private final Map<COSObjectKey, Boolean> verdicts = new HashMap<>();
    private final CosFingerprint.Memo memo;

    SignedObjects(COSDocument finalDocument, COSDocument signedDocument, long revisionEnd) {
        this(finalDocument, signedDocument, revisionEnd, new CosFingerprint.Memo());
    }

    /** @param memo what this verification has fingerprinted already (shared by every signature's comparison) */
    SignedObjects(COSDocument finalDocument, COSDocument signedDocument, long revisionEnd, CosFingerprint.Memo memo) {
        this.memo = memo;
        this.finalDocument = finalDocument;
        this.signedDocument = signedDocument;
        this.signedXref = signedDocument.getXrefTable();
        this.finalXref = finalDocument.getXrefTable();
        this.revisionEnd = revisionEnd;
    }

    /** Whether {@code before} and {@code after} are one object, untouched since signing. */
    boolean untouched(Object before, Object after) {
        COSObjectKey a = key(before);
        COSObjectKey b = key(after);
        return a != null && a.equals(b) && reachableUnchanged((COSBase) after);
    }

    /** Untouched, or with the same content (fingerprint). */
    boolean same(Object before, Object after) {
        return untouched(before, after) || sameContent(before, after);
    }

    /**
     * Same content by fingerprint, {@code before} read in the signed revision and {@code after} in the final
     * document; two absent values are the same, one absent is not.
     */
    boolean sameContent(Object before, Object after) {
        if (before == null || after == null) {
            return before == after;
        }
        if (before instanceof String || after instanceof String) {
            return before.equals(after);
        }
        if (CosFingerprint.surelyDifferent((COSBase) before, this::signedValue, (COSBase) after, COSObject::getObject,
                2)) {
            return false;
        }
        return signedFingerprint((COSBase) before).equals(currentFingerprint((COSBase) after));
    }

    /** The fingerprint of an object of the signed revision ({@link CosFingerprint#of}), untouched objects shared. */
    String signedFingerprint(COSBase object, COSName... skippedKeys) {
        return CosFingerprint.of(object, this::signedValue, memo, skippedKeys);
    }

    /** The fingerprint of an object of the final document, computed once per verification. */
    String currentFingerprint(COSBase object, COSName... skippedKeys) {
        return memo.ofFinal(object, skippedKeys);
    }

    /**
     * What the signed revision reads for {@code reference} (which may come from either document): the final
     * document's copy when the object and everything it reaches is untouched — the same bytes, so the same value,
     * even for a stream whose /Length is an indirect object — else the signed revision's own.
     */
    private COSBase signedValue(COSObject reference) {
        COSObjectKey key = reference.getKey();
        if (key == null) {
            return reference.getObject();
        }
        COSObject inFinal = finalDocument.getObjectFromPool(key);
        if (reachableUnchanged(inFinal)) {
            return inFinal.getObject();
        }
        return signedDocument.getObjectFromPool(key).getObject();
    }

    private boolean reachableUnchanged(COSBase root) {
        Deque<COSBase> pending = new ArrayDeque<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        pending.push(root);
        int budget = 100_000; // hostile graphs: give up and let the fingerprint decide
        while (!pending.isEmpty()) {
            if (--budget < 0) {
                return false;
            }
            COSBase item = pending.pop();
            COSObjectKey key = key(item);
            COSBase value = item instanceof COSObject reference ? reference.getObject() : item;
            if (value == null || !seen.add(value)) {
                continue;
            }
            if (key != null) {
                Boolean known = verdicts.get(key);
                if (Boolean.FALSE.equals(known)) {
                    return false;
                }
                Long offset = finalXref.get(key);
                // the very entry the signed revision reads, not merely an early offset: a later xref pointing back
                // at a draft the signed revision had replaced must not pass
                if (offset == null || offset <= 0 || offset >= revisionEnd || !offset.equals(signedXref.get(key))) {
                    verdicts.put(key, false);
                    return false;
                }
            }
            if (value instanceof COSDictionary dictionary) {
                for (Map.Entry<COSName, COSBase> entry : dictionary.entrySet()) {
                    if (!COSName.P.equals(entry.getKey()) && !COSName.PARENT.equals(entry.getKey())) {
                        pending.push(entry.getValue());
                    }
                }
            } else if (value instanceof COSArray array) {
                for (int i = 0; i < array.size(); i++) {
                    pending.push(array.get(i));
                }
            }
        }
        return true;
    }

    private static COSObjectKey key(Object value) {
        if (value instanceof COSObject reference) {
            return reference.getKey();
        }
        return value instanceof COSBase base ? base.getKey() : null;
    }
}
