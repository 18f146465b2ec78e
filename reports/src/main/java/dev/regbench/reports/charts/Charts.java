package dev.regbench.reports.charts;

import dev.regbench.reports.model.LatencySummary;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Builds the report's charts with one look: white background, light grid, a colour-blind-safe
 * palette, titled and labelled axes. Each method returns a fresh {@link JFreeChart};
 * {@link Svg} writes it. Stateless; thread-safe (the charts it returns are not).
 */
public final class Charts {
    /** Okabe–Ito palette, safe for colour-blind readers. */
    static final Color[] PALETTE = {
        new Color(0x00, 0x72, 0xB2), new Color(0xE6, 0x9F, 0x00), new Color(0x00, 0x9E, 0x73),
        new Color(0xCC, 0x79, 0xA7), new Color(0x56, 0xB4, 0xE9), new Color(0xD5, 0x5E, 0x00),
        new Color(0xF0, 0xE4, 0x42), new Color(0x00, 0x00, 0x00)};
    private static final Font TITLE = new Font("SansSerif", Font.BOLD, 15);
    private static final Font LABEL = new Font("SansSerif", Font.PLAIN, 12);
    private static final Font TICK = new Font("SansSerif", Font.PLAIN, 11);
    private static final Color GRID = new Color(0xDD, 0xDD, 0xDD);

    private Charts() {
    }

