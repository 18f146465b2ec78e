package dev.regbench.harness.gate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.regbench.reports.model.GateReport.Kind;
import dev.regbench.reports.stats.Direction;

/**
 * One rule of the regression gate.
 *
 * <ul>
 *   <li>{@code MACHINE_INDEPENDENT}: the median of {@code metric} for {@code config} (every config
 *       when {@code "*"}) must not move in the worse {@code direction} by more than
 *       {@code tolerance} (relative, 0.10 = 10%) plus {@code slack} (absolute, for counts near 0).</li>
 *   <li>{@code SAME_RUN_RATIO}: the ratio of medians {@code b / a} of {@code metric}, measured in
 *       one run, must not move in the worse direction by more than {@code tolerance} relative to
 *       the baseline's ratio. A speed-up is judged against a speed-up, never a time against a time.</li>
 * </ul>
 * Immutable.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record GateRule(
        @JsonProperty("metric") String metric,
        @JsonProperty("kind") Kind kind,
        @JsonProperty("direction") Direction direction,
        @JsonProperty("config") String config,
        @JsonProperty("a") String a,
        @JsonProperty("b") String b,
        @JsonProperty("tolerance") double tolerance,
        @JsonProperty("slack") double slack) {

    public GateRule {
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("a gate rule needs a 'metric'");
        }
        kind = kind == null ? Kind.MACHINE_INDEPENDENT : kind;
        direction = direction == null ? Direction.LOWER_IS_BETTER : direction;
        config = config == null ? "*" : config;
        if (tolerance < 0 || slack < 0) {
            throw new IllegalArgumentException("gate rule for '" + metric + "': tolerance and slack must be >= 0");
        }
        if (kind == Kind.SAME_RUN_RATIO && (a == null || b == null)) {
            throw new IllegalArgumentException("gate rule for '" + metric + "': a same-run ratio needs configs 'a' and 'b'");
        }
    }

    static GateRule independent(String metric, Direction direction, double tolerance, double slack) {
        return new GateRule(metric, Kind.MACHINE_INDEPENDENT, direction, "*", null, null, tolerance, slack);
    }

    static GateRule ratio(String metric, Direction direction, String a, String b, double tolerance) {
        return new GateRule(metric, Kind.SAME_RUN_RATIO, direction, null, a, b, tolerance, 0);
    }

    /** True when {@code current} is acceptable against {@code baseline} under this rule. */
    boolean accepts(double baseline, double current) {
        double allowed = Math.abs(baseline) * tolerance + slack;
        switch (direction) {
            case LOWER_IS_BETTER:
                return current <= baseline + allowed;
            case HIGHER_IS_BETTER:
                return current >= baseline - allowed;
            default:
                return Math.abs(current - baseline) <= allowed;
        }
    }
}
