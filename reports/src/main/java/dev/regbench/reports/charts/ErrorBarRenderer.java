package dev.regbench.reports.charts;

import dev.regbench.reports.stats.Interval;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.Range;
import org.jfree.data.category.CategoryDataset;

/**
 * A bar renderer that draws an asymmetric error bar (a confidence interval) over each bar.
 * JFreeChart's {@code StatisticalBarRenderer} only draws mean ± standard deviation; a bootstrap
 * interval of a median is not symmetric. Bars without an interval are drawn plain.
 *
 * <p>Not thread-safe (like every JFreeChart renderer): one per chart.
 */
final class ErrorBarRenderer extends BarRenderer {
    private static final long serialVersionUID = 1L;
    private final transient Map<List<Comparable<?>>, Interval> intervals = new HashMap<>();

    void setInterval(Comparable<?> row, Comparable<?> column, Interval interval) {
        intervals.put(List.of(row, column), interval);
    }

    @Override
    public Range findRangeBounds(CategoryDataset dataset, boolean includeInterval) {
        Range r = super.findRangeBounds(dataset, includeInterval);
        for (Interval i : intervals.values()) {
            if (Double.isFinite(i.low()) && Double.isFinite(i.high())) {
                r = Range.expandToInclude(Range.expandToInclude(r, i.low()), i.high());
            }
        }
        return r;
    }

    @Override
    public void drawItem(Graphics2D g2, CategoryItemRendererState state, Rectangle2D dataArea, CategoryPlot plot,
                         CategoryAxis domainAxis, ValueAxis rangeAxis, CategoryDataset dataset, int row, int column,
                         int pass) {
        super.drawItem(g2, state, dataArea, plot, domainAxis, rangeAxis, dataset, row, column, pass);
        if (pass != getPassCount() - 1) {
            return;
        }
        Interval ci = intervals.get(List.of(dataset.getRowKey(row), dataset.getColumnKey(column)));
        int visibleRow = state.getVisibleSeriesIndex(row);
        if (ci == null || visibleRow < 0 || !Double.isFinite(ci.low()) || !Double.isFinite(ci.high())) {
            return;
        }
        PlotOrientation orientation = plot.getOrientation();
        double w0 = calculateBarW0(plot, orientation, dataArea, domainAxis, state, visibleRow, column);
        double mid = w0 + state.getBarWidth() / 2;
        double cap = Math.max(3, state.getBarWidth() / 5);
        RectangleEdge edge = plot.getRangeAxisEdge();
        double lo = rangeAxis.valueToJava2D(ci.low(), dataArea, edge);
        double hi = rangeAxis.valueToJava2D(ci.high(), dataArea, edge);
        g2.setPaint(new Color(0x33, 0x33, 0x33));
        g2.setStroke(new BasicStroke(1.5f));
        if (orientation == PlotOrientation.VERTICAL) {
            g2.draw(new Line2D.Double(mid, lo, mid, hi));
            g2.draw(new Line2D.Double(mid - cap, lo, mid + cap, lo));
            g2.draw(new Line2D.Double(mid - cap, hi, mid + cap, hi));
        } else {
            g2.draw(new Line2D.Double(lo, mid, hi, mid));
            g2.draw(new Line2D.Double(lo, mid - cap, lo, mid + cap));
            g2.draw(new Line2D.Double(hi, mid - cap, hi, mid + cap));
        }
    }
}
