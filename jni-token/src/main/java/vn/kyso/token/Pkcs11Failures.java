package vn.kyso.token;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_DEVICE_ERROR;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_DEVICE_MEMORY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_DEVICE_REMOVED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_KEY_FUNCTION_NOT_PERMITTED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_KEY_TYPE_INCONSISTENT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_MECHANISM_INVALID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_MECHANISM_PARAM_INVALID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_SESSION_CLOSED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_SESSION_HANDLE_INVALID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_TOKEN_NOT_PRESENT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_TOKEN_NOT_RECOGNIZED;

import java.util.Map;

import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.TokenException;

import vn.kyso.errors.KysoException;

/** Maps PKCS#11 return values to the layer's stable errors. */
final class Pkcs11Failures {

    private Pkcs11Failures() {
    }

    static long ckr(TokenException e) {
        return e instanceof PKCS11Exception p ? p.getErrorCode() : -1;
    }

    static String name(TokenException e) {
        return e instanceof PKCS11Exception p ? p.getErrorName() : e.getClass().getSimpleName();
    }

    /** The token or its session is gone: the person pulled it out, or the reader reset. */
    static boolean isRemoval(TokenException e) {
        long ckr = ckr(e);
        return ckr == CKR_DEVICE_REMOVED || ckr == CKR_TOKEN_NOT_PRESENT || ckr == CKR_SESSION_HANDLE_INVALID
                || ckr == CKR_SESSION_CLOSED || ckr == CKR_TOKEN_NOT_RECOGNIZED;
    }

    static KysoException toKyso(TokenException e, TokenInfo token) {
        long ckr = ckr(e);
        Map<String, Object> details = Map.of("pkcs11", name(e), "token", token.label());
        if (isRemoval(e)) {
            return new KysoException(TokenError.TOKEN_REMOVED, details, e);
        }
        if (ckr == CKR_DEVICE_ERROR || ckr == CKR_DEVICE_MEMORY) {
            return new KysoException(TokenError.DEVICE_ERROR, details, e, name(e));
        }
        if (ckr == CKR_MECHANISM_INVALID || ckr == CKR_MECHANISM_PARAM_INVALID || ckr == CKR_KEY_TYPE_INCONSISTENT
                || ckr == CKR_KEY_FUNCTION_NOT_PERMITTED) {
            return new KysoException(TokenError.MECHANISM_UNSUPPORTED, details, e, name(e));
        }
        return new KysoException(TokenError.TOKEN_ERROR, details, e, name(e));
    }
}
