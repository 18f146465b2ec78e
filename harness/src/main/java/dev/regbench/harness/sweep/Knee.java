package dev.regbench.harness.sweep;

import java.util.List;

/**
 * Where a curve stops paying off: the first point after which the next step gains less than
 * {@link #MIN_GAIN} of the metric (in the metric's better direction). On a monotone, saturating
 * throughput curve this is the knee an engineer would point at. Stateless.
 */
final class Knee {

    /** A step that improves by less than 10% is not worth its cost. */
    static final double MIN_GAIN = 0.10;

    private Knee() {
    }

    /**
     * @param values the metric's median at each point, in sweep order
     * @param higherIsBetter the metric's direction
     * @return the index of the knee (the last point worth having), or the last index when every step pays
     */
    static int of(List<Double> values, boolean higherIsBetter) {
        for (int i = 0; i + 1 < values.size(); i++) {
            double here = values.get(i);
            double next = values.get(i + 1);
            if (Double.isNaN(here) || Double.isNaN(next) || here == 0) {
                continue;
            }
            double gain = higherIsBetter ? (next - here) / Math.abs(here) : (here - next) / Math.abs(here);
            if (gain < MIN_GAIN) {
                return i;
            }
        }
        return values.size() - 1;
    }
}
