package dev.regbench.reports.model;

import dev.regbench.reports.stats.Interval;
import dev.regbench.reports.stats.Stats;

/**
 * Summary statistics of one metric over the ok runs of one config. Immutable; thread-safe.
 *
 * @param config config name
 * @param metric metric name
 * @param median median of the repetitions
 * @param min    smallest value
 * @param max    largest value
 * @param mean   arithmetic mean
 * @param ciLow  lower bound of the 95% bootstrap confidence interval of the median
 * @param ciHigh upper bound of that interval
 * @param n      number of repetitions summarized
 */
public record SummaryRow(String config, String metric, double median, double min, double max, double mean,
                         double ciLow, double ciHigh, int n) {

    /** Summarizes the values with {@link Stats} (default bootstrap settings). */
    public static SummaryRow of(String config, String metric, double[] values) {
        Interval ci = Stats.medianCi(values);
        return new SummaryRow(config, metric, Stats.median(values), Stats.min(values), Stats.max(values),
                Stats.mean(values), ci.low(), ci.high(), values.length);
    }

    public Interval ci() {
        return new Interval(ciLow, ciHigh);
    }
}
