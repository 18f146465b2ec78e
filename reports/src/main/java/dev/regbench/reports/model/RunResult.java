package dev.regbench.reports.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured repetition of one config. Immutable; thread-safe.
 *
 * @param config          config name (see {@link ConfigEntry#name()})
 * @param repetition      0-based repetition index
 * @param ok              false when the run failed (wrong or missing digest, exception): its
 *                        figures are kept for inspection but never summarized
 * @param error           why the run failed, null when ok
 * @param metrics         metric name ({@link Metrics}) → value
 * @param latency         operation type ({@code manifest_get}, {@code blob_get}, {@code blob_put}, …)
 *                        → percentiles in ms
 * @param requestsByRoute optional requests per route ({@code GET /v2/<name>/blobs/<digest>} → count)
 * @param hlog            optional path of the HdrHistogram interval log, relative to results.json
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunResult(String config, int repetition, boolean ok, String error, Map<String, Double> metrics,
                        Map<String, LatencySummary> latency, Map<String, Long> requestsByRoute, String hlog) {
    public RunResult {
        metrics = copy(metrics);
        latency = copy(latency);
        requestsByRoute = copy(requestsByRoute);
    }

    /** A run without per-route counts or interval log. */
    public RunResult(String config, int repetition, boolean ok, String error, Map<String, Double> metrics,
                     Map<String, LatencySummary> latency) {
        this(config, repetition, ok, error, metrics, latency, null, null);
    }

    private static <V> Map<String, V> copy(Map<String, V> m) {
        return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
