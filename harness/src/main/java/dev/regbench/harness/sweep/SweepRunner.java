package dev.regbench.harness.sweep;

import dev.regbench.engine.config.TuningConfig;
import dev.regbench.harness.run.RunListener;
import dev.regbench.harness.run.ScenarioRunner;
import dev.regbench.harness.scenario.Scenario;
import dev.regbench.reports.model.Knee;
import dev.regbench.reports.model.Results;
import dev.regbench.reports.model.ResultsIo;
import dev.regbench.reports.model.Sweep;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code regbench sweep}: runs a scenario once per point of a {@link SweepPlan} (interleaved, like
 * any scenario), then adds the curve — medians of throughput, reuse, requests and latency per
 * point — and its knee to {@code results.json}. Not thread-safe.
 */
public final class SweepRunner {

    /** The metrics drawn against the parameter. */
    static final List<String> CURVE = List.of("throughput_mib_s", "connection_reuse", "connections_opened",
            "requests_total", "alloc_bytes_per_mib", "latency.blob_get.p99", "latency.manifest_put.p99");

    private final ScenarioRunner runner;

    public SweepRunner(RunListener listener, Path workingTree) {
        this.runner = new ScenarioRunner(listener, workingTree);
    }

    public Results run(Scenario scenario, TuningConfig base, List<SweepPlan.Param> params, Path out) throws Exception {
        SweepPlan plan = SweepPlan.create(base, params, out.resolve("configs"));
        Results results = runner.run(scenario.withConfigs(plan.files()), out);
        Results withSweep = withCurve(results, plan, scenario.networks().size() > 1 ? "@" + scenario.networks().get(0) : "");
        ResultsIo.write(withSweep, out.resolve("results.json"));
        return withSweep;
    }

    static Results withCurve(Results results, SweepPlan plan, String suffix) {
        List<Sweep.Point> points = new ArrayList<>();
        List<Double> throughput = new ArrayList<>();
        for (SweepPlan.Point p : plan.points()) {
            String config = p.name() + suffix;
            Map<String, Double> medians = new LinkedHashMap<>();
            for (String metric : CURVE) {
                results.summaryOf(config, metric).ifPresent(s -> medians.put(metric, s.median()));
            }
            throughput.add(medians.getOrDefault("throughput_mib_s", Double.NaN));
            points.add(new Sweep.Point(p.x(), config, medians));
        }
        String param = plan.params().get(0).key();
        int kneeAt = Knee.of(throughput, true);
        String knee = kneeAt < 0 ? null : points.get(kneeAt).value();
        Sweep sweep = new Sweep(param, points, knee, "throughput_mib_s");
        return results.withSweep(sweep);
    }
}
