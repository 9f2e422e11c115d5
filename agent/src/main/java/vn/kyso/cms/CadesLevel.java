package vn.kyso.cms;

/** CAdES baseline levels (ETSI EN 319 122-1) this engine produces for detached signatures. */
public enum CadesLevel {
    /** Signed attributes content-type, message-digest, signing-certificate-v2 and signing-time. */
    B_B,
    /** Plus a signature time-stamp (unsigned attribute) from the TSA. */
    B_T
}
