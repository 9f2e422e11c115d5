package vn.kyso.token.driver;

/** What became of one candidate library. */
public enum DriverState {
    /** Loaded and initialised in the agent's process. */
    LOADED,
    /** Loading or C_Initialize failed in the agent's process; the agent carries on without it. */
    FAILED,
    /** Not in the catalogue and its probe failed, so it was never loaded into the agent's process. */
    SKIPPED_PROBE_FAILED
}
