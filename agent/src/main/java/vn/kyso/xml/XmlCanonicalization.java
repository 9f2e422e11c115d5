package vn.kyso.xml;

import org.apache.xml.security.c14n.Canonicalizer;

/** The canonicalization of SignedInfo and of every signed element; both forms are done by Santuario. */
public enum XmlCanonicalization {
    /** Canonical XML 1.0 (what the Tax Department's e-invoice samples use). */
    INCLUSIVE(Canonicalizer.ALGO_ID_C14N_OMIT_COMMENTS),
    /** Exclusive XML Canonicalization 1.0: robust when the signed element is moved into another document. */
    EXCLUSIVE(Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);

    private final String uri;

    XmlCanonicalization(String uri) {
        this.uri = uri;
    }

    public String uri() {
        return uri;
    }
}
