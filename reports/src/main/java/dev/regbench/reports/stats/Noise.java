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
 * <p>Noise is a property of the network profile as much as of the machine: a shaped WAN link
 * strays more than loopback. A calibration of a scenario with several profiles is therefore kept
 * per profile ({@code byNetwork}), and a comparison on one profile takes its slack from that
 * profile's A/A pairs only; a profile without A/A pairs gets the fallback, never another
 * profile's noise. The top-level {@code minEffect} is then the largest over the profiles, for
 * readers that do not know the profile.
 *
 * @param method    {@code assumed} or {@code a/a calibration}
 * @param n         number of A/A pairs (0 when assumed; with several profiles, the most of any one)
 * @param fallback  minimum effect of a metric the calibration did not see
 * @param minEffect per metric: the measured minimum effect (largest over the profiles)
 * @param byNetwork per network profile, its own calibration (empty when assumed or read from a
 *                  file written before profiles were kept apart)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Noise(String method, int n, double fallback, Map<String, Double> minEffect, Map<String, Noise> byNetwork) {
    /** The method name of a measured noise. */
    public static final String CALIBRATED = "a/a calibration";
    /** No calibration: ±{@link Stats#DEFAULT_MIN_EFFECT} for every metric. */
    public static final Noise ASSUMED = new Noise("assumed", 0, Stats.DEFAULT_MIN_EFFECT, Map.of());

    public Noise {
        minEffect = minEffect == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(minEffect));
        byNetwork = byNetwork == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(byNetwork));
    }

    /** A noise not split by network profile. */
    public Noise(String method, int n, double fallback, Map<String, Double> minEffect) {
        this(method, n, fallback, minEffect, Map.of());
    }

    /**
     * The minimum effect of a metric on one network profile: that profile's calibration; the
     * fallback when other profiles were calibrated but not this one; {@link #minEffect(String)}
     * when the noise is not split by profile (or {@code network} is null).
     */
    public double minEffect(String network, String metric) {
        if (network == null || byNetwork.isEmpty()) {
            return minEffect(metric);
        }
        Noise own = byNetwork.get(network);
        return own == null ? fallback : own.minEffect(metric);
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

    /**
     * From A/A pairs per network profile (profile → metric → [reference, copy]): each profile
     * calibrated on its own pairs, the top level the largest of each metric over the profiles.
     * {@link #ASSUMED} when no profile has pairs.
     */
    public static Noise calibratedByNetwork(Map<String, Map<String, double[][]>> aaPairsByNetwork) {
        Map<String, Noise> own = new LinkedHashMap<>();
        aaPairsByNetwork.forEach((network, pairs) -> {
            Noise one = calibrated(pairs);
            if (one.n() > 0) {
                own.put(network, one);
            }
        });
        if (own.isEmpty()) {
            return ASSUMED;
        }
        Map<String, Double> widest = new LinkedHashMap<>();
        int n = 0;
        for (Noise one : own.values()) {
            one.minEffect().forEach((metric, v) -> widest.merge(metric, v, Math::max));
            n = Math.max(n, one.n());
        }
        return new Noise(CALIBRATED, n, Stats.DEFAULT_MIN_EFFECT, widest, own);
    }
}
