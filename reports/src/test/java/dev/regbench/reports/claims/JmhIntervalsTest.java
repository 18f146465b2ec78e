package dev.regbench.reports.claims;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.reports.model.ResultSet;
import dev.regbench.reports.model.ResultSetLoader;
import dev.regbench.reports.stats.Interval;
import dev.regbench.reports.stats.Stats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JMH figures get the order-statistic interval of the median of their per-iteration samples
 * (JMH's {@code rawData}), and a ratio of two benchmarks the bound-ratio interval, so the ledger
 * can decide on them. Synthetic JMH JSON; machine-independent.
 */
class JmhIntervalsTest {
    private static final String PKG = "dev.regbench.harness.jmh.";

    @TempDir
    Path dir;

    private Path claims;

    @BeforeEach
    void claimsFile() throws IOException {
        claims = dir.resolve("claims.yaml");
        Files.writeString(claims, """
                claims:
                  - id: R1
                    claim: pooled is at least 2x faster
                    measures:
                      - source: jmh
                        a: FakeBenchmark.slow
                        b: FakeBenchmark.fast
                        figure: inverse-ratio
                        confirmed: ">= 2x"
                        refuted: "< 1.2x"
                  - id: V1
                    claim: fast takes at most 50 ns
                    measures:
                      - source: jmh
                        a: FakeBenchmark.fast
                        confirmed: "<= 50ns"
                        refuted: "> 80ns"
                """);
    }

    /** One JMH JSON entry, avgt ns/op, with the given per-fork iteration figures. */
    private static String entry(String method, double score, double error, double[][] forks) {
        String raw = forks == null ? "" : ",\n \"rawData\": " + Arrays.stream(forks)
                .map(f -> Arrays.stream(f).mapToObj(v -> String.format(Locale.ROOT, "%s", v)).collect(Collectors.joining(",", "[", "]")))
                .collect(Collectors.joining(",", "[", "]"));
        return String.format(Locale.ROOT, """
                {"benchmark": "%s%s", "mode": "avgt", "threads": 1, "forks": %d, "params": {},
                 "primaryMetric": {"score": %s, "scoreError": %s, "scoreUnit": "ns/op"%s},
                 "secondaryMetrics": {}}""", PKG, "FakeBenchmark." + method, forks == null ? 1 : forks.length,
                score, error, raw);
    }

    private LedgerEntry evaluate(String id, String... entries) throws IOException {
        Path set = dir.resolve("set");
        Files.createDirectories(set.resolve("jmh"));
        Files.writeString(set.resolve("jmh/jmh-full.json"), "[" + String.join(",", entries) + "]");
        List<ResultSet> sets = List.of(ResultSetLoader.load(set));
        return ClaimsLedger.evaluate(ClaimsFile.read(claims), sets).stream()
                .filter(e -> e.claim().id().equals(id)).findFirst().orElseThrow();
    }

    private static final double[][] SLOW = {{100, 104, 98, 101, 103}, {99, 102, 97, 105, 100}};
    private static final double[][] FAST = {{40, 41, 39, 42, 40}, {38, 43, 40, 41, 39}};

    @Test
    void valueFigure_isTheMedianOfTheIterationsWithItsOrderStatisticInterval() throws IOException {
        LedgerEntry v1 = evaluate("V1", entry("fast", 40.3, 1.2, FAST));
        Measurement m = v1.deciding();
        double[] all = Arrays.stream(FAST).flatMapToDouble(Arrays::stream).toArray();
        assertThat(m.value()).isEqualTo(Stats.median(all));
        assertThat(m.spread()).isEqualTo(Stats.medianInterval(all));
        assertThat(m.spread().n()).isEqualTo(10);
        assertThat(m.spread().method()).isEqualTo(Interval.ORDER_STATISTICS);
        assertThat(m.detail()).contains("median of n=10 iterations (2 forks)").contains("95% CI, n=10");
        assertThat(v1.status()).isEqualTo(ClaimStatus.CONFIRMED);
        assertThat(m.runIds()).containsExactly("jmh fast");
    }

    @Test
    void ratioOfTwoBenchmarks_decidesWhenTheBoundRatioIntervalClearsTheThreshold() throws IOException {
        LedgerEntry r1 = evaluate("R1", entry("slow", 100.9, 2.0, SLOW), entry("fast", 40.3, 1.2, FAST));
        Measurement m = r1.deciding();
        // inverse ratio a/b of the medians: 100.5 / 40 ≈ 2.5
        assertThat(m.value()).isCloseTo(100.5 / 40, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(m.spread().method()).isEqualTo(Interval.BOUND_RATIO);
        assertThat(m.spread().coverage()).isGreaterThanOrEqualTo(0.95);
        assertThat(m.spread().low()).isGreaterThan(2.0);
        assertThat(m.spread().contains(m.value())).isTrue();
        assertThat(r1.status()).isEqualTo(ClaimStatus.CONFIRMED);
        assertThat(m.runIds()).containsExactly("jmh slow", "jmh fast");
    }

    @Test
    void ratioWhoseIntervalStraddlesTheThreshold_isInconclusive() throws IOException {
        // fast's iterations spread from 30 to 60: the ratio interval reaches below 2x
        double[][] noisy = {{30, 60, 35, 55, 40}, {45, 50, 33, 58, 42}};
        LedgerEntry r1 = evaluate("R1", entry("slow", 100.9, 2.0, SLOW), entry("fast", 44.8, 9.0, noisy));
        assertThat(r1.deciding().value()).isGreaterThan(2.0);
        assertThat(r1.status()).isEqualTo(ClaimStatus.INCONCLUSIVE);
        assertThat(r1.condition()).contains("straddles >= 2x");
    }

    @Test
    void tooFewIterations_giveARangeThatDoesNotDecide() throws IOException {
        // the quick set: 1 fork x 3 iterations, far apart but only a range of n=3
        LedgerEntry r1 = evaluate("R1", entry("slow", 101, 2, new double[][] {{100, 104, 98}}),
                entry("fast", 40, 1, new double[][] {{40, 41, 39}}));
        assertThat(r1.deciding().spread().isConfidenceInterval()).isFalse();
        assertThat(r1.status()).isEqualTo(ClaimStatus.INCONCLUSIVE);
        assertThat(r1.condition()).contains("range of n=3");
    }

    @Test
    void withoutRawData_theScoreAndJmhsErrorAreShown_asGiven() throws IOException {
        LedgerEntry v1 = evaluate("V1", entry("fast", 40.3, 1.2, null));
        assertThat(v1.deciding().value()).isEqualTo(40.3);
        assertThat(v1.deciding().spread().method()).isEqualTo(Interval.GIVEN);
        assertThat(v1.deciding().detail()).contains("no per-iteration data");
    }
}
