package dev.regbench.reports.model;

import java.util.List;

/**
 * Where a curve stops paying off: the first point whose metric is already within
 * {@link #SATURATION} of the best point's. Past it, raising the parameter buys less than 10%.
 * The one knee rule of the project: the harness's sweep and the Gatling stress simulation's
 * staircase both call it, so "knee" means one thing in every report (it lives here because
 * reports is the module both already depend on). Robust to a noisy step because it compares
 * with the best, not with the neighbour. Stateless.
 */
public final class Knee {

    /** A point counts as saturated at 90% of the best value seen. */
    public static final double SATURATION = 0.90;

    private Knee() {
    }

    /**
     * @param values the metric's median at each point, in sweep order
     * @param higherIsBetter the metric's direction
     * @return the index of the knee, or -1 when no point has a value
     */
    public static int of(List<Double> values, boolean higherIsBetter) {
        double best = Double.NaN;
        for (double v : values) {
            if (!Double.isNaN(v) && (Double.isNaN(best) || (higherIsBetter ? v > best : v < best))) {
                best = v;
            }
        }
        if (Double.isNaN(best)) {
            return -1;
        }
        for (int i = 0; i < values.size(); i++) {
            double v = values.get(i);
            if (!Double.isNaN(v) && (higherIsBetter ? v >= SATURATION * best : v <= best / SATURATION)) {
                return i;
            }
        }
        return -1;
    }
}
