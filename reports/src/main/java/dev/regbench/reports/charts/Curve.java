package dev.regbench.reports.charts;

import java.util.List;

/**
 * One line of an XY chart. Immutable; thread-safe.
 *
 * @param series legend entry
 * @param points (x, y) pairs in x order
 */
public record Curve(String series, List<double[]> points) {
    public Curve {
        points = List.copyOf(points);
    }
}
