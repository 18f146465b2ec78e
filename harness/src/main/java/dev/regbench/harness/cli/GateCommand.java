package dev.regbench.harness.cli;

import dev.regbench.harness.gate.Gate;
import dev.regbench.harness.gate.GateInputException;
import dev.regbench.harness.gate.GateRule;
import dev.regbench.harness.gate.GateRules;
import dev.regbench.harness.gate.JUnitXml;
import dev.regbench.harness.gate.selftest.Selftest;
import dev.regbench.reports.model.GateReport;
import dev.regbench.reports.model.ResultFileException;
import dev.regbench.reports.model.Results;
import dev.regbench.reports.model.ResultsIo;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code regbench gate}: compares a run with the committed baseline under the gate's rules, prints
 * every rule with baseline, current, absolute bound and verdict, writes {@code gate.json} and a
 * JUnit XML report, and exits 1 on a regression, 2 on input it cannot judge (a baseline without
 * the figures the rules need). {@code --update} deliberately replaces the baseline with the run;
 * {@code --selftest} measures the gate's own sensitivity ({@link Selftest}).
 */
@Command(name = "gate", mixinStandardHelpOptions = true,
        description = "Judge a results.json against a baseline; exit 1 on a regression, 2 on bad input.")
final class GateCommand implements Callable<Integer> {

    @Option(names = "--baseline", paramLabel = "FILE", description = "Baseline results (e.g. baselines/ci.json).")
    Path baseline;

    @Option(names = "--current", paramLabel = "FILE", description = "The run to judge (a results.json).")
    Path current;

    @Option(names = "--rules", paramLabel = "FILE", description = "Gate rules YAML. Default: the built-in machine-independent rules.")
    Path rules;

    @Option(names = "--out", paramLabel = "DIR", description = "Write gate.json and gate-junit.xml here (with --selftest: its runs and matrix).")
    Path out;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write the JUnit XML report here. Default: DIR/gate-junit.xml with --out.")
    Path junit;

    @Option(names = "--jmh-baseline", paramLabel = "FILE",
            description = "JMH JSON baseline (e.g. baselines/jmh-ci.json): also gate bytes/op of the engine's own benchmarks.")
    Path jmhBaseline;

    @Option(names = "--jmh-current", paramLabel = "FILE", description = "JMH JSON of the run to judge (with --jmh-baseline).")
    Path jmhCurrent;

    @Option(names = "--update", description = "Replace the baseline with the current run (after reviewing it).")
    boolean update;

    @Option(names = "--selftest", description = "Run the regression catalogue and A/A runs; write the detection matrix.")
    boolean selftest;

    @Option(names = "--catalogue", paramLabel = "FILE", description = "Regression catalogue (with --selftest). Default: configs/gate/regressions.yaml.")
    Path catalogue;

    @Option(names = "--aa", paramLabel = "N", defaultValue = "10", description = "A/A gate runs of the self-test (default 10).")
    int aaRuns;

    @Option(names = "--only", paramLabel = "ID", split = ",", description = "Self-test only these catalogue entries.")
    List<String> only;

    @Spec
    CommandSpec spec;

    @Option(names = "--reuse", description = "With --selftest: judge the runs already in DIR/runs again instead of re-running them.")
    boolean reuse;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        try {
            return selftest ? selftest() : gate(stdout);
        } catch (GateInputException | ResultFileException e) {
            spec.commandLine().getErr().println("regbench gate: " + e.getMessage());
            return 2;
        } finally {
            stdout.flush();
        }
    }

    private int selftest() throws Exception {
        Path root = Workspace.root();
        Path dir = out != null ? out : root.resolve("target/regbench/gate-selftest");
        Path file = catalogue != null ? catalogue : root.resolve("configs/gate/regressions.yaml");
        return new Selftest(root, file, dir, aaRuns, only == null ? List.of() : only, rulesOrDefault(), reuse).run() ? 0 : 1;
    }

    private List<GateRule> rulesOrDefault() {
        return rules == null ? GateRules.defaults() : GateRules.load(rules);
    }

    private int gate(PrintWriter stdout) throws Exception {
        if (baseline == null || current == null) {
            throw new GateInputException("give --baseline FILE and --current FILE (or --selftest)");
        }
        if ((jmhBaseline == null) != (jmhCurrent == null)) {
            throw new GateInputException("--jmh-baseline and --jmh-current go together");
        }
        Results cur = ResultsIo.read(current);
        List<GateRule> ruleSet = rulesOrDefault();
        if (update) {
            if (cur.runs().stream().anyMatch(r -> !r.ok())) {
                throw new GateInputException(current + " has failed runs; a baseline must come from a clean run");
            }
            Gate.evaluate(cur, current.toString(), cur, current.toString(), ruleSet); // every figure the rules need is there
            if (jmhCurrent != null) {
                Gate.jmhAllocations(ResultsIo.readJmh(jmhCurrent), jmhCurrent.toString(), List.of());
            }
            Files.createDirectories(baseline.toAbsolutePath().getParent());
            Files.copy(current, baseline, StandardCopyOption.REPLACE_EXISTING);
            stdout.println("baseline " + baseline + " updated from " + current);
            if (jmhBaseline != null) {
                Files.copy(jmhCurrent, jmhBaseline, StandardCopyOption.REPLACE_EXISTING);
                stdout.println("baseline " + jmhBaseline + " updated from " + jmhCurrent);
            }
            return 0;
        }
        GateReport report = Gate.evaluate(ResultsIo.read(baseline), baseline.toString(), cur, current.toString(), ruleSet);
        if (jmhBaseline != null) {
            report = Gate.withRows(report, Gate.jmhAllocations(ResultsIo.readJmh(jmhBaseline), jmhBaseline.toString(),
                    ResultsIo.readJmh(jmhCurrent)));
        }
        if (out != null) {
            Files.createDirectories(out);
            ResultsIo.writeGate(report, out.resolve("gate.json"));
        }
        Path junitFile = junit != null ? junit : out != null ? out.resolve("gate-junit.xml") : null;
        if (junitFile != null) {
            JUnitXml.write(report, junitFile);
        }
        stdout.print(Tables.gate(report));
        if (junitFile != null) {
            stdout.println("JUnit XML: " + junitFile);
        }
        return report.passed() ? 0 : 1;
    }
}
