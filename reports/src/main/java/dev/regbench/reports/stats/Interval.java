package dev.regbench.reports.stats;

import java.util.Locale;

/**
 * A closed interval [low, high] around an estimate, with what it is worth: how many values it
 * came from, its coverage and the method. Immutable; thread-safe.
 *
 * <p>Only an interval whose {@code coverage} is at least the confidence asked for (95% by
 * default, {@link Stats#DEFAULT_CONFIDENCE}) is a confidence interval; one from too few values
 * (for a median, n &lt; 6) is a <em>range</em> and is labelled so by {@link #label()}. An
 * interval built with the two-argument constructor has unknown provenance ({@code n = 0},
 * coverage NaN, method {@link #GIVEN}): callers that make one state what it is themselves.
 *
 * @param low      lower bound
 * @param high     upper bound, {@code >= low}
 * @param n        number of values (or pairs) it was computed from; 0 when unknown
 * @param coverage the probability that an interval made this way covers the true value
 *                 (exact for order statistics); NaN when not known (bootstrap, given)
 * @param method   how it was computed: {@link #ORDER_STATISTICS}, {@link #BOOTSTRAP}, {@link #GIVEN}
 */
public record Interval(double low, double high, int n, double coverage, String method) {
    /** Distribution-free interval of the median from order statistics (binomial, as benchstat). */
    public static final String ORDER_STATISTICS = "order statistics";
    /** Percentile bootstrap: coverage not known for small n. */
    public static final String BOOTSTRAP = "bootstrap";
    /**
     * Ratio of two unpaired medians: the ratio of the bounds of each median's order-statistic
     * interval, each at 1 - α/2 (Bonferroni). Its coverage is a lower bound, not exact.
     */
    public static final String BOUND_RATIO = "bound ratio of two order-statistic median intervals (Bonferroni)";
    /** Given by the caller (e.g. JMH's score ± error). */
    public static final String GIVEN = "given";

    public Interval {
        if (!(low <= high) && !(Double.isNaN(low) && Double.isNaN(high))) {
            throw new IllegalArgumentException("interval low " + low + " > high " + high);
        }
        method = method == null ? GIVEN : method;
    }

    /** An interval of unknown provenance (n 0, coverage NaN, method "given"). */
    public Interval(double low, double high) {
        this(low, high, 0, Double.NaN, GIVEN);
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

    /**
     * True when this interval may be called a {@code confidence} interval: its coverage is known
     * and at least {@code confidence}, or it was given by a caller who vouches for it.
     */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isConfidenceInterval(double confidence) {
        return method.equals(GIVEN) ? !Double.isNaN(low) : coverage >= confidence;
    }

    /** {@link #isConfidenceInterval(double)} at {@link Stats#DEFAULT_CONFIDENCE}. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isConfidenceInterval() {
        return isConfidenceInterval(Stats.DEFAULT_CONFIDENCE);
    }

    /**
     * What to print beside the bounds: {@code "95% CI, n=6, order statistics (exact coverage
     * 96.9%)"}, or for too few values {@code "range of n=3 (min–max, covers the median 75.0% of
     * the time; not a 95% CI)"}.
     */
    public String label() {
        if (method.equals(GIVEN)) {
            return "interval (given)";
        }
        String exact = method.equals(BOUND_RATIO) ? "coverage at least" : "exact coverage";
        if (isConfidenceInterval()) {
            return String.format(Locale.ROOT, "%.0f%% CI, n=%d, %s (%s %.1f%%)",
                    Stats.DEFAULT_CONFIDENCE * 100, n, method, exact, coverage * 100);
        }
        if (Double.isNaN(coverage)) {
            return String.format(Locale.ROOT, "range, n=%d, %s (coverage unknown; not a CI)", n, method);
        }
        if (method.equals(BOUND_RATIO)) {
            return String.format(Locale.ROOT, "range of n=%d (%s, covers the ratio at least %.1f%% of the time; not a %.0f%% CI)",
                    n, method, coverage * 100, Stats.DEFAULT_CONFIDENCE * 100);
        }
        return String.format(Locale.ROOT, "range of n=%d (%s, covers the median %.1f%% of the time; not a %.0f%% CI)",
                n, method, coverage * 100, Stats.DEFAULT_CONFIDENCE * 100);
    }
}
