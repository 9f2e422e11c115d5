package vn.kyso.token;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKG_MGF1_SHA256;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKG_MGF1_SHA384;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKG_MGF1_SHA512;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_SHA256;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_SHA384;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_SHA512;

import java.util.HexFormat;

/** Digests the token layer signs. SHA-1 is deliberately absent: the regulations forbid it for new signatures. */
public enum DigestAlgorithm {
    SHA256("SHA-256", 32, "3031300d060960864801650304020105000420", CKM_SHA256, CKG_MGF1_SHA256),
    SHA384("SHA-384", 48, "3041300d060960864801650304020205000430", CKM_SHA384, CKG_MGF1_SHA384),
    SHA512("SHA-512", 64, "3051300d060960864801650304020305000440", CKM_SHA512, CKG_MGF1_SHA512);

    private final String jcaName;
    private final int length;
    private final byte[] digestInfoPrefix;
    private final long pkcs11Mechanism;
    private final long pkcs11Mgf;

    DigestAlgorithm(String jcaName, int length, String digestInfoPrefixHex, long pkcs11Mechanism, long pkcs11Mgf) {
        this.jcaName = jcaName;
        this.length = length;
        this.digestInfoPrefix = HexFormat.of().parseHex(digestInfoPrefixHex);
        this.pkcs11Mechanism = pkcs11Mechanism;
        this.pkcs11Mgf = pkcs11Mgf;
    }

    public String jcaName() {
        return jcaName;
    }

    public int length() {
        return length;
    }

    long pkcs11Mechanism() {
        return pkcs11Mechanism;
    }

    long pkcs11Mgf() {
        return pkcs11Mgf;
    }

    /** DER DigestInfo (RFC 8017 §9.2) for CKM_RSA_PKCS, which many tokens need because they lack hash-and-sign. */
    byte[] digestInfo(byte[] digest) {
        byte[] out = new byte[digestInfoPrefix.length + digest.length];
        System.arraycopy(digestInfoPrefix, 0, out, 0, digestInfoPrefix.length);
        System.arraycopy(digest, 0, out, digestInfoPrefix.length, digest.length);
        return out;
    }
}
