package vn.kyso.verify.report;

/** "Kyso Agent 1.2.3" from the jar manifest; "dev" when run from classes (tests, IDE). */
public final class SoftwareVersion {

    private SoftwareVersion() {
    }

    public static String text() {
        String version = SoftwareVersion.class.getPackage().getImplementationVersion();
        return "Kyso Agent " + (version == null ? "dev" : version);
    }
}
