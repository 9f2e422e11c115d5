package vn.kyso.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;

/**
 * What changed between the revision a signature covers and the final document, and whether the signer allowed
 * it. The signed revision is the file cut at the end of the signature's byte range. Allowed without DocMDP:
 * later signatures, /DSS, annotations, form filling, document information. Never allowed: changed page content or
 * resources, pages added or removed. A certification signature's DocMDP P narrows this: P=1 allows only /DSS and
 * document timestamps, P=2 adds form filling and signatures, P=3 adds annotations (ISO 32000-1 §12.8.2.2; ISO
 * 32000-2:2020 §12.8.5.3 and the approved correction to Table 257: updates that only add DSS or document timestamps
 * are not changes in the DocMDP sense, so long-term validation stays possible on a certified document).
 */
final class ChangeAnalyzer {

    private static final COSName DSS = COSName.getPDFName("DSS");

    private ChangeAnalyzer() {
    }

    static List<Change> changesAfter(byte[] file, long revisionEnd, PDDocument finalDocument, Integer docMdpP,
                                     String password) {
        if (revisionEnd <= 0 || revisionEnd >= file.length) {
            return List.of();
        }
        List<Change> changes = new ArrayList<>();
        // a view of the signed revision, not a copy of it
        try (PDDocument signed = Loader.loadPDF(new org.apache.pdfbox.io.RandomAccessReadBuffer(
                java.nio.ByteBuffer.wrap(file, 0, (int) revisionEnd).slice()), password == null ? "" : password)) {
            Unchanged unchanged = new Unchanged(finalDocument.getDocument().getXrefTable(),
                    signed.getDocument().getXrefTable(), revisionEnd);
            comparePages(signed, finalDocument, changes, docMdpP, unchanged);
            compareFields(signed, finalDocument, changes, docMdpP, unchanged);
            COSDictionary before = signed.getDocumentCatalog().getCOSObject();
            COSDictionary after = finalDocument.getDocumentCatalog().getCOSObject();
            if (!same(before.getDictionaryObject(DSS), after.getDictionaryObject(DSS))) {
                changes.add(change(ChangeKind.DSS_ADDED, "/DSS", docMdpP));
            }
            // What a document does when opened — actions, JavaScript, embedded files, the outline — can turn a
            // signed text into something else without touching a page (an incremental-save attack).
            for (COSName key : DOCUMENT_ACTION_KEYS) {
                COSBase a = before.getDictionaryObject(key);
                COSBase b = after.getDictionaryObject(key);
                // destinations point at pages, whose /Annots grow with every signature: not an action change
                boolean same = a == null || b == null ? a == b : unchanged.test(a, b)
                        || CosFingerprint.of(a, COSName.ANNOTS, COSName.PARENT, COSName.P)
                        .equals(CosFingerprint.of(b, COSName.ANNOTS, COSName.PARENT, COSName.P));
                if (!same) {
                    changes.add(change(ChangeKind.DOCUMENT_ACTIONS_CHANGED, "/" + key.getName(), docMdpP));
                }
            }
            if (!same(signed.getDocumentInformation().getCOSObject(),
                    finalDocument.getDocumentInformation().getCOSObject())) {
                changes.add(change(ChangeKind.METADATA_CHANGED, "/Info", docMdpP));
            }
        } catch (Exception e) {
            changes.add(new Change(ChangeKind.SIGNED_REVISION_UNREADABLE, String.valueOf(e.getMessage()), false));
        }
        return changes;
    }

    /**
     * An object the final file still reads from the definition the signed revision reads — it and every indirect
     * object it reaches have the same xref entries in both, inside the revision, objects in object streams through
     * their stream's entry — is byte-for-byte what was signed: no need to fingerprint it. The whole reachable graph is
     * checked, so a later revision that swaps a referenced stream (a "shadow" attack on an unchanged resources
     * dictionary) still falls back to the fingerprint comparison. Back-pointers (/P, /Parent) are not followed, as in
     * the fingerprints.
     */
    private static final List<COSName> DOCUMENT_ACTION_KEYS = List.of(COSName.getPDFName("OpenAction"),
            COSName.AA, COSName.NAMES, COSName.OUTLINES, COSName.getPDFName("URI"));

