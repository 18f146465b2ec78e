package dev.regbench.reports.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The outcome of {@code regbench gate}: each gated metric against the baseline, and the
 * overall pass/fail. Written to {@code gate/gate.json}. Immutable; thread-safe.
 *
 * @param schemaVersion {@value Results#SCHEMA_VERSION}
 * @param baseline      path of the baseline file compared against
 * @param current       path of the current results
 * @param date          ISO-8601 instant of the gate run
 * @param passed        true when every row passed
 * @param rows          one row per gated figure
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GateReport(int schemaVersion, String baseline, String current, String date, boolean passed,
                         List<Row> rows) {
    public GateReport {
        rows = rows == null ? List.of() : List.copyOf(rows);
    }

    /** The rows that failed. */
    public List<Row> regressions() {
        return rows.stream().filter(r -> !r.passed()).toList();
    }

    /** How a gated figure is compared. */
    public enum Kind {
        /** A figure independent of machine speed (requests, connections, bytes/op), compared across runs. */
        MACHINE_INDEPENDENT,
        /** A ratio of two configs measured in the same run (optimized vs baseline speed-up). */
        SAME_RUN_RATIO
    }

    /**
     * One gated figure.
     *
     * @param metric       metric name, qualified where needed ({@code optimized/requests_total},
     *                     {@code jmh:BufferBenchmark.pooled:gc.alloc.rate.norm})
     * @param baseline     baseline value
     * @param current      current value
     * @param changePct    (current - baseline) / baseline × 100
     * @param tolerancePct allowed change in the bad direction, percent
     * @param kind         machine-independent figure or same-run ratio
     * @param direction    which way is better
     * @param passed       false when the change is worse than the tolerance
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(String metric, double baseline, double current, double changePct, double tolerancePct,
                      Kind kind, dev.regbench.reports.stats.Direction direction, boolean passed) {
    }
}
