package dev.regbench.reports.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A parameter sweep: the same scenario with one config key set to several values.
 * Immutable; thread-safe.
 *
 * @param param      the swept config key ({@code replication.tagConcurrency})
 * @param points     one point per value, in sweep order
 * @param knee       the value where the curve stops paying off (null when none was found)
 * @param kneeMetric the metric the knee was found on (default {@code throughput_mib_s})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Sweep(String param, List<Point> points, String knee, String kneeMetric) {
    public Sweep {
        points = points == null ? List.of() : List.copyOf(points);
    }

    /**
     * One value of the swept parameter.
     *
     * @param value   the parameter value as written ({@code "4"})
     * @param config  the config name its runs carry in {@link Results#runs()}
     * @param medians metric → median over that config's ok runs
     */
    public record Point(String value, String config, Map<String, Double> medians) {
        public Point {
            medians = medians == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(medians));
        }
    }
}
