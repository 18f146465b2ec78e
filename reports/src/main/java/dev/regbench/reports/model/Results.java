package dev.regbench.reports.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.regbench.reports.stats.Noise;
import java.util.HashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The content of one scenario's {@code results.json} (schema version {@value #SCHEMA_VERSION}):
 * where it ran, what ran, every repetition's raw figures, and the statistics derived from them.
 * Written by the harness, read by compare, gate and the report ({@link ResultsIo}).
 *
 * <p>Immutable; thread-safe. Lists are never null (empty when absent); {@code sweep} is null
 * for a plain scenario run.
 *
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param environment   where it ran
 * @param scenario      what ran
 * @param configs       the tuning configs, in the order they were interleaved
 * @param runs          every measured repetition (warm-ups excluded), in execution order
 * @param summary       per config and metric: median, min, max, mean, and the order-statistic
 *                      interval of the median with its n and exact coverage
 * @param comparisons   per metric: the paired ratio B/A with its interval (n, coverage, method)
 *                      and a verdict
 * @param sweep         the parameter sweep, when this run was one
 * @param noise         the minimum effect each verdict needed: measured by an A/A calibration or
 *                      the assumed default ({@link Noise#ASSUMED} when absent)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Results(int schemaVersion, Environment environment, ScenarioInfo scenario, List<ConfigEntry> configs,
                      List<RunResult> runs, List<SummaryRow> summary, List<Comparison> comparisons, Sweep sweep,
                      Noise noise) {

    /** The schema version this code writes and reads. */
    public static final int SCHEMA_VERSION = 1;

    public Results {
        configs = configs == null ? List.of() : List.copyOf(configs);
        runs = runs == null ? List.of() : List.copyOf(runs);
        summary = summary == null ? List.of() : List.copyOf(summary);
        comparisons = comparisons == null ? List.of() : List.copyOf(comparisons);
        noise = noise == null ? Noise.ASSUMED : noise;
    }

    /** Results without a noise measurement ({@link Noise#ASSUMED}). */
    public Results(int schemaVersion, Environment environment, ScenarioInfo scenario, List<ConfigEntry> configs,
                   List<RunResult> runs, List<SummaryRow> summary, List<Comparison> comparisons, Sweep sweep) {
        this(schemaVersion, environment, scenario, configs, runs, summary, comparisons, sweep, null);
    }

    /** The same results with another sweep. */
    public Results withSweep(Sweep newSweep) {
        return new Results(schemaVersion, environment, scenario, configs, runs, summary, comparisons, newSweep, noise);
    }

    /**
     * The paired values of a metric: {a[i], b[i]} from the repetitions where both configs have a
     * value (ok runs, or all runs when {@code includeFailed}), in repetition order.
     */
    public double[][] pairs(String a, String b, String metric, boolean includeFailed) {
        Map<Integer, Double> av = byRepetition(a, metric, includeFailed);
        Map<Integer, Double> bv = byRepetition(b, metric, includeFailed);
        List<Integer> reps = av.keySet().stream().filter(bv::containsKey).sorted().toList();
        double[][] out = new double[2][reps.size()];
        for (int i = 0; i < reps.size(); i++) {
            out[0][i] = av.get(reps.get(i));
            out[1][i] = bv.get(reps.get(i));
        }
        return out;
    }

    /** Run ids ({@code config#repetition}) of a config's runs that count for a metric. */
    public List<String> runIds(String config, boolean includeFailed) {
        return runs.stream().filter(r -> r.config().equals(config) && (includeFailed || r.ok()))
                .map(r -> r.config() + "#" + r.repetition()).toList();
    }

    private Map<Integer, Double> byRepetition(String config, String metric, boolean includeFailed) {
        Map<Integer, Double> out = new HashMap<>();
        for (RunResult r : runs) {
            if (!r.config().equals(config) || (!includeFailed && !r.ok())) {
                continue;
            }
            Double v = metric.startsWith(LATENCY_PREFIX) ? latencyValue(r, metric) : Metrics.derive(r.metrics()).get(metric);
            if (v != null && !v.isNaN()) {
                out.put(r.repetition(), v);
            }
        }
        return out;
    }

    /** Config names in config order, then any further names that only appear in runs. */
    public List<String> configNames() {
        Set<String> names = new LinkedHashSet<>();
        configs.forEach(c -> names.add(c.name()));
        runs.forEach(r -> names.add(r.config()));
        return List.copyOf(names);
    }

    /** The ok runs of a config. */
    public List<RunResult> okRuns(String config) {
        return runs.stream().filter(r -> r.ok() && r.config().equals(config)).toList();
    }

    /**
     * The values of a metric over a config's ok runs, including the derived per-MiB metrics
     * ({@link Metrics#derive}); empty when no ok run recorded it.
     */
    public double[] values(String config, String metric) {
        return values(config, metric, false);
    }

    /**
     * As {@link #values(String, String)}, optionally including failed runs (for figures that
     * describe the failure itself, such as {@code failed_requests} without retries).
     */
    public double[] values(String config, String metric, boolean includeFailed) {
        List<Double> out = new ArrayList<>();
        List<RunResult> selected = includeFailed
                ? runs.stream().filter(r -> r.config().equals(config)).toList() : okRuns(config);
        for (RunResult r : selected) {
            Double v = metric.startsWith(LATENCY_PREFIX) ? latencyValue(r, metric) : Metrics.derive(r.metrics()).get(metric);
            if (v != null && !v.isNaN()) {
                out.add(v);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * The summary row of a config and metric: the written one if present (and written with its
     * interval's method: rows of older files are recomputed), else computed from the runs; empty
     * when there are no values.
     */
    public Optional<SummaryRow> summaryOf(String config, String metric) {
        Optional<SummaryRow> written = summary.stream()
                .filter(s -> s.config().equals(config) && s.metric().equals(metric))
                .filter(s -> s.method() != null && !s.method().equals(dev.regbench.reports.stats.Interval.GIVEN)).findFirst();
        if (written.isPresent()) {
            return written;
        }
        double[] v = values(config, metric);
        return v.length == 0 ? Optional.empty() : Optional.of(SummaryRow.of(config, metric, v));
    }

    /**
     * The comparison B vs A on a metric: the written one if present, else computed from the runs
     * (paired by repetition, with the same minimum effect the runner uses: {@link #noise()} of
     * a's network profile);
     * empty when no repetition has values on both sides.
     */
    public Optional<Comparison> comparisonOf(String a, String b, String metric) {
        Optional<Comparison> written = comparisons.stream()
                .filter(c -> c.a().equals(a) && c.b().equals(b) && c.metric().equals(metric))
                .filter(c -> c.method() != null && !c.method().equals(dev.regbench.reports.stats.Interval.GIVEN)).findFirst();
        if (written.isPresent()) {
            return written;
        }
        double[][] p = pairs(a, b, metric, false);
        if (p[0].length == 0) {
            return Optional.empty();
        }
        return Optional.of(Comparison.of(a, b, metric, p[0], p[1], noise.minEffect(networkOf(a), metric)));
    }

    /** The network profile config {@code name} ran on (its entry's {@code network} value), or null. */
    public String networkOf(String name) {
        return configs.stream().filter(c -> c.name().equals(name)).findFirst()
                .map(c -> c.values() == null ? null : c.values().get("network"))
                .map(Object::toString).orElse(null);
    }

    /**
     * Prefix of the pseudo-metrics that address a latency percentile:
     * {@code latency.<operation>.<p50|p90|p99|p999|max>} (ms).
     */
    public static final String LATENCY_PREFIX = "latency.";

    private static Double latencyValue(RunResult r, String metric) {
        String rest = metric.substring(LATENCY_PREFIX.length());
        int dot = rest.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        LatencySummary l = r.latency().get(rest.substring(0, dot));
        if (l == null) {
            return null;
        }
        return switch (rest.substring(dot + 1)) {
            case "p50" -> l.p50();
            case "p90" -> l.p90();
            case "p99" -> l.p99();
            case "p999" -> l.p999();
            case "max" -> l.max();
            default -> null;
        };
    }

    /** Number of failed runs. */
    public long failedRunCount() {
        return runs.stream().filter(r -> !r.ok()).count();
    }
}