    private static final class Unchanged {
        private final Map<org.apache.pdfbox.cos.COSObjectKey, Long> finalXref;
        private final Map<org.apache.pdfbox.cos.COSObjectKey, Long> signedXref;
        private final long revisionEnd;
        private final Map<org.apache.pdfbox.cos.COSObjectKey, Boolean> verdicts = new HashMap<>();

        Unchanged(Map<org.apache.pdfbox.cos.COSObjectKey, Long> finalXref,
                  Map<org.apache.pdfbox.cos.COSObjectKey, Long> signedXref, long revisionEnd) {
            this.finalXref = finalXref;
            this.signedXref = signedXref;
            this.revisionEnd = revisionEnd;
        }

        boolean test(Object before, Object after) {
            org.apache.pdfbox.cos.COSObjectKey a = key(before);
            org.apache.pdfbox.cos.COSObjectKey b = key(after);
            if (a == null && b == null && before instanceof COSBase x && after instanceof COSBase y) {
                return sameDirect(x, y, 0);
            }
            return a != null && a.equals(b) && reachableUnchanged((COSBase) after);
        }

        /**
         * Direct dictionaries and arrays have no xref entry to check: a page rewritten to take a new /Annots entry
         * carries its inline /Resources along. They are equal when they hold the same entries and every indirect
         * one is unchanged by the rule above — without fingerprinting the images and fonts they reach, which for a
         * document with a few signatures was most of the verification. Anything else (a direct stream, a different
         * entry) answers false and the fingerprint comparison decides.
         */
        private boolean sameDirect(COSBase before, COSBase after, int depth) {
            if (before == null || after == null) {
                return before == after;
            }
            if (key(before) != null || key(after) != null) {
                return test(before, after);
            }
            if (depth > 32 || before instanceof org.apache.pdfbox.cos.COSStream
                    || after instanceof org.apache.pdfbox.cos.COSStream) {
                return false;
            }
            if (before instanceof COSDictionary a && after instanceof COSDictionary b) {
                if (a.size() != b.size()) {
                    return false;
                }
                for (Map.Entry<COSName, COSBase> entry : a.entrySet()) {
                    if (!b.containsKey(entry.getKey())
                            || !sameDirect(entry.getValue(), b.getItem(entry.getKey()), depth + 1)) {
                        return false;
                    }
                }
                return true;
            }
            if (before instanceof org.apache.pdfbox.cos.COSArray a && after instanceof org.apache.pdfbox.cos.COSArray b) {
                if (a.size() != b.size()) {
                    return false;
                }
                for (int i = 0; i < a.size(); i++) {
                    if (!sameDirect(a.get(i), b.get(i), depth + 1)) {
                        return false;
                    }
                }
                return true;
            }
            if (before instanceof COSDictionary || before instanceof org.apache.pdfbox.cos.COSArray
                    || after instanceof COSDictionary || after instanceof org.apache.pdfbox.cos.COSArray) {
                return false;
            }
            return CosFingerprint.of(before).equals(CosFingerprint.of(after));
        }

        private boolean reachableUnchanged(COSBase root) {
            java.util.ArrayDeque<COSBase> pending = new java.util.ArrayDeque<>();
            java.util.Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            pending.push(root);
            int budget = 100_000; // hostile graphs: give up and let the fingerprint decide
            while (!pending.isEmpty()) {
                if (--budget < 0) {
                    return false;
                }
                COSBase item = pending.pop();
                org.apache.pdfbox.cos.COSObjectKey key = key(item);
                COSBase value = item instanceof org.apache.pdfbox.cos.COSObject reference ? reference.getObject() : item;
                if (value == null || !seen.add(value)) {
                    continue;
                }
                if (key != null) {
                    Boolean known = verdicts.get(key);
                    if (Boolean.FALSE.equals(known)) {
                        return false;
                    }
                    if (!sameDefinition(key)) {
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
                } else if (value instanceof org.apache.pdfbox.cos.COSArray array) {
                    for (int i = 0; i < array.size(); i++) {
                        pending.push(array.get(i));
                    }
                }
            }
            return true;
        }

        /**
         * The final file reads {@code key} from the very definition the signed revision reads: the same xref entry,
         * inside the revision. Equal entries, not merely an early offset: a later xref pointing back to a definition
         * the signed revision itself had replaced would otherwise pass. A member of an object stream (PDFBox's xref
         * entry −n: in stream n) is as signed when that stream is.
         */
        private boolean sameDefinition(org.apache.pdfbox.cos.COSObjectKey key) {
            Long offset = finalXref.get(key);
            if (offset == null || !offset.equals(signedXref.get(key))) {
                return false;
            }
            if (offset < 0) {
                org.apache.pdfbox.cos.COSObjectKey stream = new org.apache.pdfbox.cos.COSObjectKey(-offset, 0);
                offset = finalXref.get(stream);
                if (offset == null || !offset.equals(signedXref.get(stream))) {
                    return false;
                }
            }
            return offset > 0 && offset < revisionEnd;
        }

        private static org.apache.pdfbox.cos.COSObjectKey key(Object value) {
            if (value instanceof org.apache.pdfbox.cos.COSObject reference) {
                return reference.getKey();
            }
            return value instanceof COSBase base ? base.getKey() : null;
        }
    }

