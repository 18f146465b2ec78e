package dev.regbench.harness.cli;

import dev.regbench.reports.Report;
import dev.regbench.reports.render.ReportFormat;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code regbench report [DIR…] [--out DIR]}: renders the HTML report (plus Markdown and JSON
 * summaries) from result folders laid out as {@code target/regbench/}; several folders are put
 * side by side.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Render the HTML report (charts, claims ledger, gate) from result folders.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", arity = "0..*",
            description = "Result folders (default: target/regbench). Two or more are shown side by side.")
    List<Path> dirs = List.of();

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the report. Default: target/regbench/report.")
    Path out;

    @Option(names = "--claims", paramLabel = "FILE", description = "Claims rules (default: configs/claims.yaml bundled in the jar).")
    Path claims;

    @Override
    public Integer call() {
        List<Path> inputs = dirs.isEmpty() ? List.of(Workspace.root().resolve("target/regbench")) : dirs;
        Path target = out != null ? out : Workspace.root().resolve("target/regbench/report");
        List<Path> written = Report.render(inputs, target, EnumSet.allOf(ReportFormat.class), claims);
        System.out.println("report: " + written.get(0).toAbsolutePath());
        return 0;
    }
}
