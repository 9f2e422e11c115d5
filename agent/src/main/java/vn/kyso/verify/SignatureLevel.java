package vn.kyso.verify;

/**
 * Baseline level a signature reaches: PAdES (ETSI EN 319 142-1) B-B, B-T, B-LT, B-LTA for PDF signatures, CAdES
 * (EN 319 122-1) B-B and B-T for detached CMS, XAdES (EN 319 132-1) B-B to B-LTA or plain W3C XMLDSig for XML;
 * NONE for a failed one.
 */
public enum SignatureLevel {
    NONE, PADES_B_B, PADES_B_T, PADES_B_LT, PADES_B_LTA, CADES_B_B, CADES_B_T, XMLDSIG, XADES_B_B, XADES_B_T,
    XADES_B_LT, XADES_B_LTA
}
