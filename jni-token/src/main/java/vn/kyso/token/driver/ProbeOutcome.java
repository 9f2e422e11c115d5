package vn.kyso.token.driver;

/** How a probe of a token library ended. */
public enum ProbeOutcome {
    /** Loaded, initialised, answered C_GetInfo and C_GetSlotList, finalised. */
    OK,
    /** The file could not be loaded as a PKCS#11 library (not a library, wrong architecture, no C_GetFunctionList). */
    LOAD_FAILED,
    /** Loaded, but C_Initialize (or the calls right after it) returned an error. */
    INIT_FAILED,
    /** The probe process died without answering: the library crashed it. */
    CRASHED,
    /** The probe process did not answer in time and was killed. */
    TIMED_OUT
}
