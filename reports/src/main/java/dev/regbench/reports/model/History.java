package dev.regbench.reports.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.regbench.reports.stats.Direction;
import java.util.List;

/**
 * Gated figures over many runs (successive commits) and their change points, written by
 * {@code regbench history DIR} as {@code history.json} and drawn as trend charts in the report.
 * Immutable; thread-safe.
 *
 * @param schemaVersion {@value Results#SCHEMA_VERSION}
 * @param date          ISO-8601 instant it was computed
 * @param source        the folder the runs were read from
 * @param method        how change points were found (algorithm, permutations, significance, seed)
 * @param series        one per gated figure and config
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record History(int schemaVersion, String date, String source, String method, List<Series> series) {
    public History {
        series = series == null ? List.of() : List.copyOf(series);
    }

    /**
     * One gated figure over the runs, in run order.
     *
     * @param name         {@code <config> <metric>} or {@code <b>/<a> <metric> ratio}
     * @param direction    which way is better
     * @param points       one per run that measured it
     * @param changePoints where its level changed
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Series(String name, Direction direction, List<Point> points, List<Change> changePoints) {
        public Series {
            points = points == null ? List.of() : List.copyOf(points);
            changePoints = changePoints == null ? List.of() : List.copyOf(changePoints);
        }
    }

    /**
     * One run's figure: the median of its n repetitions and their range.
     *
     * @param run    the run's label (commit, else folder name)
     * @param date   when it ran
     * @param value  median
     * @param low    lowest repetition
     * @param high   highest repetition
     * @param n      repetitions
     */
    public record Point(String run, String date, double value, double low, double high, int n) {
    }

    /**
     * A change point.
     *
     * @param index    index of the first point after the change
     * @param run      that point's run
     * @param before   mean of the segment before
     * @param after    mean of the segment after
     * @param pValue   of the permutation test
     * @param worse    true when the change goes the bad way for the figure's direction
     */
    public record Change(int index, String run, double before, double after, double pValue, boolean worse) {
    }
}
