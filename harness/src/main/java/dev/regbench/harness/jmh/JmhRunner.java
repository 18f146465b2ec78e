package dev.regbench.harness.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH suites of this package with the GC profiler ({@code -prof gc}, so
 * {@code gc.alloc.rate.norm} bytes/op is recorded beside the time) and {@link CpuTimeProfiler}
 * ({@code cpu.time.norm}, CPU ns/op of the benchmark threads, which a busy machine inflates far
 * less than the wall-clock score), and writes JMH's JSON.
 * Quick: 1 fork, 2 × 0.5 s warm-up, 7 × 0.25 s measurement per benchmark (a few minutes for the
 * whole set); full: each class's own annotations (2 forks, 5 × 1 s + 5 × 1 s, mostly). Quick
 * takes 7 short iterations rather than 3 long ones: the claims ledger's JMH intervals are built
 * from the per-iteration samples, and 7 is the least n whose ratio of two medians is a 95%
 * interval ({@code Stats.boundRatioInterval}); 3 would only give a range.
 * Stateless.
 */
public final class JmhRunner {

    /** Measurement iterations of the quick set: the least n for a 95% bound-ratio interval. */
    public static final int QUICK_ITERATIONS = 7;

    /** Matches every benchmark of this package. */
    public static final String ALL = JmhRunner.class.getPackageName() + "\\..*Benchmark.*";

    private JmhRunner() {
    }

    /**
     * @param quick        the short set (1 fork, 2×0.5 s warm-up, 7×0.25 s measurement: about
     *                     3 s a benchmark, under 4 minutes for the whole suite on 2 cores)
     * @param includeRegex JMH include pattern over {@code package.Class.method}; null or blank = all
     * @param jsonOut      where JMH writes its JSON results (parent directories are created)
     */
    public static Collection<RunResult> run(boolean quick, String includeRegex, Path jsonOut) {
        try {
            Path parent = jsonOut.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + jsonOut.getParent(), e);
        }
        String include = includeRegex == null || includeRegex.isBlank() ? ALL : includeRegex;
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .addProfiler(GCProfiler.class)
                .addProfiler(CpuTimeProfiler.class)
                .resultFormat(ResultFormatType.JSON)
                .result(jsonOut.toString())
                .shouldFailOnError(true);
        if (quick) {
            options.forks(1)
                    .warmupIterations(2).warmupTime(TimeValue.milliseconds(500))
                    .measurementIterations(QUICK_ITERATIONS).measurementTime(TimeValue.milliseconds(250));
        }
        try {
            return new Runner(options.build()).run();
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH run failed: " + e.getMessage(), e);
        }
    }

    /** {@code JmhRunner [--full] [REGEX] [JSON]}: the quick set into {@code target/regbench/jmh/jmh.json}. */
    public static void main(String[] args) {
        boolean quick = true;
        String include = null;
        Path out = Path.of("target", "regbench", "jmh", "jmh.json");
        int positional = 0;
        for (String a : args) {
            if (a.equals("--full")) {
                quick = false;
            } else if (a.equals("--quick")) {
                quick = true;
            } else if (positional++ == 0) {
                include = a;
            } else {
                out = Path.of(a);
            }
        }
        run(quick, include, out);
    }
}
