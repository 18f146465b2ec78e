package dev.regbench.engine.stats;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.HdrHistogram.Histogram;

/**
 * Latency percentiles of one operation type, in milliseconds. Immutable.
 *
 * <p>The engine's wire shape of latency ({@link TransferStatsSnapshot}'s JSON, keys
 * {@code p50_ms}…, rounded to 0.01 ms). Deliberately not shared: the engine depends on no other
 * module (DESIGN.md), so the fake registry's {@code fakeregistry.stats.LatencySummary} (its
 * {@code /_regbench/stats} answer) and the results file's {@code reports.model.LatencySummary}
 * are separate records; the harness converts this one to the results file's directly
 * ({@code OneRun.latency}). This is the only latency summary in the engine.
 *
 * @param count requests recorded
 */
public record LatencySummary(
        @JsonProperty("count") long count,
        @JsonProperty("p50_ms") double p50Ms,
        @JsonProperty("p90_ms") double p90Ms,
        @JsonProperty("p99_ms") double p99Ms,
        @JsonProperty("p999_ms") double p999Ms,
        @JsonProperty("max_ms") double maxMs) {

    static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0);

    /** Summarises a histogram whose values are microseconds. */
    static LatencySummary ofMicros(Histogram h) {
        if (h.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(h.getTotalCount(),
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
                ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
    }

    private static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0; // 0.01 ms resolution is plenty for a report
    }
}
