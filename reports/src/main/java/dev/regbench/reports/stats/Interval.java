package dev.regbench.reports.stats;

/**
 * A closed interval [low, high], typically a 95% confidence interval. Immutable; thread-safe.
 *
 * @param low  lower bound
 * @param high upper bound, {@code >= low}
 */
public record Interval(double low, double high) {
    public Interval {
        if (!(low <= high) && !(Double.isNaN(low) && Double.isNaN(high))) {
            throw new IllegalArgumentException("interval low " + low + " > high " + high);
        }
    }

    /** A degenerate interval holding one value. */
    public static Interval of(double value) {
        return new Interval(value, value);
    }

    public boolean contains(double x) {
        return low <= x && x <= high;
    }

    /** Half the width relative to the given centre, e.g. 0.05 for ±5%; NaN when centre is 0. */
    public double relativeHalfWidth(double centre) {
        return centre == 0 ? Double.NaN : (high - low) / 2 / Math.abs(centre);
    }
}
