package dev.regbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.reports.claims.ClaimsFile;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

class JmhCommandTest {

    private static final String PKG = "dev.regbench.harness.jmh.";

    @Test
    void claimsIncludeMatchesEveryNamedBenchmarkAndNothingElse() {
        ClaimsFile claims = ClaimsFile.bundled();
        Pattern include = Pattern.compile(JmhCommand.claimsInclude(claims));
        assertThat(claims.jmhBenchmarks()).isNotEmpty().doesNotHaveDuplicates();
        for (String name : claims.jmhBenchmarks()) {
            assertThat(include.matcher(PKG + name).find()).as(name).isTrue();
        }
        // a benchmark no claim names is not run, nor one whose name only ends like a named one
        assertThat(include.matcher(PKG + "DigestBenchmark.sha256").find()).isFalse();
        assertThat(include.matcher(PKG + "CompressionBenchmark.gzipAndMore").find()).isFalse();
    }

    @Test
    void everyBenchmarkTheClaimsNameExists() throws Exception {
        for (String name : ClaimsFile.bundled().jmhBenchmarks()) {
            int dot = name.lastIndexOf('.');
            Class<?> type = Class.forName(PKG + name.substring(0, dot));
            String method = name.substring(dot + 1);
            assertThat(Arrays.stream(type.getMethods())
                    .filter(m -> m.getName().equals(method))
                    .anyMatch((Method m) -> m.isAnnotationPresent(Benchmark.class)))
                    .as(name + " is a @Benchmark method").isTrue();
        }
    }

    @Test
    void quickSetIterations_areTheLeastThatGiveA95PercentRatioInterval() {
        int n = dev.regbench.harness.jmh.JmhRunner.QUICK_ITERATIONS;
        double[] a = java.util.stream.IntStream.range(0, n).mapToDouble(i -> 100 + i).toArray();
        double[] b = java.util.stream.IntStream.range(0, n).mapToDouble(i -> 40 + i).toArray();
        assertThat(dev.regbench.reports.stats.Stats.boundRatioInterval(a, b).orElseThrow().isConfidenceInterval()).isTrue();
        double[] a1 = java.util.Arrays.copyOf(a, n - 1);
        double[] b1 = java.util.Arrays.copyOf(b, n - 1);
        assertThat(dev.regbench.reports.stats.Stats.boundRatioInterval(a1, b1).orElseThrow().isConfidenceInterval()).isFalse();
    }

    @Test
    void everyBenchmarkTheClaimsName_hasEnoughIterationsAtFullLengthForA95PercentRatioInterval() throws Exception {
        // the full set runs each class's own annotations: forks x measurement iterations samples
        for (String name : ClaimsFile.bundled().jmhBenchmarks()) {
            Class<?> type = Class.forName(PKG + name.substring(0, name.lastIndexOf('.')));
            org.openjdk.jmh.annotations.Fork fork = type.getAnnotation(org.openjdk.jmh.annotations.Fork.class);
            org.openjdk.jmh.annotations.Measurement measurement =
                    type.getAnnotation(org.openjdk.jmh.annotations.Measurement.class);
            assertThat(fork).as(name + " @Fork").isNotNull();
            assertThat(measurement).as(name + " @Measurement").isNotNull();
            assertThat(fork.value() * measurement.iterations()).as(name + ": forks x iterations")
                    .isGreaterThanOrEqualTo(dev.regbench.harness.jmh.JmhRunner.QUICK_ITERATIONS);
        }
    }
}
