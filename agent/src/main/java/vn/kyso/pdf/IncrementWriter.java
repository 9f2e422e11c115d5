package vn.kyso.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSBoolean;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNull;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.cos.COSUpdateInfo;
import org.apache.pdfbox.pdfparser.PDFXRefStream;
import org.apache.pdfbox.pdfparser.xref.NormalXReference;
import org.apache.pdfbox.pdfwriter.COSWriter;
import org.apache.pdfbox.pdmodel.PDDocument;


/**
 * Writes an incremental update from the objects PDFBox marked as changed, without PDFBox's own writer: before any
 * incremental save that writer loads every object listed in the cross-reference table (to know their numbers), so
 * its memory grows with the document — 31 MB for a 1000-page file that parses lazily in 7 MB. Here only the changed
 * objects and the new objects they reference are written; every untouched object is referenced by the number it
 * already has and never loaded. The objects are written by the same rules as PDFBox's writer (direct values inline,
 * indirect ones by reference), then a cross-reference section — a stream when the file's last one is a stream, a
 * table otherwise — and a trailer chained to the previous one with /Prev.
 *
 * <p>Encrypted documents are not handled (new strings and streams would have to be encrypted): {@link #supports}
 * tells, and callers keep PDFBox's writer for them.
 */
final class IncrementWriter {

    /** PDFBox's placeholder byte range in a signature dictionary that has not been written yet. */
    private static final String BYTE_RANGE_PLACEHOLDER = "[0 1000000000 1000000000 1000000000]";

    /**
     * The bytes to append to the file and, when the update holds a new signature or document timestamp, its byte
     * range (absolute offsets, already written into the bytes).
     */
    record Increment(byte[] bytes, long[] byteRange) {
    }

    private final COSDocument document;
    private final long fileLength;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
    private final Map<COSBase, COSObjectKey> keys = new IdentityHashMap<>();
    private final Set<COSBase> scheduled = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Deque<COSBase> queue = new ArrayDeque<>();
    private final List<NormalXReference> entries = new ArrayList<>();
    private long highestNumber;
    private long contentsOffset = -1;
    private long contentsEnd = -1;
    private long byteRangeOffset = -1;

    private IncrementWriter(COSDocument document, long fileLength) {
        this.document = document;
        this.fileLength = fileLength;
    }

    static boolean supports(PDDocument document) {
        return !document.isEncrypted();
    }

    /**
     * The incremental update of {@code document}, loaded from a file of {@code fileLength} bytes, holding what was
     * changed since it was loaded.
     */
    static Increment write(PDDocument document, long fileLength) throws IOException {
        if (!supports(document)) {
            throw new IllegalArgumentException("encrypted documents are written by PDFBox");
        }
        DocumentFonts.subsetBeforeWriting(document);
        return new IncrementWriter(document.getDocument(), fileLength).write();
    }

    private Increment write() throws IOException {
        COSDictionary trailer = document.getTrailer();
        highestNumber = Math.max(document.getHighestXRefObjectNumber(), trailer.getLong(COSName.SIZE, 1) - 1);
        for (COSObjectKey key : document.getXrefTable().keySet()) {
            highestNumber = Math.max(highestNumber, key.getNumber());
        }
        // A file may end without an end-of-line after %%EOF; the first object must start on a line of its own.
        ascii("\n");
        for (COSBase changed : trailer.toIncrement().exclude(trailer)) {
            schedule(changed);
        }
        while (!queue.isEmpty()) {
            writeObject(queue.removeFirst());
        }
        COSDictionary next = nextTrailer(trailer);
        long xrefOffset = document.isXRefStream() && !document.hasHybridXRef()
                ? writeXrefStream(next) : writeXrefTable(next);
        if (!queue.isEmpty()) {
            throw new IOException("the trailer refers to an object that was not written");
        }
        ascii("startxref\n" + xrefOffset + "\n%%EOF\n");
        byte[] bytes = out.toByteArray();
        return new Increment(bytes, contentsOffset < 0 ? null : fillByteRange(bytes));
    }

    /** Root, Info and ID of the file (the second ID part renewed, as for any update), /Size and /Prev. */
    private COSDictionary nextTrailer(COSDictionary trailer) {
        COSDictionary next = new COSDictionary();
        for (COSName key : List.of(COSName.ROOT, COSName.INFO)) {
            COSBase value = trailer.getItem(key);
            if (value != null) {
                next.setItem(key, value);
            }
        }
        COSArray id = new COSArray();
        COSArray oldId = trailer.getCOSArray(COSName.ID);
        byte[] fresh = freshId();
        id.add(oldId != null && oldId.size() == 2 && oldId.getObject(0) instanceof COSString first
                ? first : new COSString(fresh));
        id.add(new COSString(fresh));
        next.setItem(COSName.ID, id);
        next.setLong(COSName.PREV, document.getStartXref());
        return next;
    }

