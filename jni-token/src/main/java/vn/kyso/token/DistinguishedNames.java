package vn.kyso.token;

import java.util.Map;
import javax.security.auth.x500.X500Principal;

/**
 * Certificate names as a person reads them. {@link X500Principal#getName()} prints every attribute RFC 2253 has no
 * keyword for as its OID and hex DER ({@code 1.2.840.113549.1.9.1=#16136c65…} for an e-mail address); the
 * attributes Vietnamese CAs put in subjects get their usual keywords here, so their values print as text.
 */
public final class DistinguishedNames {

    private static final Map<String, String> KEYWORDS = Map.of(
            "1.2.840.113549.1.9.1", "E",
            "2.5.4.12", "T",
            "2.5.4.5", "SERIALNUMBER",
            "2.5.4.42", "GIVENNAME",
            "2.5.4.4", "SURNAME",
            "2.5.4.65", "PSEUDONYM",
            "2.5.4.97", "ORGANIZATIONIDENTIFIER",
            "2.5.4.17", "POSTALCODE",
            "2.5.4.46", "DNQUALIFIER");

    private DistinguishedNames() {
    }

    /** RFC 2253 order and escaping, with text values instead of OIDs and hex for the attributes above. */
    public static String readable(X500Principal name) {
        return name.getName(X500Principal.RFC2253, KEYWORDS);
    }
}
