package dev.regbench.reports.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The noise of each metric on the machine that ran, and so the minimum effect a verdict needs.
 * Stored in {@code results.json} beside the comparisons it was used for. Immutable; thread-safe.
 *
 * <p>Two sources:
 * <ul>
 *   <li>{@link #ASSUMED}: nothing was measured; every metric needs
 *       {@link Stats#DEFAULT_MIN_EFFECT} (±5%).</li>
 *   <li>{@link #calibrated}: an A/A calibration ran the reference config as a second arm
 *       ({@code A~aa}) interleaved with the others, n times; a metric's minimum effect is the
 *       largest |b[i]/a[i] − 1| of its n A/A pairs — the widest the same config strayed from
 *       itself on this machine. 0 for figures that do not move (request counts).</li>
 * </ul>
 *
 * @param method    {@code assumed} or {@code a/a calibration}
 * @param n         number of A/A pairs (0 when assumed)
 * @param fallback  minimum effect of a metric the calibration did not see
 * @param minEffect per metric: the measured minimum effect
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Noise(String method, int n, double fallback, Map<String, Double> minEffect) {
    /** The method name of a measured noise. */
    public static final String CALIBRATED = "a/a calibration";
    /** No calibration: ±{@link Stats#DEFAULT_MIN_EFFECT} for every metric. */
    public static final Noise ASSUMED = new Noise("assumed", 0, Stats.DEFAULT_MIN_EFFECT, Map.of());

    public Noise {
        minEffect = minEffect == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(minEffect));
    }

    /** The minimum effect of a metric: measured if calibrated, else the fallback. */
    public double minEffect(String metric) {
        Double v = minEffect.get(metric);
        return v == null || v.isNaN() ? fallback : v;
    }

    /** True when measured by an A/A calibration. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isCalibrated() {
        return CALIBRATED.equals(method);
    }

    /**
     * From A/A pairs: per metric, the values of the reference arm and of its copy, repetition by
     * repetition (same length).
     */
    public static Noise calibrated(Map<String, double[][]> aaPairs) {
        Map<String, Double> out = new LinkedHashMap<>();
        int n = 0;
        for (Map.Entry<String, double[][]> e : aaPairs.entrySet()) {
            double[] a = e.getValue()[0];
            double[] b = e.getValue()[1];
            if (a.length == 0) {
                continue;
            }
            double worst = 0;
            for (double r : Stats.pairedRatios(a, b)) {
                worst = Math.max(worst, Math.abs(r - 1));
            }
            out.put(e.getKey(), worst);
            n = Math.max(n, a.length);
        }
        return new Noise(CALIBRATED, n, Stats.DEFAULT_MIN_EFFECT, out);
    }
}
