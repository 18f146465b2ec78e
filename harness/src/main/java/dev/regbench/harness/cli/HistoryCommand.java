package dev.regbench.harness.cli;

import dev.regbench.harness.gate.GateHistory;
import dev.regbench.harness.gate.GateInputException;
import dev.regbench.harness.gate.GateRules;
import dev.regbench.harness.gate.JUnitXml;
import dev.regbench.reports.model.History;
import dev.regbench.reports.model.ResultFileException;
import dev.regbench.reports.model.ResultsIo;
import dev.regbench.reports.stats.EDivisive;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code regbench history DIR}: the gated figures of every run under DIR (one folder per commit,
 * holding a results.json or only the tracker files {@code regbench run} writes beside it) as series with their change points (E-Divisive means), written as
 * {@code OUT/history/history.json} for the report's trend charts. Exit 2 on input it cannot read.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Change points of the gated figures over many runs (E-Divisive means); writes history.json.")
final class HistoryCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder of runs: every folder below it with a results.json, or only the tracker files"
            + " benchmark-action-smaller.json / -bigger.json; ordered by run date (by folder name when a run has none).")
    Path dir;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write history/history.json under this folder (a report folder). Default: target/regbench.")
    Path out;

    @Option(names = "--rules", paramLabel = "FILE", description = "Gate rules YAML whose figures to follow. Default: the gate's.")
    Path rules;

    @Option(names = "--permutations", defaultValue = "999", description = "Permutations of the significance test (default 999).")
    int permutations;

    @Option(names = "--significance", defaultValue = "0.01", description = "Largest p-value of a change point (default 0.01).")
    double significance;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        try {
            EDivisive detector = new EDivisive(permutations, significance, EDivisive.DEFAULT.minSize(), EDivisive.DEFAULT.seed());
            History h = GateHistory.of(dir, rules == null ? GateRules.defaults() : GateRules.load(rules), detector);
            Path file = (out != null ? out : Workspace.root().resolve("target/regbench")).resolve("history").resolve("history.json");
            ResultsIo.writeHistory(h, file);
            for (History.Series s : h.series()) {
                stdout.printf(Locale.ROOT, "%-50s %3d runs  %s%n", s.name(), s.points().size(),
                        s.changePoints().isEmpty() ? "no change point" : s.changePoints().stream()
                                .map(c -> String.format(Locale.ROOT, "change at #%d (%s): %s -> %s, p=%s%s", c.index(), c.run(),
                                        JUnitXml.num(c.before()), JUnitXml.num(c.after()), JUnitXml.num(c.pValue()),
                                        c.worse() ? " WORSE" : "")).reduce((a, b) -> a + "; " + b).orElse(""));
            }
            stdout.println("method: " + h.method());
            stdout.println("history: " + file);
            return 0;
        } catch (GateInputException | ResultFileException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("regbench history: " + e.getMessage());
            return 2;
        } finally {
            stdout.flush();
        }
    }
}
