package dev.regbench.reports.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StatsTest {

    static Stream<Arguments> percentiles() {
        return Stream.of(
                Arguments.of("median of odd count is the middle value", new double[] {5, 1, 3}, 50, 3.0),
                Arguments.of("median of even count interpolates", new double[] {4, 1, 3, 2}, 50, 2.5),
                Arguments.of("p0 is the minimum", new double[] {7, 2, 9}, 0, 2.0),
                Arguments.of("p100 is the maximum", new double[] {7, 2, 9}, 100, 9.0),
                Arguments.of("p90 interpolates between ranks", new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 90, 9.1),
                Arguments.of("single value is every percentile", new double[] {42}, 99.9, 42.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("percentiles")
    void percentile_interpolatesBetweenClosestRanks(String description, double[] xs, double p, double expected) {
        assertThat(Stats.percentile(xs, p)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void descriptiveStats_doNotModifyInput() {
        double[] xs = {3, 1, 2};
        assertThat(Stats.median(xs)).isEqualTo(2);
        assertThat(Stats.min(xs)).isEqualTo(1);
        assertThat(Stats.max(xs)).isEqualTo(3);
        assertThat(Stats.mean(xs)).isEqualTo(2);
        assertThat(xs).containsExactly(3, 1, 2);
    }

    @Test
    void emptyOrNaNInput_isAClearError() {
        assertThatThrownBy(() -> Stats.median(new double[0])).hasMessageContaining("no values");
        assertThatThrownBy(() -> Stats.mean(new double[] {1, Double.NaN})).hasMessageContaining("NaN");
        assertThatThrownBy(() -> Stats.percentile(new double[] {1}, 101)).hasMessageContaining("0..100");
    }

    @Test
    void medianCi_isDeterministicAndBracketsTheMedian() {
        double[] xs = {10.2, 9.8, 10.5, 10.1, 9.9, 10.0, 10.4};
        Interval first = Stats.medianCi(xs);
        Interval second = Stats.medianCi(xs);
        assertThat(first).isEqualTo(second);
        assertThat(first.contains(Stats.median(xs))).isTrue();
        assertThat(first.low()).isGreaterThanOrEqualTo(9.8);
        assertThat(first.high()).isLessThanOrEqualTo(10.5);
    }

    @Test
    void medianCi_ofConstantSample_isAPoint() {
        Interval ci = Stats.medianCi(new double[] {120, 120, 120});
        assertThat(ci.low()).isEqualTo(120);
        assertThat(ci.high()).isEqualTo(120);
    }

    @Test
    void ratioCi_ofDoubledSample_isAroundTwo() {
        double[] a = {10, 11, 9, 10.5, 9.5};
        double[] b = {20, 22, 18, 21, 19};
        assertThat(Stats.ratioOfMedians(a, b)).isEqualTo(2.0);
        Interval ci = Stats.ratioCi(a, b);
        assertThat(ci.contains(2.0)).isTrue();
        assertThat(ci.low()).isGreaterThan(1.5);
        assertThat(ci.high()).isLessThan(2.5);
    }

    @Test
    void ratioOfMedians_handlesZeroDenominators() {
        assertThat(Stats.ratioOfMedians(new double[] {0, 0}, new double[] {0, 0})).isEqualTo(1.0);
        assertThat(Stats.ratioOfMedians(new double[] {0, 0}, new double[] {3, 3})).isInfinite();
        assertThat(Stats.ratioCi(new double[] {0, 0}, new double[] {3, 3}).low()).isInfinite();
    }

    static Stream<Arguments> verdicts() {
        return Stream.of(
                Arguments.of("higher throughput is better", new Interval(1.2, 1.5), Direction.HIGHER_IS_BETTER, Verdict.BETTER),
                Arguments.of("lower throughput is worse", new Interval(0.6, 0.9), Direction.HIGHER_IS_BETTER, Verdict.WORSE),
                Arguments.of("fewer requests is better", new Interval(0.4, 0.5), Direction.LOWER_IS_BETTER, Verdict.BETTER),
                Arguments.of("more requests is worse", new Interval(1.01, 1.1), Direction.LOWER_IS_BETTER, Verdict.WORSE),
                Arguments.of("interval containing 1 is no difference", new Interval(0.9, 1.3), Direction.HIGHER_IS_BETTER, Verdict.NO_SIGNIFICANT_DIFFERENCE),
                Arguments.of("identical figures are no difference", Interval.of(1), Direction.LOWER_IS_BETTER, Verdict.NO_SIGNIFICANT_DIFFERENCE),
                Arguments.of("neutral metric that changed is different", new Interval(1.5, 1.6), Direction.NEUTRAL, Verdict.DIFFERENT),
                Arguments.of("NaN interval is insufficient data", new Interval(Double.NaN, Double.NaN), Direction.NEUTRAL, Verdict.INSUFFICIENT_DATA));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void verdict_followsTheMetricDirection(String description, Interval ci, Direction direction, Verdict expected) {
        assertThat(Stats.verdict(ci, direction, 0)).isEqualTo(expected);
    }

    @Test
    void verdict_ignoresChangesWithinMinimumEffect() {
        assertThat(Stats.verdict(new Interval(1.01, 1.03), Direction.HIGHER_IS_BETTER, 0.05))
                .isEqualTo(Verdict.NO_SIGNIFICANT_DIFFERENCE);
    }

    @Test
    void compare_aAgainstItself_isNoSignificantDifference() {
        double[] a = {101, 97, 103, 99, 100, 98};
        assertThat(Stats.compare(a, a.clone(), Direction.HIGHER_IS_BETTER, 0)).isEqualTo(Verdict.NO_SIGNIFICANT_DIFFERENCE);
    }

    @Test
    void compare_withSingleRepetition_isInsufficientData() {
        assertThat(Stats.compare(new double[] {1}, new double[] {2, 2}, Direction.HIGHER_IS_BETTER, 0))
                .isEqualTo(Verdict.INSUFFICIENT_DATA);
    }

    @Test
    void compare_clearRegression_isWorse() {
        double[] baseline = {200, 201, 199, 200, 202, 198};
        double[] doubled = {400, 402, 398, 401, 399, 397};
        assertThat(Stats.compare(baseline, doubled, Direction.LOWER_IS_BETTER, 0)).isEqualTo(Verdict.WORSE);
    }

    static Stream<Arguments> coverages() {
        return Stream.of(
                Arguments.of("n=3: [min, max] covers 1 - 2/8", 3, 0, 0.75),
                Arguments.of("n=5: [min, max] covers 1 - 2/32", 5, 0, 0.9375),
                Arguments.of("n=6: [min, max] covers 1 - 2/64", 6, 1, 0.96875),
                Arguments.of("n=10: [x(2), x(9)] covers 1 - 2*11/1024", 10, 2, 1 - 2 * 11 / 1024.0),
                Arguments.of("n=20: [x(6), x(15)] covers 1 - 2*P(B<=5)", 20, 6, 1 - 2 * 21700 / 1048576.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("coverages")
    void orderStatisticInterval_hasItsExactBinomialCoverage(String description, int n, int k, double coverage) {
        assertThat(Stats.orderStatisticRank(n, 0.95)).isEqualTo(k);
        assertThat(Stats.coverage(n, Math.max(k, 1))).isCloseTo(coverage, within(1e-12));
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = n - i;
        }
        Interval ci = Stats.medianInterval(xs);
        assertThat(ci.n()).isEqualTo(n);
        assertThat(ci.coverage()).isCloseTo(coverage, within(1e-12));
        assertThat(ci.low()).isEqualTo(Math.max(k, 1));
        assertThat(ci.high()).isEqualTo(n + 1 - Math.max(k, 1));
        assertThat(ci.isConfidenceInterval()).isEqualTo(k > 0);
    }

    @Test
    void medianInterval_ofTooFewRuns_isARangeWithItsN_neverA95Ci() {
        Interval range = Stats.medianInterval(new double[] {3, 1, 2});
        assertThat(range.isConfidenceInterval()).isFalse();
        assertThat(range.label()).contains("range of n=3").contains("75.0%").doesNotStartWith("95% CI");
        assertThat(Stats.medianInterval(new double[] {1, 2, 3, 4, 5, 6}).label()).startsWith("95% CI, n=6");
        assertThat(Stats.MIN_N_FOR_95).isEqualTo(6);
    }

    @Test
    void verdict_onARangeOfTooFewPairs_isInsufficientData() {
        double[] a = {100, 101, 99};
        double[] b = {200, 202, 198};
        assertThat(Stats.compare(a, b, Direction.HIGHER_IS_BETTER, 0)).isEqualTo(Verdict.INSUFFICIENT_DATA);
    }

    @Test
    void pairedRatio_cancelsDriftSharedByBothArmsOfARepetition() {
        // the machine slows down run after run; B is always 2x A within its repetition
        double[] a = {100, 120, 150, 190, 240, 300};
        double[] b = {200, 240, 300, 380, 480, 600};
        assertThat(Stats.pairedRatio(a, b)).isEqualTo(2.0);
        Interval paired = Stats.pairedRatioInterval(a, b);
        assertThat(paired.low()).isEqualTo(2.0);
        assertThat(paired.high()).isEqualTo(2.0);
        assertThat(Stats.ratioCi(a, b).high() - Stats.ratioCi(a, b).low()).isGreaterThan(1.0);
    }

    @Test
    void noise_fromAaPairs_isTheLargestRelativeStray() {
        Noise noise = Noise.calibrated(java.util.Map.of(
                "wall_s", new double[][] {{1.0, 1.0, 1.0}, {1.1, 0.95, 1.02}},
                "requests_total", new double[][] {{84, 84, 84}, {84, 84, 84}}));
        assertThat(noise.minEffect("wall_s")).isCloseTo(0.1, within(1e-9));
        assertThat(noise.minEffect("requests_total")).isZero();
        assertThat(noise.minEffect("unseen")).isEqualTo(Stats.DEFAULT_MIN_EFFECT);
        assertThat(Noise.ASSUMED.minEffect("wall_s")).isEqualTo(Stats.DEFAULT_MIN_EFFECT);
    }

    @Test
    void boundRatioInterval_isTheRatioOfEachMediansBoundsAt97_5Percent() {
        double[] a = {10, 11, 12, 13, 14, 15, 16, 17, 18, 19};   // n=10: 97.5% uses ranks 2 and 9
        double[] b = {20, 22, 24, 26, 28, 30, 32, 34, 36, 38};
        Interval ci = Stats.boundRatioInterval(a, b).orElseThrow();
        assertThat(ci.low()).isEqualTo(22.0 / 18);
        assertThat(ci.high()).isEqualTo(36.0 / 11);
        assertThat(ci.n()).isEqualTo(10);
        assertThat(ci.method()).isEqualTo(Interval.BOUND_RATIO);
        // Bonferroni: 1 - 2 x (1 - 0.9785) for two n=10 intervals of ranks 2..9
        assertThat(ci.coverage()).isCloseTo(1 - 2 * (1 - Stats.coverage(10, 2)), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(ci.isConfidenceInterval()).isTrue();
        assertThat(ci.label()).contains("95% CI, n=10").contains("coverage at least");
    }

    @Test
    void boundRatioInterval_ofTooFewValuesIsARange_andOfAZeroReferenceIsAbsent() {
        Interval range = Stats.boundRatioInterval(new double[] {1, 2, 3}, new double[] {2, 4, 6}).orElseThrow();
        assertThat(range.low()).isEqualTo(2.0 / 3);
        assertThat(range.high()).isEqualTo(6.0);
        assertThat(range.isConfidenceInterval()).isFalse();
        assertThat(range.label()).startsWith("range of n=3").contains("not a 95% CI");
        assertThat(Stats.boundRatioInterval(new double[] {0, 0, 0, 0, 0, 0, 0}, new double[] {1, 1, 1, 1, 1, 1, 1})).isEmpty();
    }
}
