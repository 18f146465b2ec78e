package dev.regbench.simulations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The machine-readable result of one simulation run, written to
 * {@code <regbench.out>/gatling/<simulation>-summary.json} for the report and the gate.
 *
 * <p>The first fields are the same for every simulation; {@code details} carries what is
 * particular to one (phases, load levels, operations, statuses).
 *
 * @param simulation simple class name
 * @param target the registry (URL, or the embedded registry with dataset and profiles)
 * @param scale {@code quick} or {@code full}
 * @param requests request attempts, client side
 * @param failures attempts Gatling counted KO
 * @param rps request attempts per second of active time
 * @param p50 latency percentile, ms
 * @param p95 latency percentile, ms
 * @param p99 latency percentile, ms
 * @param max maximum latency, ms
 * @param connectionsAccepted connections the server accepted during the load, null when unknown
 * @param serverRequests requests the server answered during the load, null when unknown
 * @param connectionReuse {@code 1 - connectionsAccepted / serverRequests}, null when unknown
 * @param users virtual users started
 * @param durationS active seconds (first request sent to last answered)
 * @param details simulation-specific figures
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"simulation", "target", "scale", "requests", "failures", "rps", "p50", "p95", "p99", "max",
    "connectionsAccepted", "serverRequests", "connectionReuse", "users", "durationS", "details"})
record Summary(String simulation, String target, String scale, long requests, long failures, double rps,
        double p50, double p95, double p99, double max, Long connectionsAccepted, Long serverRequests,
        Double connectionReuse, long users, double durationS, Map<String, Object> details) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A summary of {@code figures} with no details yet. */
    static Summary of(String simulation, String target, String scale, Figures figures, long users) {
        return new Summary(simulation, target, scale, figures.requests(), figures.failures(), figures.rps(),
                figures.p50(), figures.p95(), figures.p99(), figures.max(), figures.connectionsAccepted(),
                figures.serverRequests(), figures.connectionReuse(), users, figures.seconds(), new LinkedHashMap<>());
    }

    /** This summary with one more detail (insertion order kept). */
    Summary with(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(details);
        copy.put(key, value);
        return new Summary(simulation, target, scale, requests, failures, rps, p50, p95, p99, max,
                connectionsAccepted, serverRequests, connectionReuse, users, durationS, copy);
    }

    /** Where the summary of {@code simulation} goes under {@code root}. */
    static Path path(Path root, String simulation) {
        return root.resolve("gatling").resolve(simulation + "-summary.json");
    }

    /** Writes this summary under {@link SimProperties#outputRoot()} and prints one line; returns the file. */
    Path write() {
        return write(SimProperties.outputRoot());
    }

    /** Writes this summary under {@code root} and prints one line; returns the file. */
    Path write(Path root) {
        Path file = path(root, simulation);
        try {
            Files.createDirectories(file.getParent());
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write simulation summary " + file, e);
        }
        System.out.printf("regbench %s: %d requests, %d failures, %.1f req/s, p50 %.2f p95 %.2f p99 %.2f max %.2f ms,"
                + " connections accepted %s, reuse %s -> %s%n", simulation, requests, failures, rps, p50, p95, p99, max,
                connectionsAccepted, connectionReuse, file);
        return file;
    }

    /** Reads a summary written by {@link #write(Path)} (for tests and tools). */
    static Map<String, Object> read(Path file) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = JSON.readValue(file.toFile(), Map.class);
        return map;
    }
}
