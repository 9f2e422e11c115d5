package vn.kyso.bench;

import java.util.List;
import java.util.stream.Collectors;

/** Medians and the "met / not met" lines every benchmark of issue 17 prints against its target. */
final class Stats {

    private Stats() {
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    static String list(List<Double> values) {
        return values.stream().map(v -> String.format("%.0f", v)).collect(Collectors.joining(", "));
    }

    /** A figure that must stay below {@code limit}, beside its baseline from the same run. */
    static void target(String what, double value, String unit, double limit, double baseline) {
        System.out.printf("TARGET %-52s %9.1f %-3s (baseline %9.1f; target < %s %s): %s%n", what, value, unit,
                baseline, trim(limit), unit, value < limit ? "met" : "NOT met");
    }

    /** A ratio against a baseline that must stay at or below {@code limit}. */
    static void ratioAtMost(String what, double ratio, double limit) {
        System.out.printf("TARGET %-52s %9.3f     (target <= %s): %s%n", what, ratio, trim(limit),
                ratio <= limit ? "met" : "NOT met");
    }

    /** A ratio against a baseline that must reach at least {@code limit}. */
    static void ratioAtLeast(String what, double ratio, double limit) {
        System.out.printf("TARGET %-52s %9.1f x   (target >= %s x): %s%n", what, ratio, trim(limit),
                ratio >= limit ? "met" : "NOT met");
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
