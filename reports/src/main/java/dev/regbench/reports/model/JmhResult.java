package dev.regbench.reports.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One entry of JMH's JSON output ({@code -rf json}): a benchmark method with one parameter
 * combination. Only the fields the report needs are read; others are ignored. JMH writes
 * {@code "NaN"} as a string for an undefined error (a single iteration): it is read as NaN.
 * Immutable; thread-safe.
 *
 * @param benchmark        fully qualified method, {@code dev.regbench.harness.jmh.BuffersBenchmark.pooled}
 * @param mode             {@code avgt}, {@code thrpt}, {@code sample}, {@code ss}
 * @param threads          benchmark threads
 * @param forks            forks
 * @param params           {@code @Param} values (empty when none)
 * @param primaryMetric    the score
 * @param secondaryMetrics profiler metrics, e.g. {@code gc.alloc.rate.norm} (bytes/op)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JmhResult(String benchmark, String mode, int threads, int forks, Map<String, String> params,
                        Metric primaryMetric, Map<String, Metric> secondaryMetrics) {

    /** The secondary metric JMH's gc profiler writes for bytes allocated per operation. */
    public static final String ALLOC_NORM = "gc.alloc.rate.norm";

    public JmhResult {
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(params));
        secondaryMetrics = secondaryMetrics == null ? Map.of() : Map.copyOf(secondaryMetrics);
    }

    /**
     * A JMH score.
     *
     * @param score      the score
     * @param scoreError half-width of the 99.9% interval JMH prints (NaN when undefined)
     * @param scoreUnit  {@code ns/op}, {@code ops/s}, {@code B/op}, …
     * @param rawData    per fork, each measurement iteration's figure (JMH's {@code rawData});
     *                   empty when absent
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Metric(double score, double scoreError, String scoreUnit, java.util.List<java.util.List<Double>> rawData) {
        public Metric {
            rawData = rawData == null ? java.util.List.of()
                    : rawData.stream().map(fork -> fork == null ? java.util.List.<Double>of()
                            : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(fork))).toList();
        }

        /** A score without per-iteration data. */
        public Metric(double score, double scoreError, String scoreUnit) {
            this(score, scoreError, scoreUnit, null);
        }

        /**
         * Every measurement iteration's figure, fork after fork ({@code rawData} flattened; NaN
         * dropped): empty when JMH wrote none (sample mode keeps a histogram instead).
         */
        public double[] samples() {
            return rawData.stream().flatMap(java.util.List::stream)
                    .filter(v -> v != null && !Double.isNaN(v)).mapToDouble(Double::doubleValue).toArray();
        }

        /** Number of forks with data. */
        public int forksWithData() {
            return (int) rawData.stream().filter(f -> !f.isEmpty()).count();
        }
    }

    /** Simple class name, e.g. {@code BuffersBenchmark}. */
    public String className() {
        int dot = benchmark.lastIndexOf('.');
        String cls = dot < 0 ? benchmark : benchmark.substring(0, dot);
        return cls.substring(cls.lastIndexOf('.') + 1);
    }

    /** Method name, e.g. {@code pooled}. */
    public String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** {@code method} or {@code method[size=65536,threads=4]}. */
    public String label() {
        if (params.isEmpty()) {
            return method();
        }
        StringBuilder sb = new StringBuilder(method()).append('[');
        params.forEach((k, v) -> sb.append(sb.charAt(sb.length() - 1) == '[' ? "" : ",").append(k).append('=').append(v));
        return sb.append(']').toString();
    }

    /** Bytes allocated per operation from {@code -prof gc}, if recorded. */
    public Optional<Metric> allocNorm() {
        return Optional.ofNullable(secondaryMetrics.get(ALLOC_NORM));
    }
}
