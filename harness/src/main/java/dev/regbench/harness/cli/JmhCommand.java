package dev.regbench.harness.cli;

import dev.regbench.harness.gate.Gate;
import dev.regbench.harness.jmh.JmhRunner;
import dev.regbench.reports.claims.ClaimsFile;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
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

    @Option(names = "--quick", description = "1 fork, 2x0.5 s warm-up, 7x0.25 s measurement (default).")
    boolean quick;

    @Option(names = "--full", description = "Each benchmark's own forks and iterations.")
    boolean full;

    @Option(names = "--include", paramLabel = "REGEX", description = "Benchmarks to run (JMH include regex). Default: all.")
    String include;

    @Option(names = "--gated", description = "Only the benchmarks the regression gate holds (Gate.JMH_GATED).")
    boolean gated;

    @Option(names = "--claims", description = "Only the benchmarks the claims' measures name (configs/claims.yaml, "
            + "bundled): the full set the claims ledger reads, without the rest.")
    boolean claims;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder. Default: target/regbench/jmh.")
    Path out;

    @Override
    public Integer call() {
        if (quick && full) {
            throw new IllegalArgumentException("give --quick or --full, not both");
        }
        if ((gated ? 1 : 0) + (claims ? 1 : 0) + (include != null ? 1 : 0) > 1) {
            throw new IllegalArgumentException("give one of --gated, --claims or --include");
        }
        Path dir = out != null ? out : Workspace.root().resolve("target/regbench/jmh");
        Path json = dir.resolve(full ? "jmh-full.json" : "jmh-quick.json");
        String regex = gated ? Gate.jmhInclude() : claims ? claimsInclude(ClaimsFile.bundled()) : include;
        JmhRunner.run(!full, regex, json);
        System.out.println("JMH results: " + json.toAbsolutePath());
        return 0;
    }

    /** A JMH include regex matching exactly the benchmark methods {@code claims} names. */
    static String claimsInclude(ClaimsFile claims) {
        List<String> names = claims.jmhBenchmarks();
        if (names.isEmpty()) {
            throw new IllegalArgumentException("the claims name no JMH benchmark: nothing to run with --claims");
        }
        return "\\.(" + String.join("|", names.stream().map(Pattern::quote).toList()) + ")$";
    }
}
