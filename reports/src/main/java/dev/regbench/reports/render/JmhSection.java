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

    /** "29.0 ms/op ± 8.70 ms/op": the error in the score's scaled unit. */
    static String score(JmhResult.Metric m) {
        Units.Scaled t = Units.time(m.scoreUnit(), Math.abs(m.score()));
        String unit = t.unit();
        String score = Units.format(m.score() * t.factor(), unit);
        return Double.isNaN(m.scoreError()) ? score + " (no error: 1 iteration)"
                : score + " ± " + Units.format(m.scoreError() * t.factor(), unit);
    }

    private static Map<String, Object> group(String cls, List<Entry> entries, ChartFiles charts) {
        String unit = entries.get(0).r().primaryMetric().scoreUnit();
        String mode = entries.get(0).r().mode();
        boolean higherBetter = "thrpt".equals(mode);
        List<Bar> rawScore = new ArrayList<>();
        List<Bar> rawAlloc = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Entry e : entries) {
            JmhResult r = e.r();
            JmhResult.Metric m = r.primaryMetric();
            if (m.scoreUnit().equals(unit)) {
                Interval ci = Double.isNaN(m.scoreError()) ? null
                        : new Interval(Math.max(0, m.score() - m.scoreError()), m.score() + m.scoreError());
                rawScore.add(new Bar(e.set(), r.label(), m.score(), ci));
            }
            r.allocNorm().ifPresent(a -> rawAlloc.add(new Bar(e.set(), r.label(), a.score(), null)));
            rows.add(V.row(List.of(e.set(), r.label(), r.mode(),
                    score(m),
                    r.allocNorm().map(a -> Units.format(a.score(), "B/op")).orElse("—"))));
        }
        double maxScore = rawScore.stream().mapToDouble(b -> b.ci() == null ? b.value() : b.ci().high()).max().orElse(0);
        Units.Scaled time = Units.time(unit, maxScore);
        List<Bar> score = rawScore.stream().map(b -> new Bar(b.series(), b.category(), b.value() * time.factor(), b.ci() == null ? null
                : new Interval(b.ci().low() * time.factor(), b.ci().high() * time.factor()))).toList();
        String shownUnit = time.unit();
        double maxAlloc = rawAlloc.stream().mapToDouble(Bar::value).max().orElse(0);
        ScenarioSection.Scale bytes = ScenarioSection.Scale.of("B", maxAlloc);
        List<Bar> alloc = rawAlloc.stream().map(b -> new Bar(b.series(), b.category(), b.value() * bytes.factor(), null)).toList();
        int height = Math.max(260, 110 + score.size() * 26);
        List<Map<String, Object>> chartViews = new ArrayList<>();
        chartViews.add(V.map("src", charts.write("jmh-" + cls + "-score", Charts.bars(
                cls + ": " + shownUnit + (higherBetter ? " (higher is better)" : " (lower is better)") + ", ± error",
                "benchmark", shownUnit, score, true), 560, height), "alt", cls + " scores"));
        if (!alloc.isEmpty()) {
            chartViews.add(V.map("src", charts.write("jmh-" + cls + "-alloc", Charts.bars(
                    cls + ": allocation (B/op, gc.alloc.rate.norm)", "benchmark", bytes.unit() + " per operation", alloc, true),
                    560, height), "alt", cls + " bytes per operation"));
        }
        return V.map("name", cls, "anchor", "jmh-" + ChartFiles.slug(cls), "charts", chartViews, "rows", rows,
                "files", entries.stream().map(e -> Links.display(e.loaded().file())).distinct().toList());
    }
}
