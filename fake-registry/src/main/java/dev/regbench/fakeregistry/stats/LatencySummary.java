package dev.regbench.fakeregistry.stats;

import org.HdrHistogram.Histogram;

/**
 * Latency percentiles of one route, in milliseconds, from request parsed to response done.
 * Immutable.
 *
 * <p>The fake registry's wire shape of latency (the {@code latencyByRoute} entries of the
 * {@code /_regbench/stats} answer, keys {@code p50Ms}…). Deliberately not shared with the
 * engine's {@code engine.stats.LatencySummary} or the results file's
 * {@code reports.model.LatencySummary}: the fake registry knows nothing of the engine or the
 * reports (DESIGN.md), and its JSON keys are read by clients of the stats endpoint. This is the
 * only latency summary in the fake registry.
 */
public record LatencySummary(long count, double p50Ms, double p90Ms, double p99Ms, double p999Ms, double maxMs) {

    /** No requests. */
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0);

    /** Summarises a histogram of microseconds. */
    static LatencySummary ofMicros(Histogram h) {
        if (h.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(h.getTotalCount(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
                ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
