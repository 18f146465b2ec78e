package dev.regbench.reports.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Descriptive statistics and bootstrap confidence intervals for the small samples a
 * benchmark produces (3–20 repetitions). Used by the harness (summary, compare, gate) and
 * by the report, so both quote the same figures.
 *
 * <p>The bootstrap is the percentile method with a fixed seed: the same input always gives
 * the same interval, so results files and tests are reproducible. Defaults:
 * {@value #DEFAULT_RESAMPLES} resamples, 95% confidence, seed {@value #DEFAULT_SEED}.
 *
 * <p>Stateless; thread-safe. Inputs are never modified.
 */
public final class Stats {

    /** Number of bootstrap resamples unless told otherwise. */
    public static final int DEFAULT_RESAMPLES = 2000;
    /** Confidence level of the intervals unless told otherwise. */
    public static final double DEFAULT_CONFIDENCE = 0.95;
    /** Seed of the resampling, so that intervals are deterministic. */
    public static final long DEFAULT_SEED = 0x5eed_2026L;

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

    /** 95% bootstrap confidence interval of the median with the default resamples and seed. */
    public static Interval medianCi(double[] xs) {
        return medianCi(xs, DEFAULT_RESAMPLES, DEFAULT_CONFIDENCE, DEFAULT_SEED);
    }

    /** Bootstrap (percentile method) confidence interval of the median. */
    public static Interval medianCi(double[] xs, int resamples, double confidence, long seed) {
        requireValues(xs);
        checkBootstrap(resamples, confidence);
        SplittableRandom random = new SplittableRandom(seed);
        double[] medians = new double[resamples];
        double[] scratch = new double[xs.length];
        for (int i = 0; i < resamples; i++) {
            medians[i] = resampledMedian(xs, scratch, random);
        }
        return tails(medians, confidence);
    }

    /**
     * Ratio of medians B/A (for example 1.8 = B is 80% higher). 1 when both medians are 0;
     * +∞ when only A's median is 0.
     */
    public static double ratioOfMedians(double[] a, double[] b) {
        return ratio(median(b), median(a));
    }

    /** 95% bootstrap confidence interval of the ratio of medians B/A, default resamples and seed. */
    public static Interval ratioCi(double[] a, double[] b) {
        return ratioCi(a, b, DEFAULT_RESAMPLES, DEFAULT_CONFIDENCE, DEFAULT_SEED);
    }

    /**
     * Bootstrap confidence interval of the ratio of medians B/A: A and B are resampled
     * independently (they are separate runs), the ratio computed per resample.
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
        return tails(ratios, confidence);
    }

    /** Verdict on B vs A from the interval of B/A, with no minimum effect. */
    public static Verdict verdict(Interval ratioCi, Direction direction) {
        return verdict(ratioCi, direction, 0);
    }

    /**
     * Verdict on B vs A from the confidence interval of the ratio B/A.
     *
     * @param minEffect relative change treated as no change even when significant, e.g. 0.02
     *                  ignores differences within ±2% (0 = none)
     */
    public static Verdict verdict(Interval ratioCi, Direction direction, double minEffect) {
        if (Double.isNaN(ratioCi.low()) || Double.isNaN(ratioCi.high())) {
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
     * Full comparison of samples A and B: verdict {@link Verdict#INSUFFICIENT_DATA} when a side
     * has fewer than 2 values, otherwise {@link #verdict(Interval, Direction, double)} on the
     * bootstrap interval of B/A.
     */
    public static Verdict compare(double[] a, double[] b, Direction direction, double minEffect) {
        if (a.length < 2 || b.length < 2) {
            return Verdict.INSUFFICIENT_DATA;
        }
        return verdict(ratioCi(a, b), direction, minEffect);
    }

    private static double ratio(double numerator, double denominator) {
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

    private static Interval tails(double[] estimates, double confidence) {
        Arrays.sort(estimates);
        double alpha = (1 - confidence) / 2 * 100;
        return new Interval(percentileOfSorted(estimates, alpha), percentileOfSorted(estimates, 100 - alpha));
    }

    private static void checkBootstrap(int resamples, double confidence) {
        if (resamples < 100) {
            throw new IllegalArgumentException("bootstrap needs at least 100 resamples, got " + resamples);
        }
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
