package vn.kyso.verify.report;

import java.awt.Color;

/** The verdict colours for tests in other packages (the palette itself is package-private). */
public final class ReportColoursAccess {

    public static final Color GREEN = ReportColours.GREEN;
    public static final Color RED = ReportColours.RED;
    public static final Color AMBER = ReportColours.AMBER;

    private ReportColoursAccess() {
    }
}
