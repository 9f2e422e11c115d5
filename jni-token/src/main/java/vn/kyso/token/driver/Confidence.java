package vn.kyso.token.driver;

/** How well the public evidence backs a catalogue entry's file names and install locations. */
public enum Confidence {
    /** Vendor documentation or several independent, consistent sources. */
    HIGH,
    /** File names from vendor-published client code; install location from integrators' code. */
    MEDIUM,
    /** A single third-party source; worth probing, not worth trusting blindly. */
    LOW
}
