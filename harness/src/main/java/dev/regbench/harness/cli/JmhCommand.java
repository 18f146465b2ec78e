package dev.regbench.harness.cli;

import dev.regbench.harness.gate.Gate;
import dev.regbench.harness.jmh.JmhRunner;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code regbench jmh [--quick|--full] [--include REGEX]}: runs the JMH suites with the GC
 * profiler (bytes/op beside time) and writes JMH JSON under {@code target/regbench/jmh/}.
 */
@Command(name = "jmh", mixinStandardHelpOptions = true,
        description = "Run the JMH suites (with -prof gc) and write JMH JSON.")
final class JmhCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "1 fork, 3x1 s warm-up and measurement (default).")
    boolean quick;

    @Option(names = "--full", description = "Each benchmark's own forks and iterations.")
    boolean full;

    @Option(names = "--include", paramLabel = "REGEX", description = "Benchmarks to run (JMH include regex). Default: all.")
    String include;

    @Option(names = "--gated", description = "Only the benchmarks the regression gate holds (Gate.JMH_GATED).")
    boolean gated;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder. Default: target/regbench/jmh.")
    Path out;

    @Override
    public Integer call() {
        if (quick && full) {
            throw new IllegalArgumentException("give --quick or --full, not both");
        }
        if (gated && include != null) {
            throw new IllegalArgumentException("give --gated or --include, not both");
        }
        Path dir = out != null ? out : Workspace.root().resolve("target/regbench/jmh");
        Path json = dir.resolve(full ? "jmh-full.json" : "jmh-quick.json");
        JmhRunner.run(!full, gated ? Gate.jmhInclude() : include, json);
        System.out.println("JMH results: " + json.toAbsolutePath());
        return 0;
    }
}
