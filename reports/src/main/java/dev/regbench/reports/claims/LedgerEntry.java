package dev.regbench.reports.claims;

import java.util.List;

/**
 * One row of the claims ledger. Immutable; thread-safe.
 *
 * @param claim     the claim
 * @param status    confirmed, refuted, depends or not measured yet
 * @param deciding  the measurement that decided it, null when not measured
 * @param condition why: the condition met ({@code ">= 4"}) or, for depends, the condition found
 * @param others    further measurements (other measures or result sets), not deciding
 * @param problems  rule problems met while evaluating (ambiguous JMH selector, …)
 * @param outcomes  every measurement found, deciding and illustrative, each with its own
 *                  verdict and why
 */
public record LedgerEntry(Claim claim, ClaimStatus status, Measurement deciding, String condition,
                          List<Measurement> others, List<String> problems, List<Outcome> outcomes) {
    public LedgerEntry {
        others = List.copyOf(others);
        problems = List.copyOf(problems);
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }

    public LedgerEntry(Claim claim, ClaimStatus status, Measurement deciding, String condition,
                       List<Measurement> others, List<String> problems) {
        this(claim, status, deciding, condition, others, problems, List.of());
    }

    /**
     * One measurement's own verdict.
     *
     * @param measurement the figure and its interval
     * @param status      confirmed / refuted when the whole interval meets the condition, depends
     *                    when the whole interval lies between the two conditions, inconclusive
     *                    when it straddles one (or has no interval)
     * @param why         the condition met, or why none was
     */
    public record Outcome(Measurement measurement, ClaimStatus status, String why) {
        /** True when the measurement's kind may decide. */
        public boolean decides() {
            return measurement.measure().decides();
        }
    }
}
