package vn.kyso.verify;

import java.util.List;

/** Personal certificate of an official, or the organisation's "con dấu" certificate. */
public enum CertificateType {
    PERSONAL, ORGANISATION;

    /** The type of a certificate by the rule below; the API's {@code usage} of a token's certificate. */
    public static CertificateType of(java.security.cert.X509Certificate certificate) {
        return Certificates.describe(certificate).certificateType();
    }

    /**
     * Organisation when the subject CN equals O (the agency's own name) or its UID is a budget-unit code (MNS:) or
     * a tax code (MST:), which VGCA and the public CAs put in organisation certificates only.
     */
    public static CertificateType of(String commonName, String organisation, List<String> uids) {
        if (commonName != null && commonName.equals(organisation)) {
            return ORGANISATION;
        }
        for (String uid : uids) {
            String upper = uid.trim().toUpperCase(java.util.Locale.ROOT);
            if (upper.startsWith("MNS:") || upper.startsWith("MST:")) {
                return ORGANISATION;
            }
        }
        return PERSONAL;
    }
}
