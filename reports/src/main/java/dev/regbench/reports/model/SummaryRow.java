package dev.regbench.reports.model;

import dev.regbench.reports.stats.Interval;
import dev.regbench.reports.stats.Stats;

/**
 * Summary statistics of one metric over the ok runs of one config. Immutable; thread-safe.
 *
 * @param config   config name
 * @param metric   metric name
 * @param median   median of the repetitions
 * @param min      smallest value
 * @param max      largest value
 * @param mean     arithmetic mean
 * @param ciLow    lower bound of the interval of the median ({@link Stats#medianInterval})
 * @param ciHigh   upper bound of that interval
 * @param n        number of repetitions summarized
 * @param coverage exact coverage of the interval (≥ 0.95 for a 95% CI; below for a range of
 *                 too few runs, e.g. 0.75 for n = 3)
 * @param method   how the interval was computed ({@code order statistics})
 */
public record SummaryRow(String config, String metric, double median, double min, double max, double mean,
                         double ciLow, double ciHigh, int n, double coverage, String method) {

    /** A row from before intervals carried their coverage: coverage unknown. */
    public SummaryRow(String config, String metric, double median, double min, double max, double mean,
                      double ciLow, double ciHigh, int n) {
        this(config, metric, median, min, max, mean, ciLow, ciHigh, n, Double.NaN, Interval.GIVEN);
    }

    /** Summarizes the values with {@link Stats} (order-statistic interval of the median). */
    public static SummaryRow of(String config, String metric, double[] values) {
        Interval ci = Stats.medianInterval(values);
        return new SummaryRow(config, metric, Stats.median(values), Stats.min(values), Stats.max(values),
                Stats.mean(values), ci.low(), ci.high(), values.length, ci.coverage(), ci.method());
    }

    /** The interval of the median, with its n, coverage and method. */
    public Interval ci() {
        return new Interval(ciLow, ciHigh, n, coverage, method);
    }
}
