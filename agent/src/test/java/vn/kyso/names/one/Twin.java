package vn.kyso.names.one;

/** A fixture for ClassNamesTest: shares its simple name with {@code names.two.Twin}. */
public final class Twin {
    private Twin() {
    }
}
