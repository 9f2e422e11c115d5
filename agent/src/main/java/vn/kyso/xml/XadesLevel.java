package vn.kyso.xml;

/** XAdES baseline levels (ETSI EN 319 132-1 §6). */
public enum XadesLevel {
    /** SigningTime, SigningCertificateV2 and DataObjectFormat signed. */
    B_B,
    /** Plus a SignatureTimeStamp over the signature value. */
    B_T,
    /** Plus CertificateValues and RevocationValues for the signer's and the TSA's chains. */
    B_LT,
    /** Plus an ArchiveTimeStamp over all of it (XAdES 1.4.1), with the validation data of its own TSA. */
    B_LTA
}
