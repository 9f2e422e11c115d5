package vn.kyso.verify;

/** A certificate's revocation status as of the signing time. */
public enum RevocationStatus {
    GOOD, REVOKED, UNKNOWN, NOT_CHECKED
}
