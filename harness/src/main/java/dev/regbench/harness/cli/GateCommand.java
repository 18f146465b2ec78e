package dev.regbench.harness.cli;

import dev.regbench.harness.gate.Gate;
import dev.regbench.harness.gate.GateRule;
import dev.regbench.harness.gate.GateRules;
import dev.regbench.reports.model.GateReport;
import dev.regbench.reports.model.Results;
import dev.regbench.reports.model.ResultsIo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code regbench gate}: compares a run with the committed baseline under the gate's rules and
 * exits 1 on a regression. {@code --update} deliberately replaces the baseline with the run.
 */
@Command(name = "gate", mixinStandardHelpOptions = true,
        description = "Judge a results.json against a baseline; exit 1 on a regression.")
final class GateCommand implements Callable<Integer> {

    @Option(names = "--baseline", required = true, paramLabel = "FILE", description = "Baseline results (e.g. baselines/ci.json).")
    Path baseline;

    @Option(names = "--current", required = true, paramLabel = "FILE", description = "The run to judge (a results.json).")
    Path current;

    @Option(names = "--rules", paramLabel = "FILE", description = "Gate rules YAML. Default: the built-in machine-independent rules.")
    Path rules;

    @Option(names = "--out", paramLabel = "DIR", description = "Write gate.json here.")
    Path out;

    @Option(names = "--jmh-baseline", paramLabel = "FILE",
            description = "JMH JSON baseline (e.g. baselines/jmh-ci.json): also gate bytes/op of the buffer, copy and metrics benchmarks.")
    Path jmhBaseline;

    @Option(names = "--jmh-current", paramLabel = "FILE", description = "JMH JSON of the run to judge (with --jmh-baseline).")
    Path jmhCurrent;

    @Option(names = "--update", description = "Replace the baseline with the current run (after reviewing it).")
    boolean update;

    @Override
    public Integer call() throws Exception {
        if ((jmhBaseline == null) != (jmhCurrent == null)) {
            throw new IllegalArgumentException("--jmh-baseline and --jmh-current go together");
        }
        Results cur = ResultsIo.read(current);
        if (update) {
            if (cur.runs().stream().anyMatch(r -> !r.ok())) {
                throw new IllegalArgumentException(current + " has failed runs; a baseline must come from a clean run");
            }
            if (jmhCurrent != null) {
                ResultsIo.readJmh(jmhCurrent); // refuse, before touching any baseline, a file that is not JMH JSON
            }
            Files.createDirectories(baseline.toAbsolutePath().getParent());
            Files.copy(current, baseline, StandardCopyOption.REPLACE_EXISTING);
            System.out.println("baseline " + baseline + " updated from " + current);
            if (jmhBaseline != null) {
                Files.copy(jmhCurrent, jmhBaseline, StandardCopyOption.REPLACE_EXISTING);
                System.out.println("baseline " + jmhBaseline + " updated from " + jmhCurrent);
            }
            return 0;
        }
        List<GateRule> ruleSet = rules == null ? GateRules.defaults() : GateRules.load(rules);
        GateReport report = Gate.evaluate(ResultsIo.read(baseline), baseline.toString(), cur, current.toString(), ruleSet);
        if (jmhBaseline != null) {
            report = Gate.withRows(report, Gate.jmhAllocations(ResultsIo.readJmh(jmhBaseline), ResultsIo.readJmh(jmhCurrent)));
        }
        if (out != null) {
            Files.createDirectories(out);
            ResultsIo.writeGate(report, out.resolve("gate.json"));
        }
        System.out.print(Tables.gate(report));
        return report.passed() ? 0 : 1;
    }
}
