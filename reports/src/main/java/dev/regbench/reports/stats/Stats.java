package dev.regbench.reports.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Descriptive statistics and intervals for the small samples a benchmark produces (3–20
 * repetitions). Used by the harness (summary, compare, gate) and by the report, so both quote
 * the same figures. Stateless; thread-safe. Inputs are never modified.
 *
 * <h2>Intervals</h2>
 * <ul>
 *   <li>{@link #medianInterval(double[])}: the distribution-free interval of the median from
 *       order statistics, as Go's benchstat computes it: with x(1) ≤ … ≤ x(n), the interval
 *       [x(k), x(n+1-k)] covers the true median with probability
 *       1 - 2·P(Binomial(n, ½) ≤ k-1), whatever the distribution. The widest k whose coverage
 *       is still ≥ 95% is taken and its <em>exact</em> coverage stored in the {@link Interval}.
 *       For n &lt; 6 even [min, max] covers less than 95% (n = 3: 75%); the interval is then
 *       [min, max] labelled a range with its n ({@link Interval#isConfidenceInterval()} false).</li>
 *   <li>{@link #pairedRatioInterval(double[], double[])}: the ratio B/A of a paired design: A and
 *       B ran side by side in each repetition (interleaved, ABBA), so each repetition gives one
 *       ratio b[i]/a[i] and the drift of a shared machine cancels within a pair. The estimate is
 *       the median of the ratios, its interval the order-statistic interval above.</li>
 *   <li>{@link #ratioCi(double[], double[])}: an unpaired percentile bootstrap of the ratio of
 *       medians, for samples that were not run side by side; its coverage is unknown for small n
 *       and it is labelled so.</li>
 * </ul>
 *
 * <h2>Verdicts</h2>
 * {@link #verdict(Interval, Direction, double)}: better or worse only when the whole interval of
 * B/A lies beyond 1 ± the minimum effect; a range that is not a 95% interval gives
 * {@link Verdict#INSUFFICIENT_DATA}. The minimum effect is the measured noise of the metric
 * ({@link Noise}, from an A/A calibration) or, when none was measured,
 * {@link #DEFAULT_MIN_EFFECT} — one threshold everywhere.
 */
public final class Stats {

    /** Number of bootstrap resamples unless told otherwise. */
    public static final int DEFAULT_RESAMPLES = 2000;
    /** Confidence level of the intervals unless told otherwise. */
    public static final double DEFAULT_CONFIDENCE = 0.95;
    /** Seed of the resampling, so that intervals are deterministic. */
    public static final long DEFAULT_SEED = 0x5eed_2026L;
    /**
     * The minimum effect a verdict needs when no A/A calibration measured the noise: ±5%.
     * Every comparison (written by the runner or recomputed by the report) uses it.
     */
    public static final double DEFAULT_MIN_EFFECT = 0.05;
    /** The smallest n whose [min, max] is a 95% interval of the median (coverage 96.9%). */
    public static final int MIN_N_FOR_95 = minimumN(DEFAULT_CONFIDENCE);

    private Stats() {
    }

    public static double median(double[] xs) {
        return percentile(xs, 50);
    }

    public static double min(double[] xs) {
        requireValues(xs);
        return Arrays.stream(xs).min().orElseThrow();
    }

    public static double max(double[] xs) {
        requireValues(xs);
        return Arrays.stream(xs).max().orElseThrow();
    }

    public static double mean(double[] xs) {
        requireValues(xs);
        return Arrays.stream(xs).sum() / xs.length;
    }

    /**
     * The p-th percentile (0..100) with linear interpolation between closest ranks
     * (the "R-7" definition used by NumPy and most spreadsheets).
     */
    public static double percentile(double[] xs, double p) {
        requireValues(xs);
        if (p < 0 || p > 100 || Double.isNaN(p)) {
            throw new IllegalArgumentException("percentile must be within 0..100, got " + p);
        }
        double[] sorted = xs.clone();
        Arrays.sort(sorted);
        return percentileOfSorted(sorted, p);
    }

    static double percentileOfSorted(double[] sorted, double p) {
        double rank = p / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        if (lo == hi || sorted[lo] == sorted[hi]) {
            return sorted[lo];
        }
        return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
    }

    // ---- order-statistic interval of the median -------------------------------------------

    /** {@link #medianInterval(double[], double)} at 95%. */
    public static Interval medianInterval(double[] xs) {
        return medianInterval(xs, DEFAULT_CONFIDENCE);
    }

    /**
     * The distribution-free interval of the median from order statistics, with its exact
     * coverage; [min, max] labelled as a range when n is too small for {@code confidence}.
     */
    public static Interval medianInterval(double[] xs, double confidence) {
        requireValues(xs);
        checkConfidence(confidence);
        double[] sorted = xs.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        int k = orderStatisticRank(n, confidence);
        if (k == 0) {
            return new Interval(sorted[0], sorted[n - 1], n, coverage(n, 1), Interval.ORDER_STATISTICS);
        }
        return new Interval(sorted[k - 1], sorted[n - k], n, coverage(n, k), Interval.ORDER_STATISTICS);
    }

    /**
     * The largest k (1-based) such that [x(k), x(n+1-k)] covers the median with probability ≥
     * {@code confidence}; 0 when even k = 1 ([min, max]) does not.
     */
    public static int orderStatisticRank(int n, double confidence) {
        int best = 0;
        for (int k = 1; k <= (n + 1) / 2; k++) {
            if (coverage(n, k) >= confidence) {
                best = k;
            } else {
                break;
            }
        }
        return best;
    }

    /**
     * Exact coverage of [x(k), x(n+1-k)] for the median of any continuous distribution:
     * 1 - 2·P(Binomial(n, ½) ≤ k-1). For k = 1 ([min, max]): 1 - 2·0.5^n.
     */
    public static double coverage(int n, int k) {
        if (n < 1 || k < 1 || k > (n + 1) / 2) {
            throw new IllegalArgumentException("coverage needs 1 <= k <= (n+1)/2, got n=" + n + ", k=" + k);
        }
        double tail = 0;
        double logHalfN = n * Math.log(0.5);
        double logChoose = 0; // log C(n, 0)
        for (int i = 0; i <= k - 1; i++) {
            if (i > 0) {
                logChoose += Math.log(n - i + 1) - Math.log(i);
            }
            tail += Math.exp(logChoose + logHalfN);
        }
        return Math.max(0, 1 - 2 * tail);
    }

    /** The smallest n whose [min, max] covers the median with probability ≥ confidence. */
    public static int minimumN(double confidence) {
        checkConfidence(confidence);
        int n = 1;
        while (coverage(n, 1) < confidence) {
            n++;
        }
        return n;
    }

    /**
     * Kept for callers of the first API: now the order-statistic interval
     * ({@link #medianInterval(double[])}), no longer a bootstrap.
     */
    public static Interval medianCi(double[] xs) {
        return medianInterval(xs);
    }

    // ---- paired ratios ---------------------------------------------------------------------

    /**
     * The per-repetition ratios b[i] / a[i] of a paired design (a[i] and b[i] ran in the same
     * repetition). 0/0 is 1; x/0 is ±∞.
     */
    public static double[] pairedRatios(double[] a, double[] b) {
        requireValues(a);
        requireValues(b);
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired samples need the same length, got " + a.length + " and " + b.length);
        }
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = ratio(b[i], a[i]);
        }
        return r;
    }

    /** Median of the paired ratios b[i]/a[i]: the paired estimate of B/A. */
    public static double pairedRatio(double[] a, double[] b) {
        return median(pairedRatios(a, b));
    }

    /** Order-statistic interval of the median paired ratio B/A (95%, or a range for n &lt; 6). */
    public static Interval pairedRatioInterval(double[] a, double[] b) {
        return medianInterval(pairedRatios(a, b));
    }

    // ---- unpaired ratio of medians: bound ratio --------------------------------------------

    /**
     * Interval of the ratio of medians B/A from two unpaired samples (for example two JMH
     * benchmarks, whose forks run one after the other, so pairing their iterations by index would
     * remove no drift): each median's order-statistic interval at {@code 1 - (1 - confidence)/2},
     * and the ratio of their bounds, [low(B)/high(A), high(B)/low(A)]. Both median intervals hold
     * at once with probability at least 1 - αA - αB (Bonferroni), and then the ratio interval holds
     * the ratio of the medians: the stored coverage is that lower bound. With too few values for
     * the per-median confidence each is [min, max] and the result is a range (coverage below
     * {@code confidence}). Empty when A's interval reaches 0 or below (no finite ratio bound).
     *
     * @param a          reference values, positive
     * @param b          candidate values, non-negative
     * @param confidence the coverage wanted for the ratio, e.g. 0.95
     */
    public static java.util.Optional<Interval> boundRatioInterval(double[] a, double[] b, double confidence) {
        requireValues(a);
        requireValues(b);
        checkConfidence(confidence);
        double each = 1 - (1 - confidence) / 2;
        Interval ia = medianInterval(a, each);
        Interval ib = medianInterval(b, each);
        if (!(ia.low() > 0)) {
            return java.util.Optional.empty();
        }
        double coverage = Math.max(0, 1 - (1 - ia.coverage()) - (1 - ib.coverage()));
        return java.util.Optional.of(new Interval(Math.max(0, ib.low()) / ia.high(), ib.high() / ia.low(),
                Math.min(a.length, b.length), coverage, Interval.BOUND_RATIO));
    }

    /** {@link #boundRatioInterval(double[], double[], double)} at 95%. */
    public static java.util.Optional<Interval> boundRatioInterval(double[] a, double[] b) {
        return boundRatioInterval(a, b, DEFAULT_CONFIDENCE);
    }

    // ---- unpaired bootstrap ----------------------------------------------------------------

    /** Bootstrap (percentile method) interval of the median; coverage unknown, labelled so. */
    public static Interval medianCi(double[] xs, int resamples, double confidence, long seed) {
        requireValues(xs);
        checkBootstrap(resamples, confidence);
        SplittableRandom random = new SplittableRandom(seed);
        double[] medians = new double[resamples];
        double[] scratch = new double[xs.length];
        for (int i = 0; i < resamples; i++) {
            medians[i] = resampledMedian(xs, scratch, random);
        }
        return tails(medians, confidence, xs.length);
    }

    /**
     * Ratio of medians B/A (for example 1.8 = B is 80% higher). 1 when both medians are 0;
     * +∞ when only A's median is 0.
     */
    public static double ratioOfMedians(double[] a, double[] b) {
        return ratio(median(b), median(a));
    }

    /** Unpaired bootstrap interval of the ratio of medians B/A, default resamples and seed. */
    public static Interval ratioCi(double[] a, double[] b) {
        return ratioCi(a, b, DEFAULT_RESAMPLES, DEFAULT_CONFIDENCE, DEFAULT_SEED);
    }

    /**
     * Unpaired bootstrap interval of the ratio of medians B/A: A and B are resampled
     * independently, the ratio computed per resample. For samples that were not run side by
     * side; its coverage is not known ({@link Interval#BOOTSTRAP}).
     */
    public static Interval ratioCi(double[] a, double[] b, int resamples, double confidence, long seed) {
        requireValues(a);
        requireValues(b);
        checkBootstrap(resamples, confidence);
        SplittableRandom random = new SplittableRandom(seed);
        double[] ratios = new double[resamples];
        double[] scratchA = new double[a.length];
        double[] scratchB = new double[b.length];
        for (int i = 0; i < resamples; i++) {
            double ma = resampledMedian(a, scratchA, random);
            double mb = resampledMedian(b, scratchB, random);
            ratios[i] = ratio(mb, ma);
        }
        return tails(ratios, confidence, Math.min(a.length, b.length));
    }

    // ---- verdicts ----------------------------------------------------------------------------

    /** Verdict on B vs A from the interval of B/A with the default minimum effect. */
    public static Verdict verdict(Interval ratioCi, Direction direction) {
        return verdict(ratioCi, direction, DEFAULT_MIN_EFFECT);
    }

    /**
     * Verdict on B vs A from the interval of the ratio B/A: {@link Verdict#INSUFFICIENT_DATA}
     * when the interval is NaN or only a range (not a 95% interval); better/worse (or different
     * for a neutral metric) when the whole interval lies beyond 1 ± minEffect; otherwise no
     * significant difference.
     *
     * @param minEffect relative change treated as no change even when significant, e.g. 0.05
     *                  ignores differences within ±5% (the measured noise, see {@link Noise})
     */
    public static Verdict verdict(Interval ratioCi, Direction direction, double minEffect) {
        if (Double.isNaN(ratioCi.low()) || Double.isNaN(ratioCi.high()) || !ratioCi.isConfidenceInterval()) {
            return Verdict.INSUFFICIENT_DATA;
        }
        boolean higher = ratioCi.low() > 1 + minEffect;
        boolean lower = ratioCi.high() < 1 - minEffect;
        if (!higher && !lower) {
            return Verdict.NO_SIGNIFICANT_DIFFERENCE;
        }
        return switch (direction) {
            case HIGHER_IS_BETTER -> higher ? Verdict.BETTER : Verdict.WORSE;
            case LOWER_IS_BETTER -> lower ? Verdict.BETTER : Verdict.WORSE;
            case NEUTRAL -> Verdict.DIFFERENT;
        };
    }

    /**
     * Full comparison of samples A and B: paired ({@link #pairedRatioInterval}) when they have
     * the same length (the runner's a[i], b[i] come from repetition i), else the unpaired
     * bootstrap, which is treated as a range (it never decides). Fewer than 2 values on a side →
     * {@link Verdict#INSUFFICIENT_DATA}.
     */
    public static Verdict compare(double[] a, double[] b, Direction direction, double minEffect) {
        if (a.length < 2 || b.length < 2) {
            return Verdict.INSUFFICIENT_DATA;
        }
        Interval ci = a.length == b.length ? pairedRatioInterval(a, b) : ratioCi(a, b);
        return verdict(ci, direction, minEffect);
    }

    static double ratio(double numerator, double denominator) {
        if (denominator == 0) {
            return numerator == 0 ? 1 : Math.copySign(Double.POSITIVE_INFINITY, numerator);
        }
        return numerator / denominator;
    }

    private static double resampledMedian(double[] xs, double[] scratch, SplittableRandom random) {
        for (int j = 0; j < xs.length; j++) {
            scratch[j] = xs[random.nextInt(xs.length)];
        }
        Arrays.sort(scratch);
        return percentileOfSorted(scratch, 50);
    }

    private static Interval tails(double[] estimates, double confidence, int n) {
        Arrays.sort(estimates);
        double alpha = (1 - confidence) / 2 * 100;
        return new Interval(percentileOfSorted(estimates, alpha), percentileOfSorted(estimates, 100 - alpha), n,
                Double.NaN, Interval.BOOTSTRAP);
    }

    private static void checkBootstrap(int resamples, double confidence) {
        if (resamples < 100) {
            throw new IllegalArgumentException("bootstrap needs at least 100 resamples, got " + resamples);
        }
        checkConfidence(confidence);
    }

    private static void checkConfidence(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be within (0, 1), got " + confidence);
        }
    }

    private static void requireValues(double[] xs) {
        if (xs == null || xs.length == 0) {
            throw new IllegalArgumentException("no values: statistics need at least one value");
        }
        for (double x : xs) {
            if (Double.isNaN(x)) {
                throw new IllegalArgumentException("NaN among the values: " + Arrays.toString(xs));
            }
        }
    }
}
