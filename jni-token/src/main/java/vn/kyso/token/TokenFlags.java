package vn.kyso.token;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_LOGIN_REQUIRED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_PROTECTED_AUTHENTICATION_PATH;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_USER_PIN_COUNT_LOW;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_USER_PIN_FINAL_TRY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_USER_PIN_LOCKED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_USER_PIN_TO_BE_CHANGED;

/** The token flags that matter to a person holding the token. */
public record TokenFlags(boolean loginRequired, boolean protectedAuthenticationPath, boolean pinCountLow,
                         boolean pinFinalTry, boolean pinLocked, boolean pinToBeChanged) {

    public static TokenFlags of(long ckFlags) {
        return new TokenFlags(
                (ckFlags & CKF_LOGIN_REQUIRED) != 0,
                (ckFlags & CKF_PROTECTED_AUTHENTICATION_PATH) != 0,
                (ckFlags & CKF_USER_PIN_COUNT_LOW) != 0,
                (ckFlags & CKF_USER_PIN_FINAL_TRY) != 0,
                (ckFlags & CKF_USER_PIN_LOCKED) != 0,
                (ckFlags & CKF_USER_PIN_TO_BE_CHANGED) != 0);
    }
}
