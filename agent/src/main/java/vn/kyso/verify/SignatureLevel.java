package vn.kyso.verify;

/** PAdES baseline level a signature reaches (ETSI EN 319 142-1): B-B, B-T, B-LT, B-LTA; NONE for a failed one. */
public enum SignatureLevel {
    NONE, PADES_B_B, PADES_B_T, PADES_B_LT, PADES_B_LTA
}
