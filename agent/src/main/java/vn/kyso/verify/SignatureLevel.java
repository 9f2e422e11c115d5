package vn.kyso.verify;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The format level a signature carries, named as EU DSS names it (ETSI EN 319 142-1 for PAdES, EN 319 122-1 for
 * CAdES, TS 119 182-1 for JAdES): what the document holds — signed attributes, a time-stamp, validation data, an
 * archive time-stamp — decided independently of whether the signature verifies or whether anything was fetched
 * online. An {@code adbe.pkcs7.detached} signature climbs the same ladder as PKCS7-B … PKCS7-LTA; a CMS that is no
 * ETSI baseline at all (no signed attributes, or another /SubFilter) is PDF-NOT-ETSI (CMS-NOT-ETSI for a detached
 * CMS); an ETSI CMS that breaks a baseline rule is the extended PAdES-BES / PAdES-EPES / PAdES-LTV (CAdES-BES). NONE:
 * a document time-stamp, or a signature whose CMS cannot be read. A JWS (RFC 7515) without the JAdES signed
 * properties is JSON-NOT-ETSI; a JAdES signature climbs JAdES-BASELINE-B … JAdES-BASELINE-LTA.
 */
public enum SignatureLevel {
    NONE("NONE"),
    PDF_NOT_ETSI("PDF-NOT-ETSI"),
    PKCS7_B("PKCS7-B"),
    PKCS7_T("PKCS7-T"),
    PKCS7_LT("PKCS7-LT"),
    PKCS7_LTA("PKCS7-LTA"),
    PADES_B_B("PAdES-BASELINE-B"),
    PADES_B_T("PAdES-BASELINE-T"),
    PADES_B_LT("PAdES-BASELINE-LT"),
    PADES_B_LTA("PAdES-BASELINE-LTA"),
    /** Extended PAdES (EN 319 142-2) that is no baseline: e.g. a CMS signing-time attribute, or no /M. */
    PADES_BES("PAdES-BES"),
    PADES_EPES("PAdES-EPES"),
    PADES_LTV("PAdES-LTV"),
    CMS_NOT_ETSI("CMS-NOT-ETSI"),
    CADES_B_B("CAdES-BASELINE-B"),
    CADES_B_T("CAdES-BASELINE-T"),
    CADES_B_LT("CAdES-BASELINE-LT"),
    CADES_B_LTA("CAdES-BASELINE-LTA"),
    CADES_BES("CAdES-BES"),
    /** A W3C XMLDSig signature without XAdES properties (what e-invoices carry). */
    XML_NOT_ETSI("XML-NOT-ETSI"),
    XADES_B_B("XAdES-BASELINE-B"),
    XADES_B_T("XAdES-BASELINE-T"),
    XADES_B_LT("XAdES-BASELINE-LT"),
    XADES_B_LTA("XAdES-BASELINE-LTA"),
    /** A JWS without JAdES header parameters. */
    JSON_NOT_ETSI("JSON-NOT-ETSI"),
    JADES_B_B("JAdES-BASELINE-B"),
    JADES_B_T("JAdES-BASELINE-T"),
    JADES_B_LT("JAdES-BASELINE-LT"),
    JADES_B_LTA("JAdES-BASELINE-LTA");

    private final String etsiName;

    SignatureLevel(String etsiName) {
        this.etsiName = etsiName;
    }

    /** The name EU DSS prints for this level ("PAdES-BASELINE-LT", "PKCS7-T", "PDF-NOT-ETSI" …); the JSON value. */
    @JsonValue
    public String etsiName() {
        return etsiName;
    }

    /** The rung of the B → T → LT → LTA ladder: 0 for B, 3 for LTA; -1 for the levels outside the ladder. */
    public int rung() {
        return switch (this) {
            case PKCS7_B, PADES_B_B, CADES_B_B, JADES_B_B, XADES_B_B -> 0;
            case PKCS7_T, PADES_B_T, CADES_B_T, JADES_B_T, XADES_B_T -> 1;
            case PKCS7_LT, PADES_B_LT, CADES_B_LT, JADES_B_LT, XADES_B_LT -> 2;
            case PKCS7_LTA, PADES_B_LTA, CADES_B_LTA, JADES_B_LTA, XADES_B_LTA -> 3;
            default -> -1;
        };
    }
}
