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
 */
public record LedgerEntry(Claim claim, ClaimStatus status, Measurement deciding, String condition,
                          List<Measurement> others, List<String> problems) {
    public LedgerEntry {
        others = List.copyOf(others);
        problems = List.copyOf(problems);
    }
}
