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
     * One gated figure: the baseline's and the current run's interval (the range of their runs,
     * with n), the absolute bound the rule derived from the baseline and its slack, and the verdict.
     * A lower-is-better figure fails when the current interval's low end lies above the bound; a
     * higher-is-better one when its high end lies below it.
     *
     * @param metric       metric name, qualified where needed ({@code optimized requests_total},
     *                     {@code JMH BuffersBenchmark.pooledGetPut[size=8192] B/op})
     * @param baseline     baseline median
     * @param current      current median (NaN when the current run lacks it)
     * @param changePct    (current - baseline) / baseline × 100
     * @param tolerancePct the rule's relative slack, percent of the baseline median
     * @param kind         machine-independent figure or same-run ratio
     * @param direction    which way is better
     * @param passed       false when the current interval lies past the bound
     * @param baselineLow  lowest baseline run (min of n)
     * @param baselineHigh highest baseline run (max of n)
     * @param baselineN    baseline runs
     * @param currentLow   lowest current run
     * @param currentHigh  highest current run
     * @param currentN     current runs
     * @param bound        the absolute bound applied: the worst end of the baseline interval plus
     *                     the rule's slack (relative and absolute) in the bad direction
     * @param slack        the absolute width of that slack (bound minus the baseline's worst end)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(String metric, double baseline, double current, double changePct, double tolerancePct,
                      Kind kind, dev.regbench.reports.stats.Direction direction, boolean passed,
                      double baselineLow, double baselineHigh, int baselineN,
                      double currentLow, double currentHigh, int currentN, double bound, double slack) {

        /** A row of single figures (one run each side, no bound recorded): a gate.json of an older schema. */
        public Row(String metric, double baseline, double current, double changePct, double tolerancePct, Kind kind,
                   dev.regbench.reports.stats.Direction direction, boolean passed) {
            this(metric, baseline, current, changePct, tolerancePct, kind, direction, passed,
                    baseline, baseline, 1, current, current, 1, Double.NaN, Double.NaN);
        }
    }
}
