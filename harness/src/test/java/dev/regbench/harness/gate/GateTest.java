package dev.regbench.harness.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.reports.model.GateReport;
import dev.regbench.reports.model.Results;
import dev.regbench.reports.model.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gate's rules on results built in code; the command on the committed baseline is tested in
 * {@code GateCommandTest}.
 */
class GateTest {
    /** Runs per config: what the default rules need of a baseline. */
    private static final int N = GateRules.CALIBRATED_RUNS;

    private static RunResult run(String config, int rep, double throughput, double requests, double connections) {
        return run(config, rep, throughput, requests, connections, config.equals("baseline") ? 1 : 6);
    }

    private static RunResult run(String config, int rep, double throughput, double requests, double connections,
                                 double peakInflight) {
        return new RunResult(config, rep, true, null, Map.of(
                "throughput_mib_s", throughput,
                "requests_total", requests,
                "connections_opened", connections,
                "connection_reuse", 1 - connections / requests,
                "peak_inflight_per_host", peakInflight,
                "retries", 0.0,
                "failed_requests", 0.0,
                "alloc_bytes", 4.0e6 + rep * 1e5,
                "blob_bytes_copied", 28.0 * 1024 * 1024), Map.of());
    }

    private static Results results(double optimizedConnections, double speedup, boolean failOne) {
        List<RunResult> runs = new ArrayList<>();
        for (int rep = 0; rep < N; rep++) {
            runs.add(run("baseline", rep, 10 + rep * 0.1, 200, 200));
            boolean fail = failOne && rep == 1;
            runs.add(fail ? new RunResult("optimized", rep, false, "wrong digest", Map.of(), Map.of())
                    : run("optimized", rep, (10 + rep * 0.1) * speedup, 200, optimizedConnections));
        }
        return new Results(Results.SCHEMA_VERSION, null, null, List.of(), runs, null, null, null);
    }

    /** Baseline 10 MiB/s, optimized at the given speed-ups, one per repetition. */
    private static Results noisySpeedup(double[] speedups) {
        List<RunResult> runs = new ArrayList<>();
        for (int rep = 0; rep < speedups.length; rep++) {
            runs.add(run("baseline", rep, 10, 200, 200));
            runs.add(run("optimized", rep, 10 * speedups[rep], 200, 4));
        }
        return new Results(Results.SCHEMA_VERSION, null, null, List.of(), runs, null, null, null);
    }

    @Test
    void evaluate_passesARunAgainstItself() {
        Results r = results(4, 3.0, false);
        GateReport report = Gate.evaluate(r, "a", r, "a", GateRules.defaults());
        assertThat(report.passed()).isTrue();
        assertThat(report.rows()).extracting(GateReport.Row::metric)
                .contains("optimized connections_opened", "baseline requests_total", "optimized blob_bytes_copied");
    }

    @Test
    void evaluate_flagsPoolingTurnedOff() {
        GateReport report = Gate.evaluate(results(4, 3.0, false), "base", results(200, 3.0, false), "cur", GateRules.defaults());
        assertThat(report.passed()).isFalse();
        assertThat(report.regressions()).extracting(GateReport.Row::metric)
                .contains("optimized connections_opened", "optimized connection_reuse");
    }

    @Test
    void evaluate_flagsALostSpeedupButNotNoise() {
        List<GateRule> ratio = List.of(GateRule.ratio("throughput_mib_s", dev.regbench.reports.stats.Direction.HIGHER_IS_BETTER,
                "baseline", "optimized", 0.0).withMinRuns(N)); // a rules file's; not a default (GateRules#defaults says why)
        assertThat(Gate.evaluate(results(4, 3.0, false), "b", noisySpeedup(new double[] {2.1, 3.4, 2.9, 3.1, 2.6, 3.3}), "c",
                ratio).passed()).as("a current interval reaching into the baseline's passes").isTrue();
        GateReport lost = Gate.evaluate(results(4, 3.0, false), "b", results(4, 1.1, false), "c", ratio);
        assertThat(lost.regressions()).extracting(GateReport.Row::metric)
                .containsExactly("optimized/baseline throughput_mib_s ratio");
    }

    @Test
    void evaluate_aFailedRunIsARegression() {
        GateReport report = Gate.evaluate(results(4, 3.0, false), "b", results(4, 3.0, true), "c", GateRules.defaults());
        assertThat(report.regressions()).extracting(GateReport.Row::metric).contains("optimized ok_runs_fraction");
    }

    @Test
    void evaluate_aMetricTheCurrentRunLacksFails() {
        Results current = new Results(Results.SCHEMA_VERSION, null, null, List.of(), List.of(), null, null, null);
        assertThat(Gate.evaluate(results(4, 3.0, false), "b", current, "c", GateRules.defaults()).passed()).isFalse();
    }

    @Test
    void evaluate_flagsAReplicatorThatWentSequential() {
        List<RunResult> runs = new ArrayList<>();
        for (int rep = 0; rep < N; rep++) {
            runs.add(run("baseline", rep, 10, 200, 200));
            runs.add(run("optimized", rep, 30, 200, 4, 1));
        }
        Results sequential = new Results(Results.SCHEMA_VERSION, null, null, List.of(), runs, null, null, null);

        GateReport report = Gate.evaluate(results(4, 3.0, false), "b", sequential, "c", GateRules.defaults());

        assertThat(report.regressions()).extracting(GateReport.Row::metric)
                .containsExactly("optimized peak_inflight_per_host");
        GateReport.Row row = report.regressions().get(0);
        assertThat(row.bound()).as("the baseline's lowest run less 1 of slack").isEqualTo(5);
        assertThat(row.baselineN()).isEqualTo(N);
        assertThat(row.currentHigh()).isEqualTo(1);
    }

    @Test
    void evaluate_comparesIntervals_oneNoisyRunInsideTheBoundPasses() {
        List<RunResult> runs = new ArrayList<>();
        for (int rep = 0; rep < N; rep++) {
            runs.add(run("baseline", rep, 10, 200, 200));
            runs.add(run("optimized", rep, 30, rep == 0 ? 201 : 260, 4));   // one run at the bound, two far past it
        }
        Results current = new Results(Results.SCHEMA_VERSION, null, null, List.of(), runs, null, null, null);

        GateReport report = Gate.evaluate(results(4, 3.0, false), "b", current, "c", GateRules.defaults());

        assertThat(report.passed()).as("the current interval 201..260 reaches the bound 200 + 1").isTrue();
    }

    @Test
    void evaluate_aBaselineWithoutAGatedFigure_isBadInput() {
        List<RunResult> runs = new ArrayList<>();
        for (int rep = 0; rep < N; rep++) {
            runs.add(new RunResult("optimized", rep, true, null, Map.of("requests_total", 10.0), Map.of()));
        }
        Results old = new Results(Results.SCHEMA_VERSION, null, null, List.of(), runs, null, null, null);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Gate.evaluate(old, "old.json", old, "c", GateRules.defaults()))
                .isInstanceOf(GateInputException.class).hasMessageContaining("old.json").hasMessageContaining("blob_bytes_copied");
    }

    @Test
    void rule_acceptsWithinToleranceAndSlack() {
        GateRule lower = GateRule.independent("requests_total", dev.regbench.reports.stats.Direction.LOWER_IS_BETTER, 0.05, 4);
        assertThat(lower.accepts(200, 214)).isTrue();   // 10 + 4 allowed
        assertThat(lower.accepts(200, 215)).isFalse();
        assertThat(lower.accepts(200, 10)).isTrue();    // better is always fine
    }
}
