package dev.regbench.reports.render;

import dev.regbench.reports.charts.Bar;
import dev.regbench.reports.charts.Charts;
import dev.regbench.reports.model.JmhResult;
import dev.regbench.reports.model.ResultSet;
import dev.regbench.reports.model.Units;
import dev.regbench.reports.stats.Interval;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JMH: one block per benchmark class (one question per class), with the score and its error
 * (JMH's 99.9% interval) beside bytes/op from {@code -prof gc}, as horizontal bars (series =
 * result set), and a table. Stateless; thread-safe.
 */
final class JmhSection {
    private JmhSection() {
    }

    private record Entry(String set, ResultSet.Loaded<JmhResult> loaded) {
        JmhResult r() {
            return loaded.value();
        }
    }

    static List<Map<String, Object>> build(ReportContext ctx, ChartFiles charts) {
        Map<String, List<Entry>> byClass = new LinkedHashMap<>();
        for (ResultSet set : ctx.sets()) {
            for (ResultSet.Loaded<JmhResult> l : set.jmhResults()) {
                byClass.computeIfAbsent(l.value().className(), k -> new ArrayList<>()).add(new Entry(set.label(), l));
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        byClass.forEach((cls, entries) -> out.add(group(cls, entries, charts)));
        return out;
    }

    private static Map<String, Object> group(String cls, List<Entry> entries, ChartFiles charts) {
        String unit = entries.get(0).r().primaryMetric().scoreUnit();
        String mode = entries.get(0).r().mode();
        boolean higherBetter = "thrpt".equals(mode);
        List<Bar> score = new ArrayList<>();
        List<Bar> alloc = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Entry e : entries) {
            JmhResult r = e.r();
            JmhResult.Metric m = r.primaryMetric();
            if (m.scoreUnit().equals(unit)) {
                Interval ci = Double.isNaN(m.scoreError()) ? null
                        : new Interval(Math.max(0, m.score() - m.scoreError()), m.score() + m.scoreError());
                score.add(new Bar(e.set(), r.label(), m.score(), ci));
            }
            r.allocNorm().ifPresent(a -> alloc.add(new Bar(e.set(), r.label(), a.score(), null)));
            rows.add(V.row(List.of(e.set(), r.label(), r.mode(),
                    Units.format(m.score(), m.scoreUnit()) + (Double.isNaN(m.scoreError()) ? " (no error: 1 iteration)"
                            : " ± " + Units.format(m.scoreError(), m.scoreUnit())),
                    r.allocNorm().map(a -> Units.format(a.score(), "B/op")).orElse("—"))));
        }
        int height = Math.max(260, 110 + score.size() * 26);
        List<Map<String, Object>> chartViews = new ArrayList<>();
        chartViews.add(V.map("src", charts.write("jmh-" + cls + "-score", Charts.bars(
                cls + ": " + unit + (higherBetter ? " (higher is better)" : " (lower is better)") + ", ± error",
                "benchmark", unit, score, true), 560, height), "alt", cls + " scores"));
        if (!alloc.isEmpty()) {
            chartViews.add(V.map("src", charts.write("jmh-" + cls + "-alloc", Charts.bars(
                    cls + ": allocation (B/op, gc.alloc.rate.norm)", "benchmark", "bytes per operation", alloc, true),
                    560, height), "alt", cls + " bytes per operation"));
        }
        return V.map("name", cls, "anchor", "jmh-" + ChartFiles.slug(cls), "charts", chartViews, "rows", rows,
                "files", entries.stream().map(e -> Links.display(e.loaded().file())).distinct().toList());
    }
}
