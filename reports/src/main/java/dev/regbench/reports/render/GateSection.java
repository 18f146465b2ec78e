package dev.regbench.reports.render;

import dev.regbench.reports.model.GateReport;
import dev.regbench.reports.model.ResultSet;
import dev.regbench.reports.model.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Gate results: per result set with a {@code gate/gate.json}, what was compared against which
 * baseline, and each figure's change against its tolerance, regressions first.
 * Stateless; thread-safe.
 */
final class GateSection {
    private GateSection() {
    }

    static List<Map<String, Object>> build(ReportContext ctx) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ResultSet set : ctx.sets()) {
            set.gate().ifPresent(l -> {
                GateReport g = l.value();
                List<GateReport.Row> ordered = new ArrayList<>(g.regressions());
                g.rows().stream().filter(GateReport.Row::passed).forEach(ordered::add);
                List<Map<String, Object>> rows = ordered.stream().map(r -> V.map(
                        "metric", r.metric(),
                        "kind", r.kind() == null ? "—" : r.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        "baseline", Units.plain(r.baseline()), "current", Units.plain(r.current()),
                        "baselineRange", range(r.baselineLow(), r.baselineHigh(), r.baselineN()),
                        "currentRange", range(r.currentLow(), r.currentHigh(), r.currentN()),
                        "bound", Double.isNaN(r.bound()) ? "—"
                                : (r.direction() == dev.regbench.reports.stats.Direction.HIGHER_IS_BETTER ? "≥ " : "≤ ") + Units.plain(r.bound()),
                        "change", String.format(Locale.ROOT, "%+.1f%%", r.changePct()),
                        "tolerance", String.format(Locale.ROOT, "%.0f%%", r.tolerancePct()),
                        "direction", r.direction() == null ? "" : r.direction().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                        "passed", r.passed() ? "pass" : "REGRESSED", "css", r.passed() ? "pass" : "fail")).toList();
                out.add(V.map("set", set.label(), "file", Links.display(l.file()), "baseline", g.baseline(),
                        "current", g.current(), "date", g.date(), "css", g.passed() ? "pass" : "fail",
                        "verdict", g.passed() ? "PASS" : "FAIL: " + g.regressions().size() + " regression(s)",
                        "rows", rows));
            });
        }
        return out;
    }

    /** "min..max, n=3", or "" for a single figure. */
    private static String range(double low, double high, int n) {
        return n <= 1 || Double.isNaN(low) ? "" : Units.plain(low) + ".." + Units.plain(high) + ", n=" + n;
    }
}