    private static boolean same(Object a, Object b, Unchanged unchanged) {
        return unchanged.test(a, b) || same(a, b);
    }

    private static void comparePages(PDDocument signed, PDDocument current, List<Change> changes, Integer p,
                                     Unchanged unchanged) {
        int before = signed.getNumberOfPages();
        int after = current.getNumberOfPages();
        if (before != after) {
            changes.add(change(ChangeKind.PAGES_ADDED_OR_REMOVED, before + " → " + after + " pages", p));
        }
        for (int i = 0; i < Math.min(before, after); i++) {
            PDPage a = signed.getPage(i);
            PDPage b = current.getPage(i);
            String where = "page " + (i + 1);
            if (!same(a.getCOSObject().getDictionaryObject(COSName.CONTENTS),
                    b.getCOSObject().getDictionaryObject(COSName.CONTENTS), unchanged)) {
                changes.add(change(ChangeKind.PAGE_CONTENT_CHANGED, where, p));
            }
            if (!same(a.getCOSObject().getDictionaryObject(COSName.RESOURCES),
                    b.getCOSObject().getDictionaryObject(COSName.RESOURCES), unchanged)
                    || !same(a.getCOSObject().getDictionaryObject(COSName.MEDIA_BOX),
                    b.getCOSObject().getDictionaryObject(COSName.MEDIA_BOX), unchanged)) {
                changes.add(change(ChangeKind.PAGE_RESOURCES_CHANGED, where, p));
            }
            compareAnnotations(a, b, where, changes, p, unchanged);
        }
    }

    private static void compareAnnotations(PDPage before, PDPage after, String where, List<Change> changes,
                                           Integer p, Unchanged unchanged) {
        List<PDAnnotation> earlier = new ArrayList<>();
        try {
            earlier.addAll(before.getAnnotations());
        } catch (java.io.IOException e) {
            // unreadable annotations compare as none
        }
        List<PDAnnotation> later = new ArrayList<>();
        try {
            for (PDAnnotation annotation : after.getAnnotations()) {
                PDAnnotation twin = earlier.stream()
                        .filter(e -> unchanged.test(e.getCOSObject(), annotation.getCOSObject())).findFirst().orElse(null);
                if (twin != null) {
                    earlier.remove(twin); // untouched since signing: nothing to fingerprint
                } else {
                    later.add(annotation);
                }
            }
        } catch (java.io.IOException e) {
            later.add(null);
        }
        Map<String, Integer> old = new HashMap<>();
        earlier.forEach(a -> old.merge(annotationFingerprint(a), 1, Integer::sum));
        boolean widgetOrSignature = false;
        boolean otherAnnotation = later.contains(null);
        for (PDAnnotation annotation : later) {
            if (annotation == null) {
                continue;
            }
            String fingerprint = annotationFingerprint(annotation);
            Integer count = old.get(fingerprint);
            if (count != null && count > 0) {
                old.put(fingerprint, count - 1);
            } else if ("Widget".equals(annotation.getSubtype())) {
                widgetOrSignature = true;
            } else {
                otherAnnotation = true;
            }
        }
        boolean removed = old.values().stream().anyMatch(c -> c > 0);
        if (widgetOrSignature) {
            // Widgets carry field values and signatures; the field comparison says which. Only record the page.
            changes.add(change(ChangeKind.FORM_FILLED, where + " (widget)", p));
        }
        if (otherAnnotation || removed) {
            changes.add(change(ChangeKind.ANNOTATION_CHANGED, where, p));
        }
    }

