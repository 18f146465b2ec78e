package dev.regbench.reports.model;

import dev.regbench.reports.stats.Interval;
import dev.regbench.reports.stats.Stats;
import dev.regbench.reports.stats.Verdict;

/**
 * Config B against config A on one metric. Immutable; thread-safe.
 *
 * @param a       config name of the reference (A)
 * @param b       config name of the candidate (B)
 * @param metric  metric name
 * @param ratio   median(B) / median(A)
 * @param ciLow   lower bound of the 95% bootstrap interval of the ratio
 * @param ciHigh  upper bound of that interval
 * @param verdict better / worse / no significant difference, given the metric's direction
 */
public record Comparison(String a, String b, String metric, double ratio, double ciLow, double ciHigh,
                         Verdict verdict) {

    /**
     * Compares the values of A and B with {@link Stats} and the direction from {@link Metrics}.
     *
     * @param minEffect relative change ignored even when significant (0 = none)
     */
    public static Comparison of(String a, String b, String metric, double[] aValues, double[] bValues,
                                double minEffect) {
        Interval ci = Stats.ratioCi(aValues, bValues);
        Verdict verdict = Stats.compare(aValues, bValues, Metrics.info(metric).direction(), minEffect);
        return new Comparison(a, b, metric, Stats.ratioOfMedians(aValues, bValues), ci.low(), ci.high(), verdict);
    }

    public Interval ci() {
        return new Interval(ciLow, ciHigh);
    }
}
