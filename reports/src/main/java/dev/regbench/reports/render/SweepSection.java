package dev.regbench.reports.render;

import dev.regbench.reports.charts.Charts;
import dev.regbench.reports.charts.Curve;
import dev.regbench.reports.model.MetricInfo;
import dev.regbench.reports.model.Metrics;
import dev.regbench.reports.model.ResultSet;
import dev.regbench.reports.model.Results;
import dev.regbench.reports.model.Sweep;
import dev.regbench.reports.model.Units;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sweeps: per swept parameter and scenario, one line chart per metric (median against the
 * parameter, one line per result set, the knee marked) and a table of the points. Non-numeric
 * parameter values are charted by position. Stateless; thread-safe.
 */
final class SweepSection {
    private SweepSection() {
    }

    private record Entry(String set, ResultSet.Loaded<Results> loaded) {
        Sweep sweep() {
            return loaded.value().sweep();
        }
    }

    static List<Map<String, Object>> build(ReportContext ctx, ChartFiles charts) {
        Map<String, List<Entry>> groups = new LinkedHashMap<>();
        for (ResultSet set : ctx.sets()) {
            for (ResultSet.Loaded<Results> s : set.scenarios()) {
                Sweep sw = s.value().sweep();
                if (sw != null) {
                    groups.computeIfAbsent(s.value().scenario().name() + ": " + sw.param(), k -> new ArrayList<>())
                            .add(new Entry(set.label(), s));
                }
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        groups.forEach((title, entries) -> out.add(sweep(title, entries, charts)));
        return out;
    }

    private static Map<String, Object> sweep(String title, List<Entry> entries, ChartFiles charts) {
        Set<String> metrics = new LinkedHashSet<>();
        entries.forEach(e -> e.sweep().points().forEach(p -> metrics.addAll(p.medians().keySet())));
        String param = entries.get(0).sweep().param();
        List<Map<String, Object>> chartViews = new ArrayList<>();
        for (String metric : metrics) {
            MetricInfo info = Metrics.info(metric);
            double factor = info.unit().equals("%") ? 100 : 1;
            List<Curve> curves = new ArrayList<>();
            Double kneeX = null;
            String kneeLabel = null;
            for (Entry e : entries) {
                List<double[]> pts = new ArrayList<>();
                List<Sweep.Point> points = e.sweep().points();
                for (int i = 0; i < points.size(); i++) {
                    Double y = points.get(i).medians().get(metric);
                    if (y != null) {
                        pts.add(new double[] {x(points, i), y * factor});
                    }
                }
                curves.add(new Curve(e.set(), pts));
                String knee = e.sweep().knee();
                if (kneeX == null && knee != null) {
                    for (int i = 0; i < points.size(); i++) {
                        if (points.get(i).value().equals(knee)) {
                            kneeX = x(points, i);
                            kneeLabel = "knee: " + knee + " (" + (e.sweep().kneeMetric() == null
                                    ? Metrics.THROUGHPUT_MIB_S : e.sweep().kneeMetric()) + ")";
                        }
                    }
                }
            }
            String axis = info.label() + (info.unit().isEmpty() ? "" : " (" + info.unit() + ")");
            String src = charts.write("sweep-" + title + "-" + metric, Charts.sweep(
                    title + " → " + info.label() + " (median)", param, axis, curves,
                    kneeX, kneeLabel), 560, 340);
            chartViews.add(V.map("src", src, "alt", info.label() + " against " + param));
        }
        List<String> header = new ArrayList<>(List.of("set", param));
        metrics.forEach(m -> header.add(Metrics.info(m).label()));
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Map<String, Object>> knees = new ArrayList<>();
        for (Entry e : entries) {
            for (Sweep.Point p : e.sweep().points()) {
                List<String> cells = new ArrayList<>(List.of(e.set(), p.value()
                        + (p.value().equals(e.sweep().knee()) ? " (knee)" : "")));
                for (String m : metrics) {
                    Double v = p.medians().get(m);
                    cells.add(v == null ? "—" : Units.format(v, Metrics.info(m).unit()));
                }
                rows.add(V.row(cells));
            }
            knees.add(V.map("set", e.set(), "knee", e.sweep().knee() == null ? "none found" : e.sweep().knee(),
                    "file", Links.display(e.loaded().file())));
        }
        return V.map("title", title, "anchor", "sweep-" + ChartFiles.slug(title), "charts", chartViews,
                "header", header, "rows", rows, "knees", knees);
    }

    /** The numeric value, or the 1-based position when any value is not a number. */
    private static double x(List<Sweep.Point> points, int i) {
        for (Sweep.Point p : points) {
            if (parse(p.value()) == null) {
                return i + 1;
            }
        }
        return parse(points.get(i).value());
    }

    private static Double parse(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