    private static String annotationFingerprint(PDAnnotation annotation) {
        return CosFingerprint.of(annotation.getCOSObject(), COSName.P, COSName.PARENT);
    }

    private static void compareFields(PDDocument signed, PDDocument current, List<Change> changes, Integer p,
                                      Unchanged unchanged) {
        Map<String, PDField> before = fields(signed);
        Map<String, PDField> after = fields(current);
        Set<String> names = new LinkedHashSet<>(after.keySet());
        names.addAll(before.keySet());
        Map<String, Boolean> signatureFields = signatureFieldNames(current);
        for (String name : names) {
            PDField a = before.get(name);
            PDField b = after.get(name);
            if (a != null && b != null && (unchanged.test(a.getCOSObject(), b.getCOSObject())
                    || fieldFingerprint(a).equals(fieldFingerprint(b)))) {
                continue;
            }
            ChangeKind kind = !signatureFields.containsKey(name) ? ChangeKind.FORM_FILLED
                    : a == null && signatureFields.get(name) ? ChangeKind.DOCUMENT_TIMESTAMP_ADDED
                    : ChangeKind.SIGNATURE_ADDED;
            changes.add(change(kind, name, p));
        }
        // A widget change that belongs to a field already reported is not a separate change.
        boolean fieldChanges = changes.stream().anyMatch(c -> c.kind() == ChangeKind.SIGNATURE_ADDED
                || c.kind() == ChangeKind.DOCUMENT_TIMESTAMP_ADDED || (c.kind() == ChangeKind.FORM_FILLED && !c.where().endsWith("(widget)")));
        if (fieldChanges) {
            changes.removeIf(c -> c.kind() == ChangeKind.FORM_FILLED && c.where().endsWith("(widget)"));
        }
    }

    private static Map<String, PDField> fields(PDDocument document) {
        Map<String, PDField> result = new HashMap<>();
        PDAcroForm form = document.getDocumentCatalog().getAcroForm(null);
        if (form == null) {
            return result;
        }
        for (PDField field : form.getFieldTree()) {
            result.put(field.getFullyQualifiedName(), field);
        }
        return result;
    }

    private static String fieldFingerprint(PDField field) {
        return CosFingerprint.of(field.getCOSObject(), COSName.P, COSName.PARENT, COSName.KIDS);
    }

    /** Signature fields by name, each with whether its value is a document timestamp (/SubFilter ETSI.RFC3161). */
    private static Map<String, Boolean> signatureFieldNames(PDDocument document) {
        Map<String, Boolean> names = new HashMap<>();
        PDAcroForm form = document.getDocumentCatalog().getAcroForm(null);
        if (form != null) {
            for (PDField field : form.getFieldTree()) {
                if (field instanceof PDSignatureField signatureField) {
                    var value = signatureField.getSignature();
                    names.put(field.getFullyQualifiedName(), value != null
                            && (DOC_TIME_STAMP.equals(value.getCOSObject().getCOSName(COSName.TYPE))
                            || ETSI_RFC3161.equals(value.getCOSObject().getCOSName(COSName.SUB_FILTER))));
                }
            }
        }
        return names;
    }

    private static final COSName DOC_TIME_STAMP = COSName.getPDFName("DocTimeStamp");
    private static final COSName ETSI_RFC3161 = COSName.getPDFName("ETSI.RFC3161");

    private static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof String || b instanceof String) {
            return a.equals(b);
        }
        return CosFingerprint.of((COSBase) a).equals(CosFingerprint.of((COSBase) b));
    }

    private static Change change(ChangeKind kind, String where, Integer docMdpP) {
        return new Change(kind, where, allowed(kind, docMdpP));
    }

    static boolean allowed(ChangeKind kind, Integer docMdpP) {
        if (!kind.allowedByDefault()) {
            return false;
        }
        if (docMdpP == null) {
            return true;
        }
        return switch (kind) {
            case DSS_ADDED, DOCUMENT_TIMESTAMP_ADDED -> true;
            case SIGNATURE_ADDED, FORM_FILLED -> docMdpP >= 2;
            case ANNOTATION_CHANGED -> docMdpP >= 3;
            default -> docMdpP >= 2;
        };
    }
}
