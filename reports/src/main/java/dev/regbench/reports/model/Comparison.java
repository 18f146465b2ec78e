package dev.regbench.reports.model;

import dev.regbench.reports.stats.Interval;
import dev.regbench.reports.stats.Stats;
import dev.regbench.reports.stats.Verdict;

/**
 * Config B against config A on one metric. Immutable; thread-safe.
 *
 * @param a         config name of the reference (A)
 * @param b         config name of the candidate (B)
 * @param metric    metric name
 * @param ratio     B/A: the median of the per-repetition ratios b[i]/a[i] (paired design)
 * @param ciLow     lower bound of the interval of B/A
 * @param ciHigh    upper bound of that interval
 * @param verdict   better / worse / no significant difference / insufficient data, given the
 *                  metric's direction and the minimum effect
 * @param n         number of pairs (repetitions) behind it
 * @param coverage  exact coverage of the interval (order statistics), NaN when unknown
 * @param method    {@code order statistics} (paired) or {@code bootstrap} (unpaired)
 * @param minEffect the minimum effect the verdict needed (measured noise or the default 5%)
 */
public record Comparison(String a, String b, String metric, double ratio, double ciLow, double ciHigh,
                         Verdict verdict, int n, double coverage, String method, double minEffect) {

    /** A comparison from before intervals carried their provenance. */
    public Comparison(String a, String b, String metric, double ratio, double ciLow, double ciHigh, Verdict verdict) {
        this(a, b, metric, ratio, ciLow, ciHigh, verdict, 0, Double.NaN, Interval.GIVEN, Double.NaN);
    }

    /**
     * Compares A and B on a metric with the direction from {@link Metrics}: paired when both have
     * the same length (a[i] and b[i] from repetition i), else the unpaired bootstrap (which is
     * never a 95% interval, so its verdict is "insufficient data").
     *
     * @param minEffect relative change ignored even when significant (the metric's noise)
     */
    public static Comparison of(String a, String b, String metric, double[] aValues, double[] bValues,
                                double minEffect) {
        boolean paired = aValues.length == bValues.length;
        Interval ci = paired ? Stats.pairedRatioInterval(aValues, bValues) : Stats.ratioCi(aValues, bValues);
        double ratio = paired ? Stats.pairedRatio(aValues, bValues) : Stats.ratioOfMedians(aValues, bValues);
        Verdict verdict = aValues.length < 2 || bValues.length < 2 ? Verdict.INSUFFICIENT_DATA
                : Stats.verdict(ci, Metrics.info(metric).direction(), minEffect);
        return new Comparison(a, b, metric, ratio, ci.low(), ci.high(), verdict, ci.n(), ci.coverage(), ci.method(),
                minEffect);
    }

    /** The interval of B/A with its n, coverage and method. */
    public Interval ci() {
        return new Interval(ciLow, ciHigh, n, coverage, method);
    }
}
