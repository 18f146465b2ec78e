package dev.regbench.reports.claims;

import dev.regbench.reports.stats.Interval;
import java.nio.file.Path;
import java.util.List;

/**
 * A figure measured for a claim by one {@link Measure} on one result set. Immutable; thread-safe.
 *
 * @param measure what was measured
 * @param value   the figure (a ratio, a reduction as a fraction, or a metric value)
 * @param spread  its 95% interval (bootstrap for scenarios, JMH's error for JMH), or null
 *                when the source gives none (Gatling)
 * @param unit    unit of {@code value} for display: {@code ×}, {@code %} or the metric's unit
 * @param detail  the raw figures behind it, e.g. "a = 15.1 MiB/s, b = 64.2 MiB/s (n = 3, 3)"
 * @param set     label of the result set
 * @param file    the file it came from
 * @param runIds  the runs behind it ({@code config#repetition} for scenarios and sweeps, the JMH
 *                benchmark, the Gatling simulation, the test classes)
 */
public record Measurement(Measure measure, double value, Interval spread, String unit, String detail, String set,
                          Path file, List<String> runIds) {
    public Measurement {
        runIds = runIds == null ? List.of() : List.copyOf(runIds);
    }

    /** A measurement without run ids. */
    public Measurement(Measure measure, double value, Interval spread, String unit, String detail, String set, Path file) {
        this(measure, value, spread, unit, detail, set, file, List.of());
    }

    /** The same measurement with the runs behind it. */
    public Measurement withRunIds(List<String> ids) {
        return new Measurement(measure, value, spread, unit, detail, set, file, ids);
    }
}
