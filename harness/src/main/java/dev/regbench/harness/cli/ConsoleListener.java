package dev.regbench.harness.cli;

import dev.regbench.harness.run.RunListener;
import dev.regbench.reports.model.RunResult;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a scenario's progress on stderr: a bar per run (blob MiB copied of the dataset's), then
 * one line with the run's figures. Called from the runner's thread and its progress ticker.
 */
final class ConsoleListener implements RunListener {

    private static final double MIB = 1024.0 * 1024.0;
    private final PrintStream err;
    private final boolean interactive;
    private volatile ProgressBar bar;

    /** Bars only when stderr is a terminal; in a build log or a pipe each run is one line. */
    ConsoleListener(PrintStream err) {
        this(err, Terminals.stderrIsTerminal());
    }

    ConsoleListener(PrintStream err, boolean interactive) {
        this.err = err;
        this.interactive = interactive;
    }

    @Override
    public void runStarted(String variant, int repetition, int repetitions, long expectedBlobBytes) {
        if (!interactive) {
            return;
        }
        String label = repetition < 0 ? "warm-up " + variant : "rep " + (repetition + 1) + "/" + repetitions + " " + variant;
        bar = new ProgressBarBuilder()
                .setTaskName(label)
                .setInitialMax(Math.max(1, expectedBlobBytes / (long) MIB))
                .setUnit(" MiB", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(err))
                .setUpdateIntervalMillis(250)
                .build();
    }

    @Override
    public void progress(long blobBytesCopied) {
        ProgressBar b = bar;
        if (b != null) {
            b.stepTo(blobBytesCopied / (long) MIB);
        }
    }

    @Override
    public void runFinished(String variant, int repetition, RunResult r) {
        ProgressBar b = bar;
        bar = null;
        if (b != null) {
            b.close();
        }
        if (!r.ok()) {
            err.println("  FAILED " + variant + ": " + r.error());
            return;
        }
        err.println(String.format(Locale.ROOT, "  %-24s %8.1f MiB/s  %6.2f s  %6.0f requests  %5.0f connections  reuse %5.1f%%  %4.0f retries",
                variant + (repetition < 0 ? " (warm-up)" : ""),
                r.metrics().getOrDefault("throughput_mib_s", 0.0),
                r.metrics().getOrDefault("wall_s", 0.0),
                r.metrics().getOrDefault("requests_total", 0.0),
                r.metrics().getOrDefault("connections_opened", Double.NaN),
                100 * r.metrics().getOrDefault("connection_reuse", Double.NaN),
                r.metrics().getOrDefault("retries", 0.0)));
    }

    @Override
    public void note(String message) {
        err.println(message);
    }
}
