package dev.regbench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.harness.gate.Gate;
import dev.regbench.harness.gate.GateRules;
import dev.regbench.harness.scenario.Scenario;
import dev.regbench.harness.scenario.ScenarioLoader;
import dev.regbench.reports.model.Comparison;
import dev.regbench.reports.model.GateReport;
import dev.regbench.reports.model.Results;
import dev.regbench.reports.model.ResultsIo;
import dev.regbench.reports.model.RunResult;
import dev.regbench.reports.stats.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner against real embedded registries on the {@code tiny} dataset: results are complete
 * and readable, an A/A run shows no difference on machine-independent figures and passes the
 * gate, and a deliberate regression (pooling off) is flagged. No timing is asserted.
 */
class ScenarioRunnerTest {

    @TempDir
    Path dir;

    private Scenario scenario(String configA, String configB) throws Exception {
        return scenario(configA, configB, 2);
    }

    private Scenario scenario(String configA, String configB, int repetitions) throws Exception {
        Files.writeString(dir.resolve("a.yaml"), configA);
        Files.writeString(dir.resolve("b.yaml"), configB);
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, "dataset: tiny\nnetwork: loopback\nconfigs: [a.yaml, b.yaml]\nwarmup: 0\nrepetitions: "
                + repetitions + "\n");
        return ScenarioLoader.load(file);
    }

    private static final String POOLED = """
            name: %s
            transport: {maxTotal: 20, maxPerHost: 10, keepAlive: true}
            replication: {tagConcurrency: 2, blobConcurrency: 2}
            """;
    private static final String UNPOOLED = """
            name: %s
            transport: {keepAlive: false}
            replication: {tagConcurrency: 2, blobConcurrency: 2}
            """;

    private Results run(Scenario s, String out) throws Exception {
        return new ScenarioRunner(RunListener.SILENT, dir).run(s, dir.resolve(out));
    }

    @Test
    void run_writesReadableResultsWithVerifiedRuns() throws Exception {
        Results r = run(scenario(POOLED.formatted("a"), UNPOOLED.formatted("b")), "out");
        Results back = ResultsIo.read(dir.resolve("out/results.json"));
        assertThat(back.runs()).hasSize(4).allMatch(RunResult::ok);
        assertThat(back.configNames()).containsExactly("a", "b");
        RunResult first = back.runs().get(0);
        assertThat(first.metrics()).containsKeys("throughput_mib_s", "requests_total", "connections_opened",
                "connection_reuse", "alloc_bytes", "heap_peak_mib", "blob_bytes_copied");
        assertThat(first.metrics().get("blob_bytes_copied")).isPositive();
        assertThat(first.latency()).containsKey("blob_get");
        // the run's latencies as an HdrHistogram interval log, one tagged interval per operation
        Path hlog = dir.resolve("out").resolve(first.hlog());
        try (var reader = new org.HdrHistogram.HistogramLogReader(hlog.toFile())) {
            java.util.Set<String> tags = new java.util.HashSet<>();
            long count = 0;
            for (var h = (org.HdrHistogram.Histogram) reader.nextIntervalHistogram(); h != null;
                    h = (org.HdrHistogram.Histogram) reader.nextIntervalHistogram()) {
                tags.add(h.getTag());
                count += h.getTotalCount();
            }
            assertThat(tags).contains("blob_get", "manifest_put");
            assertThat(count).isEqualTo(first.latency().values().stream().mapToLong(l -> l.count()).sum());
        }
        // without keep-alive every request is a connection; with the pool, far fewer
        double unpooledConnections = r.values("b", "connections_opened")[0];
        double unpooledRequests = r.values("b", "requests_total")[0];
        assertThat(unpooledConnections).isEqualTo(unpooledRequests);
        assertThat(r.values("a", "connections_opened")[0]).isLessThanOrEqualTo(20);
    }

    @Test
    void aa_run_showsNoDifferenceOnMachineIndependentFiguresAndPassesTheGate() throws Exception {
        Results first = run(scenario(POOLED.formatted("a"), POOLED.formatted("b"), dev.regbench.reports.stats.Stats.MIN_N_FOR_95), "aa");
        for (String metric : new String[] {"blob_bytes_copied", "blobs_copied", "manifests_copied", "failed_requests"}) {
            Comparison c = first.comparisonOf("a", "b", metric).orElseThrow();
            assertThat(c.verdict()).as(metric).isEqualTo(Verdict.NO_SIGNIFICANT_DIFFERENCE);
        }
        Results second = run(scenario(POOLED.formatted("a"), POOLED.formatted("b")), "aa2");
        GateReport gate = Gate.evaluate(first, "first", second, "second", GateRules.defaults());
        assertThat(gate.regressions()).isEmpty();
        assertThat(gate.passed()).isTrue();
    }

    @Test
    void gate_flagsPoolingTurnedOff() throws Exception {
        Results baseline = run(scenario(POOLED.formatted("a"), POOLED.formatted("b")), "base");
        Results regressed = run(scenario(POOLED.formatted("a"), UNPOOLED.formatted("b")), "cur");
        // 2-repetition runs: the default rules, holding baselines of fewer than 6 runs too
        GateReport gate = Gate.evaluate(baseline, "base", regressed, "cur", GateRules.defaults().stream()
                .map(rule -> rule.withMinRuns(dev.regbench.harness.gate.GateRule.MIN_RUNS)).toList());
        assertThat(gate.passed()).isFalse();
        assertThat(gate.regressions()).extracting(GateReport.Row::metric)
                .contains("b connections_opened", "b connection_reuse");
    }

    @Test
    void calibration_runsTheReferenceTwiceInterleavedAbba_andStoresTheMeasuredNoise() throws Exception {
        Scenario s = scenario(POOLED.formatted("a"), UNPOOLED.formatted("b"), 2);
        Results r = new ScenarioRunner(RunListener.SILENT, dir).calibrate(true).run(s, dir.resolve("cal"));
        // ABBA: repetition 0 runs a, a~aa, b; repetition 1 the reverse
        assertThat(r.runs()).extracting(RunResult::config).containsExactly("a", "a~aa", "b", "b", "a~aa", "a");
        assertThat(r.noise().isCalibrated()).isTrue();
        assertThat(r.noise().n()).isEqualTo(2);
        // figures that do not move between two runs of one config have no noise
        assertThat(r.noise().minEffect("blob_bytes_copied")).isZero();
        assertThat(r.noise().minEffect("requests_total")).isZero();
        // the calibration arm is not compared as a candidate; each written comparison carries its n and minimum effect
        assertThat(r.comparisons()).allMatch(c -> c.b().equals("b") && c.n() == 2);
        Comparison reqs = r.comparisonOf("a", "b", "requests_total").orElseThrow();
        assertThat(reqs.minEffect()).isZero();
        // two pairs are a range, not a 95% interval: never a verdict
        assertThat(reqs.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(ResultsIo.read(dir.resolve("cal/results.json")).noise()).isEqualTo(r.noise());
    }

    @Test
    void calibration_runsWhenTheScenarioAsks_withoutTheRunnerFlag() throws Exception {
        Scenario s = scenario(POOLED.formatted("a"), UNPOOLED.formatted("b"), 2);
        Files.writeString(s.file(), Files.readString(s.file()) + "calibrate: true\n");
        Results r = new ScenarioRunner(RunListener.SILENT, dir).run(ScenarioLoader.load(s.file()), dir.resolve("cal2"));
        assertThat(r.runs()).extracting(RunResult::config).containsExactly("a", "a~aa", "b", "b", "a~aa", "a");
        assertThat(r.noise().isCalibrated()).isTrue();
        // an explicit no (compare --no-calibrate, run --no-calibrate) overrides the scenario
        Results off = new ScenarioRunner(RunListener.SILENT, dir).calibrate(false).run(ScenarioLoader.load(s.file()), dir.resolve("cal3"));
        assertThat(off.runs()).extracting(RunResult::config).containsExactly("a", "b", "b", "a");
        assertThat(off.noise().isCalibrated()).isFalse();
    }

    @Test
    void throughput_isOnDatasetBytes_andCopiedBytesStayTheirOwnMetric() throws Exception {
        Results r = run(scenario(POOLED.formatted("a"), POOLED.formatted("b")), "tp");
        RunResult run = r.runs().get(0);
        double dataset = run.metrics().get("dataset_bytes");
        assertThat(dataset).isPositive();
        assertThat(run.metrics().get("throughput_mib_s"))
                .isCloseTo(dataset / (1024.0 * 1024.0) / run.metrics().get("wall_s"), org.assertj.core.data.Percentage.withPercentage(1e-6));
        assertThat(run.metrics()).containsKeys("blob_bytes_copied", "copy_throughput_mib_s");
    }

    @Test
    void calibration_isKeptPerNetworkProfile() {
        // loopback's A/A pairs stray 1%, wan's 20%: each profile's noise from its own pairs only
        List<Variant> variants = List.of(new Variant("a@loopback", null, dir, "loopback"),
                new Variant("a@loopback" + ScenarioRunner.CALIBRATION_SUFFIX, null, dir, "loopback"),
                new Variant("a@wan", null, dir, "wan"),
                new Variant("a@wan" + ScenarioRunner.CALIBRATION_SUFFIX, null, dir, "wan"));
        double[][] wall = {{1.00, 1.00, 1.00}, {1.00, 1.01, 0.99}, {2.0, 2.0, 2.0}, {2.0, 2.4, 1.8}};
        List<RunResult> runs = new java.util.ArrayList<>();
        for (int rep = 0; rep < 3; rep++) {
            for (int v = 0; v < variants.size(); v++) {
                runs.add(new RunResult(variants.get(v).name(), rep, true, null, Map.of("wall_s", wall[v][rep]), Map.of()));
            }
        }
        Results partial = new Results(Results.SCHEMA_VERSION, null, null, List.of(), runs, null, null, null);
        dev.regbench.reports.stats.Noise noise = ScenarioRunner.noise(partial, variants, java.util.Set.of("wall_s"));
        assertThat(noise.byNetwork()).containsOnlyKeys("loopback", "wan");
        assertThat(noise.minEffect("loopback", "wall_s")).isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(noise.minEffect("wan", "wall_s")).isCloseTo(0.20, org.assertj.core.data.Offset.offset(1e-9));
    }
}
