package dev.regbench.reports.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything found in one result folder (one machine or one commit), as loaded by
 * {@link ResultSetLoader}. Paths are as found on disk. Immutable; thread-safe.
 *
 * @param label    short name shown in the report (the folder name, or the host when the
 *                 folder is the usual {@code regbench})
 * @param dir      the folder
 * @param scenarios every {@code results.json}, sorted by path
 * @param jmh      every JMH JSON file, sorted by path
 * @param gatling  every Gatling summary, sorted by path
 * @param gate     the gate report, when present
 * @param tests    JUnit XML test reports found under {@code DIR/tests/}, sorted by path
 */
public record ResultSet(String label, Path dir, List<Loaded<Results>> scenarios, List<Loaded<List<JmhResult>>> jmh,
                        List<Loaded<GatlingSummary>> gatling, Optional<Loaded<GateReport>> gate,
                        List<Loaded<TestReport>> tests) {
    public ResultSet {
        scenarios = List.copyOf(scenarios);
        jmh = List.copyOf(jmh);
        gatling = List.copyOf(gatling);
        tests = tests == null ? List.of() : List.copyOf(tests);
    }

    /** A result set without test reports. */
    public ResultSet(String label, Path dir, List<Loaded<Results>> scenarios, List<Loaded<List<JmhResult>>> jmh,
                     List<Loaded<GatlingSummary>> gatling, Optional<Loaded<GateReport>> gate) {
        this(label, dir, scenarios, jmh, gatling, gate, List.of());
    }

    /**
     * A parsed file and where it came from.
     *
     * @param file  the file
     * @param value its content
     */
    public record Loaded<T>(Path file, T value) {
    }

    /** True when nothing at all was found. */
    public boolean isEmpty() {
        return scenarios.isEmpty() && jmh.isEmpty() && gatling.isEmpty() && gate.isEmpty() && tests.isEmpty();
    }

    /** Every JMH result of every file, with its file. */
    public List<Loaded<JmhResult>> jmhResults() {
        return jmh.stream().flatMap(f -> f.value().stream().map(r -> new Loaded<>(f.file(), r))).toList();
    }

    /** The first environment recorded in a scenario result, if any. */
    public Optional<Environment> environment() {
        return scenarios.stream().map(s -> s.value().environment()).filter(java.util.Objects::nonNull).findFirst();
    }
}
