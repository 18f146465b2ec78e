package dev.regbench.reports.render;

import dev.regbench.reports.charts.Charts;
import dev.regbench.reports.charts.Curve;
import dev.regbench.reports.model.History;
import dev.regbench.reports.model.ResultSet;
import dev.regbench.reports.model.ResultsIo;
import dev.regbench.reports.model.Units;
import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;

/**
 * "Trends": per result set with a {@code history/history.json} ({@code regbench history}), one
 * chart per gated series over the runs, each change point drawn as a dashed vertical line
 * (red when the change goes the bad way), with a table of the change points. Stateless.
 */
final class TrendSection {
    static final String FILE = "history/history.json";
    private static final Color WORSE = new Color(0xC0, 0x1C, 0x28);
    private static final Color BETTER = new Color(0x1A, 0x7F, 0x37);

    private TrendSection() {
    }

    static List<Map<String, Object>> build(ReportContext ctx, ChartFiles charts) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ResultSet set : ctx.sets()) {
            Path file = set.dir().resolve(FILE);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            History h = ResultsIo.readHistory(file);
            List<Map<String, Object>> series = new ArrayList<>();
            for (History.Series s : h.series()) {
                List<double[]> points = new ArrayList<>();
                for (int i = 0; i < s.points().size(); i++) {
                    points.add(new double[] {i, s.points().get(i).value()});
                }
                JFreeChart chart = Charts.sweep(s.name(), "run (oldest first)", s.name(), List.of(new Curve(s.name(), points)),
                        null, null);
                for (History.Change c : s.changePoints()) {
                    ValueMarker m = new ValueMarker(c.index() - 0.5, c.worse() ? WORSE : BETTER, new BasicStroke(2f,
                            BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
                    m.setLabel(String.format(Locale.ROOT, "%+.1f%%", (c.after() - c.before()) / Math.abs(c.before()) * 100));
                    m.setLabelPaint(c.worse() ? WORSE : BETTER);
                    m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
                    m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
                    chart.getXYPlot().addDomainMarker(m);
                }
                String svg = charts.write("trend " + set.label() + " " + s.name(), chart, 720, 300);
                List<Map<String, Object>> changes = s.changePoints().stream().map(c -> V.map(
                        "index", c.index(), "run", c.run(), "before", Units.plain(c.before()), "after", Units.plain(c.after()),
                        "p", Units.plain(c.pValue()), "css", c.worse() ? "fail" : "pass",
                        "way", c.worse() ? "worse" : "better")).toList();
                series.add(V.map("name", s.name(), "chart", svg, "runs", s.points().size(), "changes", changes,
                        "hasChanges", !changes.isEmpty()));
            }
            out.add(V.map("set", set.label(), "file", Links.display(file), "method", h.method(), "source", h.source(),
                    "series", series));
        }
        return out;
    }
}
