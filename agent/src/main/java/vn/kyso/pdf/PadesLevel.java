package vn.kyso.pdf;

/** PAdES baseline levels (ETSI EN 319 142-1), lowest first. */
public enum PadesLevel {
    /** Signature, signer certificate reference, claimed signing time in /M. */
    B_B,
    /** Plus a signature time-stamp from a TSA: the signature provably existed at that time. */
    B_T,
    /** Plus certificates and OCSP/CRL in the document's /DSS, so it can be verified after the CA is gone. */
    B_LT,
    /** Plus a document time-stamp over everything, so the evidence can be renewed before its algorithms weaken. */
    B_LTA;

    public boolean atLeast(PadesLevel other) {
        return compareTo(other) >= 0;
    }
}
