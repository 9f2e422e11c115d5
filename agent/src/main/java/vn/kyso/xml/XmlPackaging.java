package vn.kyso.xml;

/** Where the signature sits relative to what it signs (XMLDSig §2, ETSI EN 319 132-1 §4). */
public enum XmlPackaging {
    /** Inside the signed document, under a chosen parent; the enveloped-signature transform removes it again. */
    ENVELOPED,
    /** The signed XML is carried inside the signature, in a ds:Object. */
    ENVELOPING,
    /** The signature is a document of its own; the signed file is referenced by name and kept beside it. */
    DETACHED
}
