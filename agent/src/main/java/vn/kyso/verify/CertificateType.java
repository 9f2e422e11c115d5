package vn.kyso.verify;

import java.util.List;

/** Personal certificate of an official, or the organisation's "con dấu" certificate. */
public enum CertificateType {
    PERSONAL, ORGANISATION;

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
