package dev.regbench.simulations;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.regbench.reports.model.Knee;
import java.util.List;
import java.util.Optional;

/**
 * A load staircase's levels and its knee: the lowest concurrency whose throughput is already
 * within {@link Knee#SATURATION} of the best level's (the project's one knee rule,
 * {@link Knee#of}, shared with the harness's sweep). Past the knee more users buy no throughput,
 * only latency (Little's law: latency grows with users at constant throughput).
 *
 * <p>Stateless and thread-safe.
 */
final class Staircase {

    private Staircase() {
    }

    /** One step of the staircase: its concurrency and its figures. */
    record Level(int users, Figures figures) {
    }

    /**
     * The knee of {@code levels} (ordered by users).
     *
     * @param users concurrency at the knee
     * @param rps throughput there
     * @param p95 95th percentile latency there, ms
     * @param maxRps the best throughput of any level
     * @param p95AtTop 95th percentile at the highest level, ms
     * @param latencyGrowth {@code p95AtTop / p95} (how much latency climbed past the knee)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Result(int users, double rps, double p95, double maxRps, double p95AtTop, double latencyGrowth) {
    }

    /** The knee, or empty when no level has requests. */
    static Optional<Result> knee(List<Level> levels) {
        List<Double> rps = levels.stream().map(l -> l.figures().rps()).toList();
        double maxRps = rps.stream().mapToDouble(Double::doubleValue).max().orElse(0.0);
        int at = Knee.of(rps, true);
        if (maxRps <= 0.0 || at < 0) {
            return Optional.empty();
        }
        Level level = levels.get(at);
        Level top = levels.get(levels.size() - 1);
        double p95 = level.figures().p95();
        double growth = p95 > 0 ? top.figures().p95() / p95 : 0.0;
        return Optional.of(new Result(level.users(), level.figures().rps(), p95, maxRps,
                top.figures().p95(), Figures.round(growth)));
    }

    /**
     * Throughput at {@code toUsers} divided by throughput at {@code fromUsers} (claim C14's
     * "2 vs 50 connections"), or empty when either level is missing or idle.
     */
    static Optional<Double> throughputRatio(List<Level> levels, int fromUsers, int toUsers) {
        Optional<Level> from = levels.stream().filter(l -> l.users() == fromUsers).findFirst();
        Optional<Level> to = levels.stream().filter(l -> l.users() == toUsers).findFirst();
        if (from.isEmpty() || to.isEmpty() || from.get().figures().rps() <= 0) {
            return Optional.empty();
        }
        return Optional.of(Figures.round(to.get().figures().rps() / from.get().figures().rps()));
    }
}
