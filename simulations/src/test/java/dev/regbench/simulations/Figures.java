package dev.regbench.simulations;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.regbench.simulations.Target.ServerCounters;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * The figures of one run, phase or load level: request count and failures, throughput,
 * latency percentiles (milliseconds, from microsecond histograms) and, when the server counted
 * them, connections accepted and connection reuse ({@code 1 - connections / server requests}).
 *
 * @param name the simulation, phase or level
 * @param requests request attempts recorded by the client
 * @param failures attempts Gatling counted KO
 * @param rps requests per second over {@code seconds}
 * @param p50 median latency, ms
 * @param p95 95th percentile, ms
 * @param p99 99th percentile, ms
 * @param max maximum, ms
 * @param seconds the time the figures cover
 * @param connectionsAccepted connections the server accepted in that time, or null when unknown
 * @param serverRequests requests the server answered in that time, or null when unknown
 * @param connectionReuse {@code 1 - connectionsAccepted / serverRequests}, or null when unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Figures(String name, long requests, long failures, double rps, double p50, double p95, double p99,
        double max, double seconds, Long connectionsAccepted, Long serverRequests, Double connectionReuse) {

    /** Figures of {@code histogram} (µs) with {@code requests}/{@code failures} over {@code seconds}. */
    static Figures of(String name, Histogram histogram, long requests, long failures, double seconds,
            Optional<ServerCounters> server) {
        double rps = seconds > 0 ? requests / seconds : 0.0;
        return new Figures(name, requests, failures, round(rps), ms(histogram, 50), ms(histogram, 95),
                ms(histogram, 99), histogram.getTotalCount() == 0 ? 0.0 : round(histogram.getMaxValue() / 1000.0),
                round(seconds),
                server.map(ServerCounters::connectionsAccepted).orElse(null),
                server.map(ServerCounters::requestsTotal).orElse(null),
                server.map(c -> round(c.connectionReuse())).orElse(null));
    }

    /** Figures of everything {@code recorder} saw, over its active time. */
    static Figures of(RequestRecorder recorder, Optional<ServerCounters> server) {
        return of(recorder.name(), recorder.histogram(), recorder.requests(), recorder.failures(),
                recorder.activeSeconds(), server);
    }

    /** Failed attempts as a fraction of all attempts (0 without requests). */
    double failureRate() {
        return requests == 0 ? 0.0 : (double) failures / requests;
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0.0 : round(h.getValueAtPercentile(percentile) / 1000.0);
    }

    /** {@code v} to 3 decimals, for readable JSON. */
    static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
