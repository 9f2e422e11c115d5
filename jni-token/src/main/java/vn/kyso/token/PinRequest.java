package vn.kyso.token;

/**
 * What the PIN dialog must show.
 *
 * @param certificateSubject the certificate about to be used, or null for a plain token login
 * @param purpose            LOGIN for the token session, CONTEXT_SPECIFIC for a key that demands its PIN each time
 * @param warning            shown before the PIN is typed, so a person on the last try can stop
 */
public record PinRequest(TokenInfo token, String certificateSubject, Purpose purpose, Warning warning,
                         boolean protectedAuthenticationPath) {

    public enum Purpose { LOGIN, CONTEXT_SPECIFIC }

    public enum Warning {
        NONE,
        /** The token says an earlier PIN was wrong (CKF_USER_PIN_COUNT_LOW). */
        COUNT_LOW,
        /** One wrong PIN more locks the token (CKF_USER_PIN_FINAL_TRY). */
        FINAL_TRY
    }
}
