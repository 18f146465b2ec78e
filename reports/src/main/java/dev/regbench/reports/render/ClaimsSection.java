package dev.regbench.reports.render;

import dev.regbench.reports.claims.ClaimsLedger;
import dev.regbench.reports.claims.LedgerEntry;
import dev.regbench.reports.claims.Measurement;
import dev.regbench.reports.model.Units;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The claims ledger: each claim with its claimed figure, the measured figure and spread, the
 * run that measured it (linked) and the verdict. Stateless; thread-safe.
 */
final class ClaimsSection {
    private ClaimsSection() {
    }

    static Map<String, Object> build(ReportContext ctx, Path outDir) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<dev.regbench.reports.claims.ClaimStatus, Integer> counts = new EnumMap<>(dev.regbench.reports.claims.ClaimStatus.class);
        List<String> problems = new ArrayList<>();
        for (LedgerEntry e : ctx.ledger()) {
            counts.merge(e.status(), 1, Integer::sum);
            problems.addAll(e.problems());
            Measurement m = e.deciding();
            rows.add(V.map("id", e.claim().id(), "seed", e.claim().seed(), "claim", e.claim().claim(),
                    "claimed", e.claim().claimed(), "status", e.status().label(), "css", e.status().css(),
                    "measured", m == null ? "—" : figure(m), "condition", e.condition(),
                    "how", m == null ? null : ClaimsLedger.describe(m.measure()) + (ctx.sideBySide() ? " [" + m.set() + "]" : ""),
                    "detail", m == null ? null : m.detail(),
                    "href", m == null ? null : Links.relative(outDir, m.file()),
                    "file", m == null ? null : Links.display(m.file()),
                    "kind", m == null ? null : m.measure().kind().json(),
                    "runs", m == null ? null : runs(m),
                    "outcomes", e.outcomes().stream().map(o -> V.map(
                            "text", ClaimsLedger.describe(o.measurement().measure()) + " [" + o.measurement().set() + "]: "
                                    + figure(o.measurement()),
                            "kind", o.measurement().measure().kind().json(),
                            "status", o.status().label() + (o.decides() ? "" : " (illustrative: never decides)"),
                            "why", o.why(), "runs", runs(o.measurement()),
                            "href", Links.relative(outDir, o.measurement().file()))).toList(),
                    "others", e.others().stream().map(o -> V.map("text", ClaimsLedger.describe(o.measure()) + " ["
                            + o.set() + "]: " + figure(o), "href", Links.relative(outDir, o.file()))).toList()));
        }
        List<Map<String, Object>> tally = new ArrayList<>();
        counts.forEach((k, v) -> tally.add(V.map("label", k.label(), "count", v, "css", k.css())));
        return V.map("rows", rows, "tally", tally, "problems", problems, "hasProblems", !problems.isEmpty());
    }

    /** "4.25× [3.98× – 4.51×] (95% CI, n=6, order statistics …)" or "96.0 ns/op [… – …] (interval (given))". */
    static String figure(Measurement m) {
        String v = Units.format(m.value(), m.unit());
        if (m.spread() == null) {
            return v + " (single run, no interval)";
        }
        return v + " [" + Units.format(m.spread().low(), m.unit()) + " – " + Units.format(m.spread().high(), m.unit()) + "] ("
                + m.spread().label() + ")";
    }

    /** The run ids, shortened when there are many: "optimized#0 … optimized#5, no-retry#0 … (12 runs)". */
    static String runs(Measurement m) {
        List<String> ids = m.runIds();
        if (ids.size() <= 4) {
            return String.join(", ", ids);
        }
        return ids.get(0) + ", " + ids.get(1) + " … " + ids.get(ids.size() - 1) + " (" + ids.size() + " runs)";
    }
}