    private byte[] freshId() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Long.toString(System.nanoTime()).getBytes(StandardCharsets.ISO_8859_1));
            sha.update(Long.toString(fileLength).getBytes(StandardCharsets.ISO_8859_1));
            byte[] digest = sha.digest();
            return java.util.Arrays.copyOf(digest, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private long writeXrefTable(COSDictionary next) throws IOException {
        long offset = position();
        entries.sort(Comparator.comparingLong(e -> e.getReferencedKey().getNumber()));
        ascii("xref\n");
        int i = 0;
        while (i < entries.size()) {
            int j = i;
            while (j + 1 < entries.size() && entries.get(j + 1).getReferencedKey().getNumber()
                    == entries.get(j).getReferencedKey().getNumber() + 1) {
                j++;
            }
            ascii(entries.get(i).getReferencedKey().getNumber() + " " + (j - i + 1) + "\n");
            for (int k = i; k <= j; k++) {
                NormalXReference entry = entries.get(k);
                ascii(String.format("%010d %05d n\r\n", entry.getByteOffset(),
                        entry.getReferencedKey().getGeneration()));
            }
            i = j + 1;
        }
        next.setLong(COSName.SIZE, highestNumber + 1);
        ascii("trailer\n");
        writeDictionary(next, -1);
        ascii("\n");
        return offset;
    }

    private long writeXrefStream(COSDictionary next) throws IOException {
        PDFXRefStream xref = new PDFXRefStream(document);
        COSObjectKey key = new COSObjectKey(++highestNumber, 0);
        long offset = position();
        for (NormalXReference entry : entries) {
            xref.addEntry(entry);
        }
        xref.addEntry(new NormalXReference(offset, key, null)); // the stream lists itself
        xref.addTrailerInfo(next);
        xref.setSize(highestNumber + 1);
        COSStream stream = xref.getStream();
        keys.put(stream, key);
        scheduled.add(stream);
        writeObject(stream);
        return offset;
    }

    /** Queues {@code object} for writing unless it is already written or queued. */
    private void schedule(COSBase object) {
        COSBase actual = actual(object);
        if (actual != null && scheduled.add(actual)) {
            keys.putIfAbsent(actual, keyOf(object));
            queue.add(object);
        }
    }

    private void writeObject(COSBase object) throws IOException {
        COSBase actual = actual(object);
        COSObjectKey key = keys.get(actual);
        entries.add(new NormalXReference(position(), key, actual));
        ascii(key.getNumber() + " " + key.getGeneration() + " obj\n");
        if (actual instanceof COSStream stream) {
            writeStream(stream);
        } else if (actual instanceof COSDictionary dictionary) {
            writeDictionary(dictionary, -1);
        } else if (actual instanceof COSArray array) {
            writeArray(array);
        } else {
            writeValue(actual);
        }
        ascii("\nendobj\n");
    }

    private void writeStream(COSStream stream) throws IOException {
        byte[] raw;
        if (stream.hasData()) {
            try (InputStream in = stream.createRawInputStream()) {
                raw = in.readAllBytes();
            }
        } else {
            raw = new byte[0];
        }
        writeDictionary(stream, raw.length);
        ascii("\nstream\r\n");
        out.write(raw);
        ascii("\r\nendstream");
    }

    /** @param streamLength the stream's data length for its /Length, or -1 for a plain dictionary */
    private void writeDictionary(COSDictionary dictionary, long streamLength) throws IOException {
        boolean placeholder = isSignaturePlaceholder(dictionary);
        ascii("<<");
        for (Map.Entry<COSName, COSBase> entry : dictionary.entrySet()) {
            COSBase value = entry.getValue();
            COSName key = entry.getKey();
            if (value == null || (streamLength >= 0 && COSName.LENGTH.equals(key))) {
                continue;
            }
            ascii("\n");
            key.writePDF(out);
            ascii(" ");
            if (placeholder && COSName.CONTENTS.equals(key)) {
                contentsOffset = position();
                writeValue(value);
                contentsEnd = position();
            } else if (placeholder && COSName.BYTERANGE.equals(key)) {
                byteRangeOffset = position();
                ascii(BYTE_RANGE_PLACEHOLDER);
            } else {
                writeValue(value);
            }
        }
        if (streamLength >= 0) {
            ascii("\n/Length " + streamLength);
        }
        ascii("\n>>");
    }

    private void writeArray(COSArray array) throws IOException {
        ascii("[");
        for (int i = 0; i < array.size(); i++) {
            if (i > 0) {
                ascii(i % 10 == 0 ? "\n" : " ");
            }
            writeValue(array.get(i));
        }
        ascii("]");
    }

    /** A value inside an object: direct values inline, indirect ones as references (queued if they must be written). */
    private void writeValue(COSBase value) throws IOException {
        if (value == null || value instanceof COSNull) {
            ascii("null");
        } else if (value instanceof COSObject) {
            writeReference(value);
        } else if (value instanceof COSStream) {
            writeReference(value);
        } else if (value instanceof COSDictionary dictionary) {
            if (dictionary.isDirect()) {
                writeDictionary(dictionary, -1);
            } else {
                writeReference(dictionary);
            }
        } else if (value instanceof COSArray array) {
            if (array.isDirect()) {
                writeArray(array);
            } else {
                writeReference(array);
            }
        } else if (value instanceof COSString string) {
            writeString(string);
        } else if (value instanceof COSName name) {
            name.writePDF(out);
        } else if (value instanceof COSInteger integer) {
            integer.writePDF(out);
        } else if (value instanceof COSFloat number) {
            number.writePDF(out);
        } else if (value instanceof COSBoolean bool) {
            bool.writePDF(out);
        } else {
            throw new IOException("cannot write a " + value.getClass().getSimpleName());
        }
    }

    /**
     * As COSWriter writes it; a string forced to hex — a signature's reserved /Contents, tens of kilobytes — in one
     * write rather than two calls a byte.
     */
    private void writeString(COSString string) throws IOException {
        if (!string.getForceHexForm()) {
            COSWriter.writeString(string, out);
            return;
        }
        out.write('<');
        out.write(Hex.encodeUpper(string.getBytes()));
        out.write('>');
    }

    private void writeReference(COSBase value) throws IOException {
        COSObjectKey key = keyOf(value);
        if (mustWrite(value)) {
            schedule(value);
        }
        ascii(key.getNumber() + " " + key.getGeneration() + " R");
    }

    /**
     * New objects must be written; objects of the file only when changed. An object never loaded cannot have
     * changed, so it is not loaded now.
     */
    private boolean mustWrite(COSBase value) {
        if (value instanceof COSObject reference && !reference.isDereferenced()) {
            return false;
        }
        COSBase actual = actual(value);
        if (actual == null || scheduled.contains(actual)) {
            return false;
        }
        if (!inFile(value, actual)) {
            return true;
        }
        return needsUpdate(value) || needsUpdate(actual);
    }

    private boolean inFile(COSBase value, COSBase actual) {
        COSObjectKey key = value instanceof COSObject reference ? reference.getKey() : actual.getKey();
        return key != null && document.getXrefTable().containsKey(key);
    }

    /** The number an object is written or referenced under: its own from the file, else a new one. */
    private COSObjectKey keyOf(COSBase value) {
        if (value instanceof COSObject reference && reference.getKey() != null && !reference.isDereferenced()) {
            return reference.getKey(); // not loaded, so unchanged: its number is all a reference needs
        }
        COSBase actual = actual(value);
        COSObjectKey known = actual == null ? null : keys.get(actual);
        if (known != null) {
            return known;
        }
        COSObjectKey key = value instanceof COSObject reference && reference.getKey() != null ? reference.getKey()
                : actual != null && actual.getKey() != null ? actual.getKey()
                : new COSObjectKey(++highestNumber, 0);
        if (actual != null) {
            keys.put(actual, key);
        }
        return key;
    }

    private static COSBase actual(COSBase value) {
        return value instanceof COSObject reference ? reference.getObject() : value;
    }

    private static boolean needsUpdate(COSBase value) {
        return value instanceof COSUpdateInfo updatable && updatable.isNeedToBeUpdated();
    }

    /** A new signature or document timestamp: PDFBox's placeholder byte range points beyond the current file. */
    private boolean isSignaturePlaceholder(COSDictionary dictionary) {
        COSName type = dictionary.getCOSName(COSName.TYPE);
        if (!COSName.SIG.equals(type) && !COSName.DOC_TIME_STAMP.equals(type)) {
            return false;
        }
        COSArray range = dictionary.getCOSArray(COSName.BYTERANGE);
        return range != null && range.size() == 4 && range.getObject(2) instanceof COSInteger second
                && second.longValue() > fileLength;
    }

    /** Writes the real byte range over the placeholder (padded with spaces) and returns it. */
    private long[] fillByteRange(byte[] bytes) throws IOException {
        if (byteRangeOffset < 0 || contentsEnd < 0) {
            throw new IOException("the signature dictionary has no /ByteRange or /Contents");
        }
        long total = fileLength + bytes.length;
        long[] range = {0, contentsOffset, contentsEnd, total - contentsEnd};
        String text = "[" + range[0] + " " + range[1] + " " + range[2] + " " + range[3] + "]";
        if (text.length() > BYTE_RANGE_PLACEHOLDER.length()) {
            throw new IOException("byte range does not fit its placeholder: " + text);
        }
        byte[] padded = (text + " ".repeat(BYTE_RANGE_PLACEHOLDER.length() - text.length()))
                .getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(padded, 0, bytes, (int) (byteRangeOffset - fileLength), padded.length);
        return range;
    }

    private long position() {
        return fileLength + out.size();
    }

    private void ascii(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
