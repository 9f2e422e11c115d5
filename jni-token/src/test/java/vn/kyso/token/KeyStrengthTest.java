package vn.kyso.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The minimum key sizes of TT 15 Phụ lục I: RSA 2048, ECDSA 256 bits. */
class KeyStrengthTest {

    @ParameterizedTest
    @CsvSource({"RSA, 1024, false", "RSA, 2047, false", "RSA, 2048, true", "RSA, 4096, true",
        "EC, 224, false", "EC, 255, false", "EC, 256, true", "EC, 384, true", "Ed25519, 255, true"})
    void rsaFrom2048EcdsaFrom256(String algorithm, int bits, boolean strong) {
        assertEquals(strong, KeyStrength.strongEnough(algorithm, bits));
    }
}
