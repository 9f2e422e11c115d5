package vn.kyso.pdf;

import java.util.Arrays;

/**
 * Hex in a signature's gap, read and written straight between byte arrays: a gap is tens of kilobytes of hex, and
 * every signature is read or written several times on its way (as text it was copied into a string and back each
 * time).
 */
final class Hex {

    private static final byte[] UPPER = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};

    private Hex() {
    }

    /**
     * The bytes that {@code length} hex digits of {@code hex} from {@code offset} stand for. Strict, as
     * {@link java.util.HexFormat#parseHex}: an odd count or any other character is an IllegalArgumentException.
     */
    static byte[] decode(byte[] hex, int offset, int length) {
        if ((length & 1) != 0) {
            throw new IllegalArgumentException("an odd number of hex digits: " + length);
        }
        byte[] out = new byte[length / 2];
        for (int i = 0, at = offset; i < out.length; i++, at += 2) {
            out[i] = (byte) (digit(hex[at]) << 4 | digit(hex[at + 1]));
        }
        return out;
    }

    /** {@code data} as upper-case hex digits. */
    static byte[] encodeUpper(byte[] data) {
        byte[] out = new byte[data.length * 2];
        for (int i = 0; i < data.length; i++) {
            out[2 * i] = UPPER[(data[i] >> 4) & 0xf];
            out[2 * i + 1] = UPPER[data[i] & 0xf];
        }
        return out;
    }

    /** Whether {@code c} is an ASCII hex digit (either case). */
    static boolean isDigit(byte c) {
        return DIGITS[c & 0xff] >= 0;
    }

    private static int digit(byte c) {
        int d = DIGITS[c & 0xff];
        if (d < 0) {
            throw new IllegalArgumentException("not a hex digit: " + (c & 0xff));
        }
        return d;
    }

    /** 0–15 for the ASCII hex digits, -1 for every other byte: looked up for each of a gap's tens of thousands. */
    private static final byte[] DIGITS = digits();

    private static byte[] digits() {
        byte[] table = new byte[256];
        Arrays.fill(table, (byte) -1);
        for (int d = 0; d < 16; d++) {
            table[UPPER[d]] = (byte) d;
            table[Character.toLowerCase(UPPER[d])] = (byte) d;
        }
        return table;
    }
}
