package vn.kyso.verify;

/** Where the revocation evidence used for a certificate came from. */
public enum RevocationSource {
    EMBEDDED_OCSP, EMBEDDED_CRL, ONLINE_OCSP, ONLINE_CRL, NONE
}
