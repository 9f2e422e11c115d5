package vn.kyso.names.two;

/** A fixture for ClassNamesTest: shares its simple name with {@code names.one.Twin}. */
public enum Twin {
    VI, EN
}
