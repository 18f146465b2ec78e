package dev.regbench.harness.cli;

import dev.regbench.engine.shard.Shard;
import dev.regbench.harness.export.TrackerExport;
import dev.regbench.harness.run.ScenarioRunner;
import dev.regbench.harness.scenario.Scenario;
import dev.regbench.reports.model.Results;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code regbench run SCENARIO}: runs a scenario and writes {@code results.json}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a scenario (file or built-in name) and write results.json.")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file, or a name under configs/scenarios (quick, wan, …).")
    String scenario;

    @Option(names = "--config", paramLabel = "FILE", description = "Tuning configs to run instead of the scenario's (repeatable).")
    List<String> configs = List.of();

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder. Default: target/regbench/scenarios/<name>.")
    Path out;

    @Option(names = "--repetitions", description = "Override the scenario's repetitions.")
    Integer repetitions;

    @Option(names = "--calibrate", negatable = true, description = "Run (or, with --no-calibrate, skip) the "
            + "reference config as a second arm (A/A) in every repetition: the measured noise of each metric "
            + "becomes the minimum effect of every verdict (stored in results.json). Default: the scenario's "
            + "'calibrate' key (quick: on); without an A/A arm ±5%% is assumed.")
    Boolean calibrate;

    @Option(names = "--warmup", description = "Override the scenario's warm-up runs.")
    Integer warmup;

    @Option(names = "--shard", paramLabel = "I/N", converter = ShardOption.class, defaultValue = "0/1",
            description = "Copy only shard I of N (0-based) of the scenario's images in every run; join the N"
                    + " shards' folders with regbench merge.")
    Shard shard;

    @Override
    public Integer call() throws Exception {
        Scenario s = Workspace.scenario(scenario);
        if (!configs.isEmpty()) {
            s = s.withConfigs(configs.stream().map(Workspace::config).toList());
        }
        if (repetitions != null || warmup != null) {
            s = s.withRepetitions(warmup == null ? s.warmup() : warmup, repetitions == null ? s.repetitions() : repetitions);
        }
        Path dir = out != null ? out : ScenarioRunner.defaultOut(Workspace.root(), s);
        ScenarioRunner runner = new ScenarioRunner(new ConsoleListener(System.err), Workspace.root(), shard);
        if (calibrate != null) {
            runner.calibrate(calibrate);
        }
        Results r = runner.run(s, dir);
        TrackerExport.write(r, dir.resolve("benchmark-action.json"));
        System.out.println();
        System.out.print(Tables.summary(r));
        if (!r.comparisons().isEmpty()) {
            System.out.println();
            System.out.print(Tables.comparison(r));
        }
        System.out.println();
        System.out.println("results: " + dir.resolve("results.json"));
        r.runs().stream().filter(x -> !x.ok()).forEach(x -> System.out.println("failed run " + x.config() + "#"
                + x.repetition() + (ScenarioRunner.isFatal(x) ? " (fatal)" : " (recorded)") + ": " + x.error()));
        // only a wrong or missing digest or a crash fails the command; failed-by-design runs are results
        return ScenarioRunner.exitStatus(r);
    }
}
