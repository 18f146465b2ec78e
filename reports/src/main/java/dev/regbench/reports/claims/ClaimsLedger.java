package dev.regbench.reports.claims;

import dev.regbench.reports.model.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates every claim's rules against the result sets present. For each claim the measures
 * are tried in order, and for each measure the result sets in order; the first measurement
 * found decides, later ones are listed beside it. The decision on the figure:
 * {@code confirmed} condition met → confirmed; else {@code refuted} condition met → refuted;
 * else depends, with the rule's {@code otherwise} text. No data → not measured yet.
 *
 * <p>Stateless; thread-safe.
 */
public final class ClaimsLedger {
    private ClaimsLedger() {
    }

    /** One ledger entry per claim, in file order. */
    public static List<LedgerEntry> evaluate(ClaimsFile claims, List<ResultSet> sets) {
        return claims.claims().stream().map(c -> evaluate(c, sets)).toList();
    }

    static LedgerEntry evaluate(Claim claim, List<ResultSet> sets) {
        List<Measurement> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Measure m : claim.measures()) {
            for (ResultSet set : sets) {
                try {
                    MeasureEvaluator.evaluate(m, set).ifPresent(found::add);
                } catch (IllegalArgumentException e) {
                    problems.add(claim.id() + ": " + e.getMessage());
                }
            }
        }
        if (found.isEmpty()) {
            String why = claim.measures().isEmpty()
                    ? Optional.ofNullable(claim.note()).orElse("no measurement defined")
                    : "no result has " + describe(claim.measures().get(0));
            return new LedgerEntry(claim, ClaimStatus.NOT_MEASURED, null, why, List.of(), problems);
        }
        Measurement deciding = found.get(0);
        Measure m = deciding.measure();
        double v = deciding.value();
        ClaimStatus status;
        String condition;
        if (m.confirmed() != null && Condition.parse(m.confirmed(), claim.id()).test(v)) {
            status = ClaimStatus.CONFIRMED;
            condition = m.confirmed();
        } else if (m.refuted() != null && Condition.parse(m.refuted(), claim.id()).test(v)) {
            status = ClaimStatus.REFUTED;
            condition = m.refuted();
        } else {
            status = ClaimStatus.DEPENDS;
            condition = m.otherwise() != null ? m.otherwise()
                    : "between the thresholds (" + m.refuted() + " refutes, " + m.confirmed() + " confirms)";
        }
        return new LedgerEntry(claim, status, deciding, condition, found.subList(1, found.size()), problems);
    }

    /** "sweep of replication.tagConcurrency (1 vs 5) on wan, throughput_mib_s". */
    public static String describe(Measure m) {
        if (m.label() != null) {
            return m.label();
        }
        String subjects = m.b() == null ? m.a() : m.a() + " vs " + m.b();
        return switch (m.source()) {
            case SCENARIO -> "scenario " + m.scenario() + ": " + m.metric() + ", " + subjects;
            case SWEEP -> "sweep of " + m.param() + (m.scenario() == null ? "" : " on " + m.scenario()) + ": "
                    + m.metric() + ", " + subjects;
            case JMH -> "JMH " + subjects + (m.metric() == null ? "" : " (" + m.metric() + ")");
            case GATLING -> "Gatling " + subjects + ": " + m.metric();
        };
    }
}
