package dev.regbench.reports.charts;

import dev.regbench.reports.stats.Interval;

/**
 * One bar of a bar chart. Immutable; thread-safe.
 *
 * @param series   the legend entry (result set, or metric)
 * @param category the axis entry (config, benchmark)
 * @param value    bar height
 * @param ci       error bar, or null for none
 */
public record Bar(String series, String category, double value, Interval ci) {
}
