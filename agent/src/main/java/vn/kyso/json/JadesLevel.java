package vn.kyso.json;

/** JAdES baseline levels (ETSI TS 119 182-1 §6) this engine produces. */
public enum JadesLevel {
    /** Protected header with the signing certificate (x5t#S256, x5c) and sigT. */
    B_B,
    /** Plus a signature time-stamp (etsiU sigTst) over the JWS Signature Value. */
    B_T,
    /** Plus every certificate (xVals) and the OCSP responses or CRLs (rVals) needed to validate it later. */
    B_LT;

    public boolean atLeast(JadesLevel other) {
        return compareTo(other) >= 0;
    }

    /** "B-LT" as written in the standard and on the wire. */
    public String label() {
        return name().replace('_', '-');
    }

    /** Parses "B-B", "B-T", "B-LT" (or the enum names); null for anything else. */
    public static JadesLevel parse(String label) {
        for (JadesLevel level : values()) {
            if (level.label().equalsIgnoreCase(label) || level.name().equalsIgnoreCase(label)) {
                return level;
            }
        }
        return null;
    }
}
