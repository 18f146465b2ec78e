package dev.regbench.reports.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** E-Divisive means on synthetic histories of a machine-independent figure (requests per run). */
class EDivisiveTest {

    /** {@code n} runs of about {@code level} requests, 1% Gaussian noise, times {@code 1 + step} from {@code at} on. */
    private static double[] history(int n, double level, int at, double step, long seed) {
        Random r = new Random(seed);
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = Math.round(level * (i >= at ? 1 + step : 1) * (1 + 0.01 * r.nextGaussian()));
        }
        return z;
    }

    @Test
    void aTenPercentStep_isFoundAtTheCommitItHappened() {
        for (long seed = 1; seed <= 5; seed++) {
            double[] z = history(40, 600, 26, 0.10, seed);

            List<EDivisive.ChangePoint> cps = EDivisive.DEFAULT.changePoints(z);

            assertThat(cps).as("seed %d", seed).hasSize(1);
            assertThat(cps.get(0).index()).isEqualTo(26);
            assertThat(cps.get(0).pValue()).isLessThanOrEqualTo(0.01);
            assertThat(cps.get(0).relativeChange()).isBetween(0.08, 0.12);
        }
    }

    @Test
    void aFlatNoisyHistory_hasNoChangePoint() {
        for (long seed = 1; seed <= 5; seed++) {
            assertThat(EDivisive.DEFAULT.changePoints(history(40, 600, 40, 0, seed))).as("seed %d", seed).isEmpty();
        }
    }

    @Test
    void twoSteps_areBothFound() {
        double[] z = history(45, 600, 15, 0.10, 7);
        for (int i = 30; i < z.length; i++) {
            z[i] *= 0.85;
        }
        assertThat(EDivisive.DEFAULT.changePoints(z)).extracting(EDivisive.ChangePoint::index).containsExactly(15, 30);
    }

    @Test
    void theSameSeriesGivesTheSameAnswer_andShortSeriesNone() {
        double[] z = history(30, 100, 12, 0.2, 3);
        assertThat(EDivisive.DEFAULT.changePoints(z)).isEqualTo(EDivisive.DEFAULT.changePoints(z));
        assertThat(EDivisive.DEFAULT.changePoints(new double[] {1, 2, 3, 50, 60})).isEmpty();
    }

    @Test
    void bestIn_matchesTheDefinitionComputedNaively() {
        double[] z = history(17, 50, 9, 0.3, 11);
        EDivisive e = new EDivisive(9, 0.05, 2, 1);
        double bestQ = Double.NEGATIVE_INFINITY;
        int bestTau = -1;
        for (int tau = 2; tau <= z.length - 2; tau++) {
            double q = naiveQ(z, tau);
            if (q > bestQ) {
                bestQ = q;
                bestTau = tau;
            }
        }
        double[] fast = e.bestIn(z, 0, z.length);
        assertThat((int) fast[0]).isEqualTo(bestTau);
        assertThat(fast[1]).isCloseTo(bestQ, org.assertj.core.data.Offset.offset(1e-9 * Math.abs(bestQ)));
    }

    private static double naiveQ(double[] z, int tau) {
        int m = tau;
        int k = z.length - tau;
        double between = 0;
        double wx = 0;
        double wy = 0;
        for (int i = 0; i < tau; i++) {
            for (int j = tau; j < z.length; j++) {
                between += Math.abs(z[i] - z[j]);
            }
            for (int j = i + 1; j < tau; j++) {
                wx += Math.abs(z[i] - z[j]);
            }
        }
        for (int i = tau; i < z.length; i++) {
            for (int j = i + 1; j < z.length; j++) {
                wy += Math.abs(z[i] - z[j]);
            }
        }
        double e = 2 * between / (m * k) - wx / (m * (m - 1) / 2.0) - wy / (k * (k - 1) / 2.0);
        return (double) m * k / (m + k) * e;
    }
}
