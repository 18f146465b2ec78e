package dev.regbench.reports.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * Change points in a series by E-Divisive with means (Matteson and James, "A Nonparametric
 * Approach for Multiple Change Point Analysis of Multivariate Data", JASA 2014), the detector of
 * MongoDB's performance CI (signal-processing) and Apache Otava (formerly Hunter).
 *
 * <p>For a segment {@code [s, e)} and each split {@code τ} with at least {@link #minSize} points
 * on either side, {@code X = Z[s..τ)}, {@code Y = Z[τ..e)}, {@code m = |X|}, {@code k = |Y|},
 * the divergence is
 * <pre>
 *   q(τ) = m·k/(m+k) · ( 2/(m·k) Σ|x−y|^α − 1/C(m,2) Σ|x−x'|^α − 1/C(k,2) Σ|y−y'|^α )
 * </pre>
 * (α = 1 here). The split with the largest {@code q} over all current segments is a candidate;
 * its significance is a permutation test: the values are shuffled within each segment
 * {@link #permutations} times, and the candidate stands when the share of shuffles with as large
 * a best {@code q}, {@code (hits + 1) / (permutations + 1)}, is at most {@link #significance}.
 * Found change points split the series and the search repeats (hierarchical, as in the paper)
 * until a candidate is not significant. The shuffles use a fixed seed, so a series always gives
 * the same answer. Sums are updated incrementally: O(n²) per scan.
 *
 * <p>Immutable; thread-safe (each call has its own {@link Random}).
 *
 * @param permutations shuffles per candidate (e.g. 199)
 * @param significance the largest p-value accepted (e.g. 0.01)
 * @param minSize      the fewest points on either side of a change point (at least 2)
 * @param seed         seed of the shuffles
 */
public record EDivisive(int permutations, double significance, int minSize, long seed) {

    /** 999 shuffles, p ≤ 0.01, at least 3 points per side, seed 1. */
    public static final EDivisive DEFAULT = new EDivisive(999, 0.01, 3, 1L);

    public EDivisive {
        if (permutations < 1 || significance <= 0 || significance >= 1 || minSize < 2) {
            throw new IllegalArgumentException("EDivisive needs permutations >= 1, 0 < significance < 1, minSize >= 2");
        }
    }

    /**
     * One change point.
     *
     * @param index    the first index after the change
     * @param q        the divergence at the split
     * @param pValue   of the permutation test
     * @param before   mean of the segment before (up to the previous change point)
     * @param after    mean of the segment after (up to the next change point)
     */
    public record ChangePoint(int index, double q, double pValue, double before, double after) {
        /** (after − before) / |before|, NaN when before is 0. */
        public double relativeChange() {
            return before == 0 ? Double.NaN : (after - before) / Math.abs(before);
        }
    }

    /** The change points of {@code series} in index order (none for fewer than 2 × minSize points). */
    public List<ChangePoint> changePoints(double[] series) {
        int n = series.length;
        TreeSet<Integer> cuts = new TreeSet<>();
        List<double[]> found = new ArrayList<>(); // {index, q, p}
        Random random = new Random(seed);
        double[] work = series.clone();
        while (true) {
            double[] best = best(series, cuts);
            if (best == null) {
                break;
            }
            int hits = 0;
            for (int r = 0; r < permutations; r++) {
                System.arraycopy(series, 0, work, 0, n);
                int start = 0;
                for (int cut : bounds(cuts, n)) {
                    shuffle(work, start, cut, random);
                    start = cut;
                }
                double[] b = best(work, cuts);
                if (b != null && b[1] >= best[1]) {
                    hits++;
                }
            }
            double p = (hits + 1.0) / (permutations + 1.0);
            if (p > significance) {
                break;
            }
            cuts.add((int) best[0]);
            found.add(new double[] {best[0], best[1], p});
        }
        found.sort((a, b) -> Double.compare(a[0], b[0]));
        List<ChangePoint> out = new ArrayList<>();
        List<Integer> all = new ArrayList<>(cuts);
        for (double[] f : found) {
            int idx = (int) f[0];
            int pos = all.indexOf(idx);
            int from = pos == 0 ? 0 : all.get(pos - 1);
            int to = pos == all.size() - 1 ? n : all.get(pos + 1);
            out.add(new ChangePoint(idx, f[1], f[2], mean(series, from, idx), mean(series, idx, to)));
        }
        return out;
    }

    /** {index, q} of the best split over all segments between {@code cuts}, or null when no segment can split. */
    private double[] best(double[] z, TreeSet<Integer> cuts) {
        double[] best = null;
        int start = 0;
        for (int end : bounds(cuts, z.length)) {
            double[] b = bestIn(z, start, end);
            if (b != null && (best == null || b[1] > best[1])) {
                best = b;
            }
            start = end;
        }
        return best;
    }

    private static List<Integer> bounds(TreeSet<Integer> cuts, int n) {
        List<Integer> out = new ArrayList<>(cuts);
        out.add(n);
        return out;
    }

    /** The best split of {@code z[s, e)}: incremental within- and between-sums as τ moves right. */
    double[] bestIn(double[] z, int s, int e) {
        if (e - s < 2 * minSize) {
            return null;
        }
        // tau = s + minSize to start: X = [s, tau), Y = [tau, e)
        int tau = s + minSize;
        double wx = 0;
        double wy = 0;
        double between = 0;
        for (int i = s; i < e; i++) {
            for (int j = i + 1; j < e; j++) {
                double d = Math.abs(z[i] - z[j]);
                if (j < tau) {
                    wx += d;
                } else if (i >= tau) {
                    wy += d;
                } else {
                    between += d;
                }
            }
        }
        double[] best = null;
        while (true) {
            int m = tau - s;
            int k = e - tau;
            double q = (double) m * k / (m + k)
                    * (2.0 * between / ((double) m * k) - wx / (m * (m - 1) / 2.0) - wy / (k * (k - 1) / 2.0));
            if (best == null || q > best[1]) {
                best = new double[] {tau, q};
            }
            if (tau + 1 > e - minSize) {
                break;
            }
            // move z[tau] from Y to X
            double toX = 0;
            double toY = 0;
            for (int i = s; i < tau; i++) {
                toX += Math.abs(z[i] - z[tau]);
            }
            for (int j = tau + 1; j < e; j++) {
                toY += Math.abs(z[tau] - z[j]);
            }
            wx += toX;
            wy -= toY;
            between += toY - toX;
            tau++;
        }
        return best;
    }

    private static void shuffle(double[] a, int from, int to, Random random) {
        for (int i = to - 1; i > from; i--) {
            int j = from + random.nextInt(i - from + 1);
            double t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static double mean(double[] z, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += z[i];
        }
        return to > from ? sum / (to - from) : Double.NaN;
    }
}