    /**
     * Bars with optional asymmetric error bars. Categories on one axis, one colour per series.
     *
     * @param horizontal bars grow to the right (long category names, e.g. JMH benchmarks)
     */
    public static JFreeChart bars(String title, String categoryLabel, String valueLabel, List<Bar> bars,
                                  boolean horizontal) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        ErrorBarRenderer renderer = new ErrorBarRenderer();
        for (Bar b : bars) {
            data.addValue(b.value(), b.series(), b.category());
            if (b.ci() != null) {
                renderer.setInterval(b.series(), b.category(), b.ci());
            }
        }
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setItemMargin(0.05);
        renderer.setMaximumBarWidth(0.12);
        palette(renderer::setSeriesPaint, data.getRowCount());
        NumberAxis valueAxis = new NumberAxis(valueLabel);
        valueAxis.setNumberFormatOverride(new DecimalFormat("#,##0.###"));
        boolean allZero = bars.stream().allMatch(b -> b.value() == 0
                && (b.ci() == null || (b.ci().low() == 0 && b.ci().high() == 0)));
        if (allZero) {
            valueAxis.setRange(0, 1); // not JFreeChart's ±5E-9 around zero
            valueAxis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(0.25));
        }
        CategoryAxis categoryAxis = new CategoryAxis(categoryLabel);
        categoryAxis.setMaximumCategoryLabelLines(3);
        if (!horizontal && data.getColumnCount() > 6) {
            categoryAxis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        CategoryPlot plot = new CategoryPlot(data, categoryAxis, valueAxis, renderer);
        plot.setOrientation(horizontal ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL);
        JFreeChart chart = finish(title, plot, data.getRowCount() > 1);
        if (allZero) {
            TextTitle note = new TextTitle("all values are 0", LABEL);
            note.setPaint(new Color(0x65, 0x6d, 0x76));
            chart.addSubtitle(note);
        }
        return chart;
    }

    /**
     * Latency percentile curves (p50, p90, p99, p99.9, max evenly spaced, as HdrHistogram's
     * percentile plots), one line per series, in ms (log scale when the tail is 50× the median).
     */
    public static JFreeChart percentiles(String title, Map<String, LatencySummary> series) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        double min = Double.MAX_VALUE;
        double max = 0;
        for (Map.Entry<String, LatencySummary> e : series.entrySet()) {
            double[] v = e.getValue().values();
            for (int i = 0; i < v.length; i++) {
                data.addValue(v[i], e.getKey(), LatencySummary.LABELS.get(i));
                min = Math.min(min, v[i]);
                max = Math.max(max, v[i]);
            }
        }
        LineAndShapeRenderer renderer = new LineAndShapeRenderer(true, true);
        palette(renderer::setSeriesPaint, data.getRowCount());
        for (int i = 0; i < data.getRowCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        // a log scale only when the tail is two orders of magnitude above the median
        ValueAxis axis = min > 0 && max / min >= 50 ? logAxis("latency (ms, log scale)", 10) : new NumberAxis("latency (ms)");
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis("percentile"), axis, renderer);
        return finish(title, plot, true);
    }

    /**
     * A metric against a swept parameter, one line per series, the knee marked with a dashed
     * vertical line. A log₂ x axis is used when the values span a factor of 8 or more.
     */
    public static JFreeChart sweep(String title, String paramLabel, String valueLabel, List<Curve> curves,
                                   Double kneeX, String kneeLabel) {
        XYSeriesCollection data = new XYSeriesCollection();
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        for (Curve c : curves) {
            XYSeries s = new XYSeries(c.series(), true, false);
            for (double[] p : c.points()) {
                s.add(p[0], p[1]);
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
            }
            data.addSeries(s);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        palette(renderer::setSeriesPaint, data.getSeriesCount());
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        ValueAxis x = minX > 0 && maxX / minX >= 8 ? logAxis(paramLabel + " (log₂ scale)", 2) : integerAxis(paramLabel);
        NumberAxis y = new NumberAxis(valueLabel);
        y.setAutoRangeIncludesZero(true);
        y.setNumberFormatOverride(new DecimalFormat("#,##0.###"));
        XYPlot plot = new XYPlot(data, x, y, renderer);
        if (kneeX != null) {
            ValueMarker knee = new ValueMarker(kneeX, new Color(0xC0, 0x1C, 0x28), new BasicStroke(2f,
                    BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            knee.setLabel(kneeLabel);
            knee.setLabelFont(LABEL);
            knee.setLabelPaint(new Color(0xC0, 0x1C, 0x28));
            knee.setLabelBackgroundColor(new Color(255, 255, 255, 220));
            knee.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            knee.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addDomainMarker(knee);
        }
        return finish(title, plot, data.getSeriesCount() > 1);
    }

    private static LogAxis logAxis(String label, double base) {
        LogAxis axis = new LogAxis(label);
        axis.setBase(base);
        axis.setSmallestValue(1e-3);
        axis.setNumberFormatOverride(new DecimalFormat("#,##0.###"));
        axis.setMinorTickMarksVisible(false);
        axis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1)); // one tick per power of the base
        return axis;
    }

    private static NumberAxis integerAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }

    private interface SeriesPaint {
        void set(int series, Paint paint);
    }

    private static void palette(SeriesPaint target, int count) {
        for (int i = 0; i < count; i++) {
            target.set(i, PALETTE[i % PALETTE.length]);
        }
    }

    private static JFreeChart finish(String title, org.jfree.chart.plot.Plot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(title, TITLE, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setElementHinting(true);
        TextTitle t = chart.getTitle();
        t.setPaint(new Color(0x22, 0x22, 0x22));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        if (plot instanceof CategoryPlot cp) {
            cp.setRangeGridlinePaint(GRID);
            style(cp.getDomainAxis());
            style(cp.getRangeAxis());
        } else if (plot instanceof XYPlot xp) {
            xp.setRangeGridlinePaint(GRID);
            xp.setDomainGridlinePaint(GRID);
            style(xp.getDomainAxis());
            style(xp.getRangeAxis());
        }
        LegendTitle l = chart.getLegend();
        if (l != null) {
            l.setPosition(RectangleEdge.BOTTOM);
            l.setItemFont(LABEL);
            l.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        return chart;
    }

    private static void style(org.jfree.chart.axis.Axis axis) {
        axis.setLabelFont(LABEL);
        axis.setTickLabelFont(TICK);
        axis.setLabelPaint(new Color(0x33, 0x33, 0x33));
        axis.setTickLabelPaint(new Color(0x33, 0x33, 0x33));
    }
}
