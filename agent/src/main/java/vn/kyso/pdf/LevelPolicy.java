package vn.kyso.pdf;

/** What to do when the TSA or the revocation services cannot be reached. */
public enum LevelPolicy {
    /** Sign anyway at the highest level reached and say so in the result's warnings. */
    BEST_EFFORT,
    /** Fail with TIMESTAMP_REQUIRED_UNAVAILABLE or REVOCATION_DATA_UNAVAILABLE. */
    STRICT
}
