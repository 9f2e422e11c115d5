package vn.kyso.verify.report;

import java.awt.Color;

import vn.kyso.verify.Indication;

/** Green accept, red refuse, amber undecided: the same in the PDF and the HTML page. */
final class ReportColours {

    static final Color GREEN = new Color(0x1B, 0x7D, 0x3A);
    static final Color RED = new Color(0xC6, 0x28, 0x28);
    static final Color AMBER = new Color(0xB8, 0x6E, 0x00);
    static final Color HEADER = new Color(0xEE, 0xEE, 0xEE);
    static final Color GRID = new Color(0x99, 0x99, 0x99);

    private ReportColours() {
    }

    static Color of(Verdict.Kind kind) {
        return switch (kind) {
            case ACCEPT -> GREEN;
            case REFUSE -> RED;
            case UNDECIDED -> AMBER;
        };
    }

    static Color of(Indication indication) {
        return of(Verdict.Kind.of(indication));
    }

    static String hex(Color color) {
        return String.format("#%02x%02x%02x", color.getRed(), color.getGreen(), color.getBlue());
    }
}
