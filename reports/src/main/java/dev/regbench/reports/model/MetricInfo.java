package dev.regbench.reports.model;

import dev.regbench.reports.stats.Direction;

/**
 * What a metric name means: label, unit, which way is better and whether it depends on
 * machine speed. Immutable; thread-safe.
 *
 * @param name              the metric name used in results ({@code throughput_mib_s})
 * @param label             human label ("Throughput")
 * @param unit              unit printed after values ("MiB/s", "ms", "" for counts, "%" for ratios)
 * @param direction         which way is better
 * @param machineIndependent true when the figure does not depend on machine speed (requests,
 *                          connections, bytes), so a gate may compare it across machines
 */
public record MetricInfo(String name, String label, String unit, Direction direction, boolean machineIndependent) {
}
