package dev.regbench.harness.gate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.regbench.reports.model.GateReport.Kind;
import dev.regbench.reports.stats.Direction;

/**
 * One rule of the regression gate. Each side of a comparison is an interval: the range of its n
 * runs. The rule derives an absolute bound from the baseline's worst end plus a slack of
 * {@code tolerance} × the baseline median (relative) + {@code slack} (absolute, for counts near
 * 0), and fails when the whole current interval lies past that bound: for a lower-is-better
 * figure, when even the current run's best (lowest) run is above it.
 *
 * <ul>
 *   <li>{@code MACHINE_INDEPENDENT}: {@code metric} for {@code config} (every config when
 *       {@code "*"}), per run.</li>
 *   <li>{@code SAME_RUN_RATIO}: {@code b / a} of {@code metric}, paired by repetition (each
 *       repetition runs a and b back to back, interleaved): a speed-up judged against a speed-up,
 *       never a time against a time.</li>
 * </ul>
 * {@code minRuns} (default {@value #MIN_RUNS}): the fewest runs the baseline interval may have; a
 * baseline with fewer is bad input, not a weaker gate (the default rules' slacks were measured
 * with intervals of {@link GateRules#CALIBRATED_RUNS} runs).
 * The default slacks are set from the A/A runs of {@code regbench gate --selftest}: no wider than
 * those runs needed to raise no false alarm (see {@link GateRules#defaults()}). Immutable.
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
        @JsonProperty("slack") double slack,
        @JsonProperty("minRuns") Integer minRuns) {

    /** The fewest runs a baseline interval may have when a rule does not say ({@code minRuns}). */
    public static final int MIN_RUNS = 2;

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
        minRuns = minRuns == null ? MIN_RUNS : minRuns;
        if (minRuns < MIN_RUNS) {
            throw new IllegalArgumentException("gate rule for '" + metric + "': minRuns must be >= " + MIN_RUNS
                    + " (a spread needs 2 runs), was " + minRuns);
        }
        if (kind == Kind.SAME_RUN_RATIO && (a == null || b == null)) {
            throw new IllegalArgumentException("gate rule for '" + metric + "': a same-run ratio needs configs 'a' and 'b'");
        }
    }

    static GateRule independent(String metric, Direction direction, double tolerance, double slack) {
        return new GateRule(metric, Kind.MACHINE_INDEPENDENT, direction, "*", null, null, tolerance, slack, null);
    }

    static GateRule ratio(String metric, Direction direction, String a, String b, double tolerance) {
        return new GateRule(metric, Kind.SAME_RUN_RATIO, direction, null, a, b, tolerance, 0, null);
    }

    /**
     * This rule, requiring at least {@code runs} baseline runs: a slack measured with intervals of n
     * runs holds only for baselines of at least n (a narrower interval of fewer runs false-alarms more).
     */
    public GateRule withMinRuns(int runs) {
        return new GateRule(metric, kind, direction, config, a, b, tolerance, slack, runs);
    }

    /** The absolute bound the current interval is held to, from the baseline interval. */
    double bound(Spread baseline) {
        double allowed = Math.abs(baseline.median()) * tolerance + slack;
        return switch (direction) {
            case HIGHER_IS_BETTER -> baseline.low() - allowed;
            default -> baseline.high() + allowed;
        };
    }

    /** True when the current interval does not lie past the bound derived from the baseline's. */
    boolean accepts(Spread baseline, Spread current) {
        if (current.isEmpty()) {
            return false;
        }
        double bound = bound(baseline);
        return switch (direction) {
            case LOWER_IS_BETTER -> current.low() <= bound;
            case HIGHER_IS_BETTER -> current.high() >= bound;
            default -> current.low() <= bound && current.high() >= baseline.low() - (bound - baseline.high());
        };
    }

    /** {@link #accepts(Spread, Spread)} for single figures. */
    boolean accepts(double baseline, double current) {
        return accepts(Spread.single(baseline), Spread.single(current));
    }
}
