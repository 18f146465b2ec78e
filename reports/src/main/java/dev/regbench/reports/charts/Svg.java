package dev.regbench.reports.charts;

import java.awt.Rectangle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfree.chart.ChartHints;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;

/**
 * Writes a chart as a standalone SVG file with JFreeSVG. JFreeChart's element hints are turned
 * on, so each data item is a {@code <g data-ref='{"seriesKey": …, "itemKey": …}'>} group
 * (which the tests count, and a reader can inspect). Thread-safe: the hint keys are registered
 * once, each call uses its own graphics.
 */
public final class Svg {
    static {
        synchronized (SVGHints.class) {
            if (!SVGHints.isBeginGroupKey(ChartHints.KEY_BEGIN_ELEMENT)) {
                SVGHints.addBeginGroupKey(ChartHints.KEY_BEGIN_ELEMENT);
            }
            if (!SVGHints.isEndGroupKey(ChartHints.KEY_END_ELEMENT)) {
                SVGHints.addEndGroupKey(ChartHints.KEY_END_ELEMENT);
            }
        }
    }

    private Svg() {
    }

    /** Renders the chart at the given size (px) and returns the SVG document. */
    public static String render(JFreeChart chart, int width, int height) {
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        chart.draw(g2, new Rectangle(0, 0, width, height));
        return g2.getSVGDocument();
    }

    /** Renders the chart and writes it to the file, creating parent folders. */
    public static void write(JFreeChart chart, int width, int height, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, render(chart, width, height));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + file + ": " + e.getMessage(), e);
        }
    }
}
