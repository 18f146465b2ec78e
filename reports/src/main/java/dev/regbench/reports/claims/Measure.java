package dev.regbench.reports.claims;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * One declarative rule deciding a claim from result files. Immutable; thread-safe.
 *
 * <p>What {@code a} and {@code b} name depends on the source:
 * <ul>
 *   <li>{@code scenario}: config names in the {@code results.json} whose scenario is
 *       {@code scenario} (and which is not a sweep); {@code metric} is a {@code Metrics} name
 *       or {@code latency.<op>.<p50|p90|p99|p999|max>};</li>
 *   <li>{@code sweep}: values of the swept {@code param} in a sweep of scenario
 *       {@code scenario};</li>
 *   <li>{@code jmh}: {@code Class.method} with optional {@code [k=v,…]} params, matched against
 *       JMH results (the params given must match; exactly one result must remain);
 *       {@code metric} is {@code score} or {@code gc.alloc.rate.norm};</li>
 *   <li>{@code gatling}: {@code Simulation} or {@code Simulation/variant}; {@code metric} is
 *       {@code rps}, {@code p50}, {@code p95}, {@code p99}, {@code max}, {@code failures},
 *       {@code failureRate}, {@code connectionReuse}, {@code connectionsAccepted} or a key of
 *       its {@code extra} map.</li>
 *   <li>{@code tests}: {@code a} is a regular expression over test class names (simple or
 *       qualified) whose JUnit XML reports (surefire, copied to {@code DIR/tests/}) are the
 *       evidence; the figure is the number of failed or errored tests (0 = the behaviour held in
 *       every test), with the number of tests run as its n.</li>
 * </ul>
 *
 * @param source    where the figures come from
 * @param scenario  scenario name (scenario and sweep sources)
 * @param param     swept config key (sweep source)
 * @param metric    which figure
 * @param a         the reference (or the only subject for {@link Figure#VALUE})
 * @param b         the candidate (null for {@link Figure#VALUE})
 * @param figure    what is computed from a and b
 * @param confirmed condition on the figure that confirms the claim, {@code ">= 4"},
 *                  {@code ">= 80%"}, {@code "<= 50ns"}-style: an operator, a number, and an
 *                  optional unit suffix ({@code %} divides by 100; {@code x}, {@code ns} and
 *                  other suffixes are ignored)
 * @param refuted   condition that refutes it; a figure satisfying neither gives "depends"
 * @param otherwise the condition found when the figure lands between the two (shown with
 *                  "depends"), e.g. "between 2x and 4x: limited by per-connection bandwidth"
 * @param label     optional description of the measurement ("wan, tag concurrency 1 vs 5")
 * @param includeFailedRuns scenario/sweep sources: also count failed runs (default false), for
 *                  figures about failures such as {@code failed_requests} without retries
 * @param kind      what the measure is worth: {@code end-to-end} (a real replication run; the
 *                  default for scenario, sweep, gatling and tests), {@code micro} (a JMH benchmark
 *                  of the piece itself; the default for jmh) or {@code illustrative} (a result
 *                  that follows from its construction, e.g. sleep-based work: shown, never decides)
 */
public record Measure(Source source, String scenario, String param, String metric, String a, String b,
                      Figure figure, String confirmed, String refuted, String otherwise, String label, boolean includeFailedRuns,
                      Kind kind) {

    public Measure {
        if (figure == null) {
            figure = b == null ? Figure.VALUE : Figure.RATIO;
        }
        if (kind == null && source != null) {
            kind = source == Source.JMH ? Kind.MICRO : Kind.END_TO_END;
        }
    }

    /** A measure without an explicit kind (end-to-end, or micro for JMH). */
    public Measure(Source source, String scenario, String param, String metric, String a, String b,
                   Figure figure, String confirmed, String refuted, String otherwise, String label,
                   boolean includeFailedRuns) {
        this(source, scenario, param, metric, a, b, figure, confirmed, refuted, otherwise, label, includeFailedRuns, null);
    }

    /** True when this measure may decide a claim (end-to-end or micro). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean decides() {
        return kind != Kind.ILLUSTRATIVE;
    }

    /** What a measure's figure is worth. */
    public enum Kind {
        /** A real replication, service or test run. */
        END_TO_END,
        /** A JMH benchmark of the piece itself. */
        MICRO,
        /** A figure that follows from how the benchmark is built: shown, never decides. */
        ILLUSTRATIVE;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        @com.fasterxml.jackson.annotation.JsonCreator
        static Kind parse(String s) {
            for (Kind k : values()) {
                if (k.json().equalsIgnoreCase(s) || k.name().equalsIgnoreCase(s)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown kind '" + s + "' (expected end-to-end, micro or illustrative)");
        }
    }

    /** Where a measure's figures come from. */
    public enum Source {
        SCENARIO, SWEEP, JMH, GATLING, TESTS;

        @JsonValue
        String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What is computed from the subjects. */
    public enum Figure {
        /** a's figure itself. */
        VALUE,
        /** b / a: "b is 4.1× a". */
        RATIO,
        /** a / b: a speed-up when the figure is a time ("b is 4.1× faster"). */
        INVERSE_RATIO,
        /** 1 - b / a: "b cuts it by 62%". */
        REDUCTION;

        @JsonValue
        String json() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
