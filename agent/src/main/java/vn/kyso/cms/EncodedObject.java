package vn.kyso.cms;

import java.util.Arrays;

/**
 * The bytes of the first ASN.1 object of a buffer, found from its own encoding: a PDF's /Contents holds the CMS
 * followed by zero padding, and BouncyCastle (1.85 on) rightly refuses a CMS with anything after it. The object's end
 * is read, never guessed: a definite length is taken from the header; an indefinite-length (BER) encoding is walked
 * element by element to its end-of-contents octets. Trimming trailing zero bytes instead would eat a CMS that itself
 * ends in zeros (an indefinite-length one always does).
 */
public final class EncodedObject {

    /** Deeper nesting than any CMS needs; bounds the walk of a hostile indefinite-length encoding. */
    private static final int MAX_DEPTH = 64;

    private EncodedObject() {
    }

    /**
     * @return exactly the first object's encoding (the buffer itself when nothing follows it)
     * @throws IllegalArgumentException when the buffer does not start with a complete BER/DER object
     */
    public static byte[] first(byte[] buffer) {
        int end = end(buffer, 0, 0);
        return end == buffer.length ? buffer : Arrays.copyOf(buffer, end);
    }

    /** The offset just after the object starting at {@code at}. */
    private static int end(byte[] b, int at, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("ASN.1 nested deeper than " + MAX_DEPTH);
        }
        int p = at;
        int identifier = read(b, p++);
        if ((identifier & 0x1f) == 0x1f) {
            // high tag number: base-128 digits, the last without the top bit
            int digits = 0;
            while ((read(b, p++) & 0x80) != 0) {
                if (++digits > 4) {
                    throw new IllegalArgumentException("ASN.1 tag number too long at " + at);
                }
            }
        }
        int first = read(b, p++);
        if (first == 0x80) {
            if ((identifier & 0x20) == 0) {
                throw new IllegalArgumentException("indefinite length on a primitive ASN.1 object at " + at);
            }
            while (true) {
                if (read(b, p) == 0 && read(b, p + 1) == 0) {
                    return p + 2;
                }
                p = end(b, p, depth + 1);
            }
        }
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int octets = first & 0x7f;
            if (octets > 4) {
                throw new IllegalArgumentException("ASN.1 length too long at " + at);
            }
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = (length << 8) | read(b, p++);
            }
        }
        long end = p + length;
        if (end > b.length) {
            throw new IllegalArgumentException("ASN.1 object at " + at + " runs past the end of the data");
        }
        return (int) end;
    }

    private static int read(byte[] b, int at) {
        if (at >= b.length) {
            throw new IllegalArgumentException("ASN.1 object cut off at " + at);
        }
        return b[at] & 0xff;
    }
}
