package dev.regbench.reports.claims;

import dev.regbench.reports.model.ResultSet;
import dev.regbench.reports.stats.Interval;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates every claim's rules against the result sets present. Every measure is evaluated
 * on every result set; each measurement found gets its own verdict from its <em>interval</em>,
 * never from its point estimate alone:
 * <ul>
 *   <li>confirmed — the whole interval meets the {@code confirmed} condition;</li>
 *   <li>refuted — the whole interval meets the {@code refuted} condition;</li>
 *   <li>depends — the whole interval lies between the two (the measure's {@code otherwise});</li>
 *   <li>inconclusive — the interval straddles a threshold, is only a range of too few runs
 *       (not a 95% interval), or there is none (a single Gatling run).</li>
 * </ul>
 * The claim's verdict comes from the measurements that may decide (end-to-end and micro;
 * an illustrative measure is shown and never decides): when every conclusive one agrees, that
 * verdict; when they disagree, "depends", naming each measure's condition; when none is
 * conclusive, "inconclusive" with the interval shown; with no data, "not measured yet".
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
        List<LedgerEntry.Outcome> outcomes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Measure m : claim.measures()) {
            for (ResultSet set : sets) {
                try {
                    MeasureEvaluator.evaluate(m, set).ifPresent(found -> outcomes.add(judge(claim, found)));
                } catch (IllegalArgumentException e) {
                    problems.add(claim.id() + ": " + e.getMessage());
                }
            }
        }
        if (outcomes.isEmpty()) {
            String why = claim.measures().isEmpty()
                    ? Optional.ofNullable(claim.note()).orElse("no measurement defined")
                    : "no result has " + describe(claim.measures().get(0));
            return new LedgerEntry(claim, ClaimStatus.NOT_MEASURED, null, why, List.of(), problems, List.of());
        }
        List<LedgerEntry.Outcome> deciding = outcomes.stream().filter(LedgerEntry.Outcome::decides).toList();
        List<LedgerEntry.Outcome> conclusive = deciding.stream()
                .filter(o -> o.status() != ClaimStatus.INCONCLUSIVE).toList();
        ClaimStatus status;
        String condition;
        LedgerEntry.Outcome shown;
        if (deciding.isEmpty()) {
            status = ClaimStatus.INCONCLUSIVE;
            shown = outcomes.get(0);
            condition = "only illustrative measures, which never decide: " + shown.why();
        } else if (conclusive.isEmpty()) {
            status = ClaimStatus.INCONCLUSIVE;
            shown = deciding.get(0);
            condition = shown.why();
        } else {
            Set<ClaimStatus> verdicts = new LinkedHashSet<>();
            conclusive.forEach(o -> verdicts.add(o.status()));
            shown = conclusive.get(0);
            if (verdicts.size() == 1) {
                status = shown.status();
                condition = shown.why();
            } else {
                status = ClaimStatus.DEPENDS;
                List<String> each = new ArrayList<>();
                for (LedgerEntry.Outcome o : conclusive) {
                    each.add(o.status().label() + " under " + describe(o.measurement().measure())
                            + " [" + o.measurement().set() + "] (" + o.why() + ")");
                }
                condition = "the deciding measures disagree: " + String.join("; ", each);
            }
        }
        List<Measurement> others = outcomes.stream().filter(o -> o != shown).map(LedgerEntry.Outcome::measurement).toList();
        return new LedgerEntry(claim, status, shown.measurement(), condition, others, problems, outcomes);
    }

    /**
     * Why a Gatling figure never decides: one simulation run gives one figure, and nothing holds
     * the per-request samples an interval of a percentile would need (Gatling 3.x writes its
     * simulation.log in an undocumented binary format, and the simulations' summaries keep
     * figures, not samples).
     */
    static final String NO_GATLING_INTERVAL = "no interval: one Gatling run gives one figure, and neither the "
            + "summary (figures only) nor Gatling's binary simulation.log gives per-request samples or repeated runs "
            + "to build one from, so the figure alone does not decide";

    /** One measurement's own verdict from its interval. */
    static LedgerEntry.Outcome judge(Claim claim, Measurement found) {
        Measure m = found.measure();
        Interval ci = found.spread();
        Condition confirmed = m.confirmed() == null ? null : Condition.parse(m.confirmed(), claim.id());
        Condition refuted = m.refuted() == null ? null : Condition.parse(m.refuted(), claim.id());
        if (ci == null || Double.isNaN(ci.low()) || Double.isNaN(ci.high())) {
            return new LedgerEntry.Outcome(found, ClaimStatus.INCONCLUSIVE, m.source() == Measure.Source.GATLING
                    ? NO_GATLING_INTERVAL : "no interval (a single run): the figure alone does not decide");
        }
        if (!ci.isConfidenceInterval()) {
            return new LedgerEntry.Outcome(found, ClaimStatus.INCONCLUSIVE, "only " + ci.label());
        }
        // a missing condition is the complement of the other one
        boolean conf = confirmed != null ? all(confirmed, ci) : none(refuted, ci);
        boolean ref = refuted != null ? all(refuted, ci) : none(confirmed, ci);
        if (conf) {
            return new LedgerEntry.Outcome(found, ClaimStatus.CONFIRMED, "whole interval "
                    + (confirmed != null ? confirmed.text() : "outside " + refuted.text()));
        }
        if (ref) {
            return new LedgerEntry.Outcome(found, ClaimStatus.REFUTED, "whole interval "
                    + (refuted != null ? refuted.text() : "outside " + confirmed.text()));
        }
        if (confirmed != null && refuted != null && none(confirmed, ci) && none(refuted, ci)) {
            return new LedgerEntry.Outcome(found, ClaimStatus.DEPENDS, m.otherwise() != null ? m.otherwise()
                    : "between the thresholds (" + m.refuted() + " refutes, " + m.confirmed() + " confirms)");
        }
        List<String> straddled = new ArrayList<>();
        for (Condition c : new Condition[] {confirmed, refuted}) {
            if (c != null && !all(c, ci) && !none(c, ci)) {
                straddled.add(c.text());
            }
        }
        return new LedgerEntry.Outcome(found, ClaimStatus.INCONCLUSIVE,
                "the interval straddles " + String.join(" and ", straddled));
    }

    private static boolean all(Condition c, Interval ci) {
        return c.test(ci.low()) && c.test(ci.high());
    }

    private static boolean none(Condition c, Interval ci) {
        return !c.test(ci.low()) && !c.test(ci.high());
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
            case TESTS -> "tests " + m.a() + ": failed tests";
        };
    }
}
