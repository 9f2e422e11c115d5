package vn.kyso.xml;

/** W3C XMLDSig alone (what e-invoices and declarations use), or XAdES baseline (ETSI EN 319 132-1). */
public enum XmlSignatureFormat {
    XMLDSIG,
    XADES
}
