package vn.kyso.verify;

/**
 * Baseline level a signature reaches: PAdES (ETSI EN 319 142-1) B-B, B-T, B-LT, B-LTA for PDF signatures, CAdES
 * (EN 319 122-1) B-B and B-T for detached CMS, a plain JWS (RFC 7515) and JAdES (TS 119 182-1) B-B, B-T, B-LT for
 * JSON signatures; NONE for a failed one.
 */
public enum SignatureLevel {
    NONE, PADES_B_B, PADES_B_T, PADES_B_LT, PADES_B_LTA, CADES_B_B, CADES_B_T, JWS, JADES_B_B, JADES_B_T, JADES_B_LT
}
