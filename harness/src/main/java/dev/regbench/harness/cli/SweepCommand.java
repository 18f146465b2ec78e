package dev.regbench.harness.cli;

import dev.regbench.engine.config.TuningConfig;
import dev.regbench.harness.run.ScenarioRunner;
import dev.regbench.harness.scenario.Scenario;
import dev.regbench.harness.sweep.SweepPlan;
import dev.regbench.harness.sweep.SweepRunner;
import dev.regbench.reports.model.Results;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code regbench sweep --scenario S --param key=v1,v2,…}: a metric curve against one or two config keys. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Sweep one or two config keys over values; print throughput, reuse and latency per value, and the knee.")
final class SweepCommand implements Callable<Integer> {

    @Option(names = "--scenario", required = true, description = "Scenario file or built-in name.")
    String scenario;

    @Option(names = "--param", required = true, paramLabel = "KEY=V1,V2,…",
            description = "Config key and values, e.g. replication.tagConcurrency=1,2,4,8 (once or twice).")
    List<String> params;

    @Option(names = "--base", paramLabel = "CONFIG", description = "Config the sweep starts from. Default: ${DEFAULT-VALUE}.")
    String base = "optimized";

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder. Default: target/regbench/sweeps/<key>.")
    Path out;

    @Option(names = "--repetitions", description = "Override the scenario's repetitions.")
    Integer repetitions;

    @Override
    public Integer call() throws Exception {
        Scenario s = Workspace.scenario(scenario);
        if (repetitions != null) {
            s = s.withRepetitions(s.warmup(), repetitions);
        }
        List<SweepPlan.Param> parsed = params.stream().map(SweepPlan.Param::parse).toList();
        TuningConfig baseConfig = TuningConfig.load(Workspace.config(base));
        String key = parsed.get(0).key();
        Path dir = out != null ? out : Workspace.root().resolve("target/regbench/sweeps").resolve(key.substring(key.lastIndexOf('.') + 1));
        Results r = new SweepRunner(new ConsoleListener(System.err), Workspace.root()).run(s, baseConfig, parsed, dir);
        System.out.println();
        System.out.print(Tables.sweep(r.sweep()));
        System.out.println();
        System.out.println("results: " + dir.resolve("results.json"));
        r.runs().stream().filter(x -> !x.ok()).forEach(x -> System.out.println("failed run " + x.config() + "#"
                + x.repetition() + (ScenarioRunner.isFatal(x) ? " (fatal)" : " (recorded)") + ": " + x.error()));
        // only a wrong or missing digest or a crash fails the command; failed-by-design runs are results
        return ScenarioRunner.exitStatus(r);
    }
}
