package vn.kyso.token.driver;

/** Where a candidate library came from. */
public enum DriverSource {
    /** Listed by an administrator in the agent's configuration. */
    ADMIN_CONFIG,
    /** Found at a location the built-in catalogue knows. */
    CATALOGUE
}
