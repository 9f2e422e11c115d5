package vn.kyso.pdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The gap's hex, read and written without a detour through text, means what {@link HexFormat} says it means. */
class HexTest {

    @Test
    void agreesWithHexFormatBothWaysForEveryByteValue() {
        byte[] data = new byte[4096];
        new Random(17).nextBytes(data);
        for (int b = 0; b < 256; b++) {
            data[b] = (byte) b;
        }
        byte[] upper = Hex.encodeUpper(data);
        assertArrayEquals(HexFormat.of().withUpperCase().formatHex(data).getBytes(StandardCharsets.US_ASCII), upper);
        assertArrayEquals(data, Hex.decode(upper, 0, upper.length));
        byte[] lower = ("<" + HexFormat.of().formatHex(data) + ">").getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(data, Hex.decode(lower, 1, lower.length - 2));
    }

    @Test
    void knowsTheHexDigitsAmongAllByteValuesAsCharacterDigitDoes() {
        for (int b = 0; b < 256; b++) {
            assertEquals(Character.digit((char) b, 16) >= 0 && b < 128, Hex.isDigit((byte) b), "byte " + b);
        }
    }

    @Test
    void refusesAnOddCountAndAnythingButHexDigits() {
        assertThrows(IllegalArgumentException.class, () -> Hex.decode("0A0".getBytes(StandardCharsets.US_ASCII), 0, 3));
        for (String bad : new String[] {"0G", "0 ", "0\n", "+1", "0x", "\u00c0A"}) {
            byte[] text = bad.getBytes(StandardCharsets.ISO_8859_1);
            assertThrows(IllegalArgumentException.class, () -> Hex.decode(text, 0, text.length), bad);
        }
    }
}
