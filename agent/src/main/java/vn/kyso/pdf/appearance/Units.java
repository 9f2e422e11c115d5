package vn.kyso.pdf.appearance;

/** Sizes on paper are given in millimetres (seals are specified by their real diameter); PDF works in points. */
public final class Units {

    private static final double POINTS_PER_MM = 72.0 / 25.4;

    private Units() {
    }

    public static float mm(double millimetres) {
        return (float) (millimetres * POINTS_PER_MM);
    }

    public static double toMm(double points) {
        return points / POINTS_PER_MM;
    }
}
