package dev.regbench.reports.render;

import dev.regbench.reports.claims.ClaimStatus;
import dev.regbench.reports.claims.ClaimsLedger;
import dev.regbench.reports.claims.LedgerEntry;
import dev.regbench.reports.claims.Measurement;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The claims tally and table as GitHub Markdown, for README.md: printed by
 * {@code regbench report --markdown} and pasted from its output, never typed by hand.
 * Stateless; thread-safe.
 */
public final class ClaimsMarkdown {
    private ClaimsMarkdown() {
    }

    /** "confirmed: 9 · refuted: 5 · …" then one row per claim with its verdict, figure, interval and runs. */
    public static String render(List<LedgerEntry> ledger) {
        Map<ClaimStatus, Integer> counts = new EnumMap<>(ClaimStatus.class);
        ledger.forEach(e -> counts.merge(e.status(), 1, Integer::sum));
        StringBuilder out = new StringBuilder();
        out.append("Tally (").append(ledger.size()).append(" claims): ");
        boolean first = true;
        for (Map.Entry<ClaimStatus, Integer> c : counts.entrySet()) {
            out.append(first ? "" : " · ").append(c.getKey().label()).append(": ").append(c.getValue());
            first = false;
        }
        out.append("\n\n| id | claimed | verdict | measured (interval) | why | measure (kind) | results file, runs |\n");
        out.append("| --- | --- | --- | --- | --- | --- | --- |\n");
        for (LedgerEntry e : ledger) {
            Measurement m = e.deciding();
            out.append("| ").append(e.claim().id())
                    .append(" | ").append(cell(e.claim().claimed()))
                    .append(" | **").append(e.status().label()).append("**")
                    .append(" | ").append(m == null ? "—" : cell(ClaimsSection.figure(m)))
                    .append(" | ").append(cell(e.condition()))
                    .append(" | ").append(m == null ? "—" : cell(ClaimsLedger.describe(m.measure())) + " (" + m.measure().kind().json() + ")")
                    .append(" | ").append(m == null ? "—" : "`" + Links.display(m.file()) + "`"
                            + (m.runIds().isEmpty() ? "" : "; " + cell(ClaimsSection.runs(m))))
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }
}
