package dev.regbench.reports.model;

import org.HdrHistogram.AbstractHistogram;

/**
 * Latency percentiles of one operation type in one run, in milliseconds. Immutable; thread-safe.
 *
 * <p>The results file's shape (keys {@code p50}, {@code p90}…), which every reader of results
 * uses. The engine and the fake registry each have their own wire record (they may depend on no
 * other module); the harness converts the engine's into this one, and nothing else converts.
 *
 * @param count number of recorded operations
 * @param p50   median, ms
 * @param p90   90th percentile, ms
 * @param p99   99th percentile, ms
 * @param p999  99.9th percentile, ms
 * @param max   maximum, ms
 */
public record LatencySummary(long count, double p50, double p90, double p99, double p999, double max) {

    /** Percentile labels in the order of {@link #values()}. */
    public static final java.util.List<String> LABELS = java.util.List.of("p50", "p90", "p99", "p99.9", "max");

    /**
     * Summarizes an HdrHistogram whose values are in the given unit.
     *
     * @param unitsPerMs how many histogram units make a millisecond (1_000_000 for nanoseconds,
     *                   1000 for microseconds)
     */
    public static LatencySummary of(AbstractHistogram h, double unitsPerMs) {
        return new LatencySummary(h.getTotalCount(),
                h.getValueAtPercentile(50) / unitsPerMs,
                h.getValueAtPercentile(90) / unitsPerMs,
                h.getValueAtPercentile(99) / unitsPerMs,
                h.getValueAtPercentile(99.9) / unitsPerMs,
                h.getMaxValue() / unitsPerMs);
    }

    /** p50, p90, p99, p99.9, max in that order. */
    public double[] values() {
        return new double[] {p50, p90, p99, p999, max};
    }
}
