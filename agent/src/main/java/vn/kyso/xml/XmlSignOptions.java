package vn.kyso.xml;

import java.time.Instant;

import vn.kyso.errors.KysoException;
import vn.kyso.token.SignatureAlgorithm;

/**
 * How to make one XML signature.
 *
 * @param format           XMLDSig or XAdES
 * @param level            the XAdES level; ignored for XMLDSig
 * @param packaging        enveloped, enveloping or detached
 * @param canonicalization of SignedInfo and of the signed elements
 * @param algorithm        null for the key's first algorithm
 * @param parentXPath      enveloped only: the element the signature is appended to (exactly one must match); null for
 *                         the e-invoice's DSCKS/NBan, else the root element
 * @param referenceId      enveloped only: the Id of the element to sign; null for the e-invoice's DLHDon, else the
 *                         whole document
 * @param detachedName     detached only: the signed file's name, written as the Reference URI
 * @param mimeType         detached only: the signed file's media type for XAdES's DataObjectFormat
 * @param signingTime      the claimed signing time; null for now
 */
public record XmlSignOptions(XmlSignatureFormat format, XadesLevel level, XmlPackaging packaging,
                             XmlCanonicalization canonicalization, SignatureAlgorithm algorithm, String parentXPath,
                             String referenceId, String detachedName, String mimeType, Instant signingTime) {

    private static final int MAX_XPATH = 512;

    public XmlSignOptions {
        if (format == null || packaging == null || canonicalization == null) {
            throw new KysoException(XmlError.XML_OPTIONS_INVALID, "format, packaging and canonicalization are required");
        }
        if (format == XmlSignatureFormat.XADES && level == null) {
            level = XadesLevel.B_B;
        }
        if (packaging != XmlPackaging.ENVELOPED && (parentXPath != null || referenceId != null)) {
            throw new KysoException(XmlError.XML_OPTIONS_INVALID, "an XPath or a reference Id only applies to an "
                    + "enveloped signature");
        }
        if (parentXPath != null && (parentXPath.isBlank() || parentXPath.length() > MAX_XPATH)) {
            throw new KysoException(XmlError.XML_OPTIONS_INVALID, "the XPath must have 1 to " + MAX_XPATH
                    + " characters");
        }
        if (packaging == XmlPackaging.DETACHED && !validName(detachedName)) {
            throw new KysoException(XmlError.XML_OPTIONS_INVALID, "a detached signature needs the signed file's "
                    + "plain name (no path, no URI scheme, no '#')");
        }
    }

    /** The e-invoice's signature: enveloped XMLDSig, inclusive C14N, parent and reference found in the document. */
    public static XmlSignOptions xmldsig() {
        return new XmlSignOptions(XmlSignatureFormat.XMLDSIG, null, XmlPackaging.ENVELOPED,
                XmlCanonicalization.INCLUSIVE, null, null, null, null, null, null);
    }

    /** Enveloped XAdES at {@code level}, exclusive C14N. */
    public static XmlSignOptions xades(XadesLevel level) {
        return new XmlSignOptions(XmlSignatureFormat.XADES, level, XmlPackaging.ENVELOPED,
                XmlCanonicalization.EXCLUSIVE, null, null, null, null, null, null);
    }

    public XmlSignOptions withPackaging(XmlPackaging value) {
        return new XmlSignOptions(format, level, value, canonicalization, algorithm, parentXPath, referenceId,
                detachedName, mimeType, signingTime);
    }

    public XmlSignOptions withCanonicalization(XmlCanonicalization value) {
        return new XmlSignOptions(format, level, packaging, value, algorithm, parentXPath, referenceId, detachedName,
                mimeType, signingTime);
    }

    public XmlSignOptions withAlgorithm(SignatureAlgorithm value) {
        return new XmlSignOptions(format, level, packaging, canonicalization, value, parentXPath, referenceId,
                detachedName, mimeType, signingTime);
    }

    /** Enveloped placement: {@code xpath} for the parent, {@code id} for the signed element (either may be null). */
    public XmlSignOptions withPlacement(String xpath, String id) {
        return new XmlSignOptions(format, level, packaging, canonicalization, algorithm, xpath, id, detachedName,
                mimeType, signingTime);
    }

    /** Detached packaging of a file called {@code name} of media type {@code type} (null: octet stream). */
    public XmlSignOptions detached(String name, String type) {
        return new XmlSignOptions(format, level, XmlPackaging.DETACHED, canonicalization, algorithm, null, null, name,
                type, signingTime);
    }

    public XmlSignOptions withSigningTime(Instant value) {
        return new XmlSignOptions(format, level, packaging, canonicalization, algorithm, parentXPath, referenceId,
                detachedName, mimeType, value);
    }

    /** A relative URI of one segment: what a verifier pairs with the file given beside the signature. */
    private static boolean validName(String name) {
        return name != null && !name.isBlank() && name.length() <= 255 && !name.contains("/")
                && !name.contains("\\") && !name.contains(":") && !name.contains("#") && !name.startsWith(".")
                && name.chars().noneMatch(c -> c < 0x20);
    }
}
