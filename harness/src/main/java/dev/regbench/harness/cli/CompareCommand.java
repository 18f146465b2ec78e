package dev.regbench.harness.cli;

import dev.regbench.harness.run.ScenarioRunner;
import dev.regbench.harness.scenario.Scenario;
import dev.regbench.reports.model.Results;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code regbench compare A.yaml B.yaml --scenario S}: runs A and B interleaved on one scenario
 * and prints, per metric, A, B, the paired ratio B/A with its order-statistic interval (n, exact
 * coverage), the minimum effect (the noise its A/A arm measured; 5% assumed with
 * {@code --no-calibrate}) and a verdict.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare two tuning configs on one scenario, interleaved ABBA: medians, paired ratio B/A with its "
                + "interval (n, method, exact coverage), minimum effect and verdict, on every metric.")
final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "A", description = "Tuning config A (file, or name under configs/).")
    String a;

    @Parameters(index = "1", paramLabel = "B", description = "Tuning config B.")
    String b;

    @Option(names = "--scenario", required = true, description = "Scenario file or built-in name.")
    String scenario;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder. Default: target/regbench/compare/<scenario>.")
    Path out;

    @Option(names = "--repetitions", description = "Override the scenario's repetitions.")
    Integer repetitions;

    @Option(names = "--calibrate", negatable = true, description = "Also run the reference config as a second "
            + "arm (A/A) in every repetition: the measured noise of each metric becomes the minimum effect of "
            + "every verdict (stored in results.json). On by default; --no-calibrate skips the arm (even where "
            + "the scenario asks for it) and assumes ±5%%, which a noisy metric (a sub-second run, a shared "
            + "machine) can exceed between identical configs.")
    Boolean calibrate;

    @Override
    public Integer call() throws Exception {
        Scenario s = Workspace.scenario(scenario).withConfigs(List.of(Workspace.config(a), Workspace.config(b)));
        if (repetitions != null) {
            s = s.withRepetitions(s.warmup(), repetitions);
        }
        Path dir = out != null ? out : Workspace.root().resolve("target/regbench/compare").resolve(s.name());
        Results r = new ScenarioRunner(new ConsoleListener(System.err), Workspace.root()).calibrate(calibrate == null || calibrate).run(s, dir);
        System.out.println();
        System.out.print(Tables.comparison(r, true));
        System.out.println();
        System.out.println("results: " + dir.resolve("results.json"));
        r.runs().stream().filter(x -> !x.ok()).forEach(x -> System.out.println("failed run " + x.config() + "#"
                + x.repetition() + (ScenarioRunner.isFatal(x) ? " (fatal)" : " (recorded)") + ": " + x.error()));
        // only a wrong or missing digest or a crash fails the command; failed-by-design runs are results
        return ScenarioRunner.exitStatus(r);
    }
}
