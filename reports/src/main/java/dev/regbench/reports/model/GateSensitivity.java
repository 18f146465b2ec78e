package dev.regbench.reports.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The regression gate's detection matrix, written by {@code regbench gate --selftest} as
 * {@code sensitivity.json}: for each deliberate regression of the catalogue, which gate rules
 * caught it, and how many of the A/A gate runs (a clean run judged against a clean run) raised a
 * false alarm. Immutable; thread-safe.
 *
 * @param schemaVersion {@value Results#SCHEMA_VERSION}
 * @param date          ISO-8601 instant the self-test finished
 * @param commit        the commit it ran on (may end in {@code -dirty})
 * @param catalogue     the catalogue file
 * @param rules         the rule names, the matrix's columns, in gate order
 * @param regressions   one row per regression
 * @param aaRuns        A/A gate runs judged
 * @param aaFalseAlarms A/A gate runs that failed (should be 0)
 * @param aa            each A/A gate run: the rules that raised a false alarm, if any
 * @param neededSlack   per rule, over the A/A runs: the least slack beyond the baseline interval's
 *                      worst end that raises no false alarm (0 when every A/A interval overlapped
 *                      the baseline's), in the unit of the rule's slack: a fraction of the
 *                      baseline median for a relative rule, the figure's unit for an absolute one
 * @param appliedSlack  per rule, the slack the rule applied, in the same unit
 * @param aaPairs       ordered pairs of clean runs judged (every clean run as the baseline of every
 *                      other); {@code neededSlack} is the largest over these pairs
 * @param aaPairFalseAlarms pairs that raised an alarm under the applied rules
 * @param aaSpread      per rule, how much its figure varied over the clean runs (highest minus lowest
 *                      repetition, pooled), in the unit of {@code neededSlack}; 0 = the same in every
 *                      repetition of every clean run
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GateSensitivity(int schemaVersion, String date, String commit, String catalogue, List<String> rules,
                              List<Regression> regressions, int aaRuns, int aaFalseAlarms, List<AaRun> aa,
                              Map<String, Double> neededSlack, Map<String, Double> appliedSlack,
                              int aaPairs, int aaPairFalseAlarms, Map<String, Double> aaSpread) {

    public GateSensitivity {
        rules = rules == null ? List.of() : List.copyOf(rules);
        regressions = regressions == null ? List.of() : List.copyOf(regressions);
        aa = aa == null ? List.of() : List.copyOf(aa);
        neededSlack = ordered(neededSlack);
        appliedSlack = ordered(appliedSlack);
        aaSpread = ordered(aaSpread);
    }

    /** An unmodifiable copy that keeps the rules' order (the gate's), or an empty map. */
    private static Map<String, Double> ordered(Map<String, Double> m) {
        return m == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(m));
    }

    /** Regressions no rule caught. */
    public List<Regression> missed() {
        return regressions.stream().filter(r -> r.caughtBy().isEmpty()).toList();
    }

    /**
     * One deliberate regression.
     *
     * @param id          catalogue id
     * @param description what it breaks
     * @param scenario    the scenario it ran in
     * @param verdicts    per rule: {@code caught}, {@code missed}, or {@code n/a} (the rule does not
     *                    apply to that scenario)
     * @param caughtBy    the rules that failed
     * @param detail      the failing rows, one line each (figure, intervals, bound)
     * @param error       why the regression could not be judged, when it could not
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Regression(String id, String description, String scenario, Map<String, String> verdicts,
                             List<String> caughtBy, List<String> detail, String error) {
        public Regression {
            verdicts = verdicts == null ? Map.of() : Map.copyOf(verdicts);
            caughtBy = caughtBy == null ? List.of() : List.copyOf(caughtBy);
            detail = detail == null ? List.of() : List.copyOf(detail);
        }
    }

    /**
     * One A/A gate run.
     *
     * @param run          its name
     * @param falseAlarms  the rules that failed (empty when it passed, as it should)
     */
    public record AaRun(String run, List<String> falseAlarms) {
        public AaRun {
            falseAlarms = falseAlarms == null ? List.of() : List.copyOf(falseAlarms);
        }
    }
}
