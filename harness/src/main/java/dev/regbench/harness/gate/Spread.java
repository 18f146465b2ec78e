package dev.regbench.harness.gate;

import dev.regbench.reports.stats.Stats;

/**
 * The interval of a gated figure over n runs: the range (lowest to highest run) and the median.
 * With the 3 to 5 runs a gate affords this is a range with its n, never called a confidence
 * interval. Immutable.
 *
 * @param n      runs
 * @param low    lowest run
 * @param median median run
 * @param high   highest run
 */
record Spread(int n, double low, double median, double high) {

    static final Spread NONE = new Spread(0, Double.NaN, Double.NaN, Double.NaN);

    static Spread of(double[] values) {
        if (values.length == 0) {
            return NONE;
        }
        return new Spread(values.length, Stats.min(values), Stats.median(values), Stats.max(values));
    }

    /** A single figure (a JMH score: JMH's own iterations are behind it). */
    static Spread single(double value) {
        return Double.isNaN(value) ? NONE : new Spread(1, value, value, value);
    }

    boolean isEmpty() {
        return n == 0;
    }
}
