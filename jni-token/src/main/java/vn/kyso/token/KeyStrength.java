package vn.kyso.token;

/**
 * The minimum key sizes of the regulations (TT 15 Phụ lục I; ETSI TS 119 312): RSA 2048 bits, ECDSA 256 bits. The
 * one home of this rule: the token refuses to sign with a shorter key, and the verifier's algorithm-strength check
 * rates a signature made with one.
 */
public final class KeyStrength {

    public static final int MIN_RSA_BITS = 2048;
    public static final int MIN_EC_BITS = 256;

    private KeyStrength() {
    }

    /**
     * @param keyAlgorithm the JCA key algorithm, {@code RSA} or {@code EC}; other kinds have no size rule here
     * @param bits         the modulus length (RSA) or the order of the curve's base point (EC)
     */
    public static boolean strongEnough(String keyAlgorithm, int bits) {
        return switch (keyAlgorithm) {
            case "RSA" -> bits >= MIN_RSA_BITS;
            case "EC" -> bits >= MIN_EC_BITS;
            default -> true;
        };
    }
}
