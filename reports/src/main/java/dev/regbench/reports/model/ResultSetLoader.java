package dev.regbench.reports.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds and parses the result files of one folder. The layout is the one the harness writes
 * under {@code target/regbench/}:
 * <pre>
 *   DIR/scenarios/&lt;name&gt;/results.json        scenario runs, compares and sweeps ({@link Results})
 *   DIR/sweeps/&lt;key&gt;/results.json            sweeps, where {@code regbench sweep} writes them by default
 *   DIR/results.json                           also accepted: DIR is itself one scenario's folder
 *   DIR/jmh/*.json                             JMH's own JSON output ({@link JmhResult})
 *   DIR/gatling/&lt;simulation&gt;[-&lt;variant&gt;]-summary.json   Gatling summaries ({@link GatlingSummary})
 *   DIR/gatling/&lt;folder&gt;/summary.json          also accepted
 *   DIR/gatling/&lt;report folder&gt;/index.html     Gatling's own HTML reports (linked, not read)
 *   DIR/gate/gate.json                         the last gate ({@link GateReport})
 *   DIR/tests/TEST-*.xml                       JUnit XML test reports ({@link TestReport}), evidence
 *                                              for claims decided by tests
 * </pre>
 * Missing parts are simply absent (a partial set renders what it has); a file that is present
 * but malformed is a {@link ResultFileException} naming it. A DIR that does not exist is an
 * error too.
 *
 * <p>Stateless; thread-safe.
 */
public final class ResultSetLoader {
    private ResultSetLoader() {
    }

    /** Loads one folder, labelled with its name. */
    public static ResultSet load(Path dir) {
        return load(dir, defaultLabel(dir));
    }

    public static ResultSet load(Path dir, String label) {
        if (!Files.isDirectory(dir)) {
            throw new ResultFileException(dir, Files.exists(dir) ? "not a folder" : "no such folder");
        }
        List<ResultSet.Loaded<Results>> scenarios = new ArrayList<>();
        Path root = dir.resolve("results.json");
        if (Files.isRegularFile(root)) {
            scenarios.add(new ResultSet.Loaded<>(root, ResultsIo.read(root)));
        }
        for (String folder : new String[] {"scenarios", "sweeps"}) {
            for (Path f : find(dir.resolve(folder), 3, p -> p.getFileName().toString().equals("results.json"))) {
                scenarios.add(new ResultSet.Loaded<>(f, ResultsIo.read(f)));
            }
        }
        List<ResultSet.Loaded<List<JmhResult>>> jmh = new ArrayList<>();
        for (Path f : find(dir.resolve("jmh"), 1, p -> p.toString().endsWith(".json"))) {
            jmh.add(new ResultSet.Loaded<>(f, ResultsIo.readJmh(f)));
        }
        List<ResultSet.Loaded<GatlingSummary>> gatling = new ArrayList<>();
        for (Path f : find(dir.resolve("gatling"), 2, ResultSetLoader::isGatlingSummary)) {
            for (GatlingSummary g : ResultsIo.readGatlingWithVariants(f)) {
                gatling.add(new ResultSet.Loaded<>(f, g));
            }
        }
        Path gateFile = dir.resolve("gate").resolve("gate.json");
        Optional<ResultSet.Loaded<GateReport>> gate = Files.isRegularFile(gateFile)
                ? Optional.of(new ResultSet.Loaded<>(gateFile, ResultsIo.readGate(gateFile))) : Optional.empty();
        List<ResultSet.Loaded<TestReport>> tests = new ArrayList<>();
        for (Path f : find(dir.resolve("tests"), 1, p -> p.getFileName().toString().startsWith("TEST-")
                && p.toString().endsWith(".xml"))) {
            tests.add(new ResultSet.Loaded<>(f, TestReport.read(f)));
        }
        return new ResultSet(label, dir, scenarios, jmh, gatling, gate, tests);
    }

    /** Gatling's own report folders under {@code DIR/gatling/} (those holding an {@code index.html}). */
    public static List<Path> gatlingReportFolders(Path dir) {
        return find(dir.resolve("gatling"), 2, p -> p.getFileName().toString().equals("index.html"))
                .stream().map(Path::getParent).toList();
    }

    private static boolean isGatlingSummary(Path p) {
        String name = p.getFileName().toString();
        return name.endsWith("-summary.json") || name.equals("summary.json");
    }

    private static String defaultLabel(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        Path name = abs.getFileName();
        if (name == null) {
            return abs.toString();
        }
        // target/regbench → the module or checkout above is more telling than "regbench"
        if (name.toString().equals("regbench") && abs.getParent() != null && abs.getParent().getParent() != null) {
            return abs.getParent().getParent().getFileName() + "/" + "target/regbench";
        }
        return name.toString();
    }

    private static List<Path> find(Path base, int depth, java.util.function.Predicate<Path> accept) {
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        try (Stream<Path> s = Files.find(base, depth, (p, a) -> a.isRegularFile() && accept.test(p))) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + base + ": " + e.getMessage(), e);
        }
    }
}
