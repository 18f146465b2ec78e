package dev.regbench.harness.gate;

import dev.regbench.reports.model.GateReport.Kind;
import dev.regbench.reports.model.History;
import dev.regbench.reports.model.Results;
import dev.regbench.reports.model.ResultsIo;
import dev.regbench.reports.stats.Direction;
import dev.regbench.reports.stats.EDivisive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code regbench history DIR}: the gated figures of many runs (every {@code results.json} under
 * DIR, one per commit, ordered by the date each ran) as series, with their change points found by
 * {@link EDivisive}. A series holds, per run, the figure the gate compares: the median over the
 * run's repetitions of a config's metric, or of the paired same-run ratio. Stateless.
 */
public final class GateHistory {

    private GateHistory() {
    }

    /** One run read from DIR. */
    record Run(String label, String date, Results results) {
    }

    /** Reads every results.json under {@code dir} (any depth), oldest first. */
    static List<Run> runs(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new GateInputException(dir + ": not a folder of runs");
        }
        List<Run> runs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().equals("results.json")).sorted().toList()) {
                Results r = ResultsIo.read(f);
                String date = r.environment() == null || r.environment().date() == null ? "" : r.environment().date();
                String commit = r.environment() == null ? null : r.environment().commit();
                String label = commit != null && !commit.isBlank() ? commit : dir.relativize(f.getParent()).toString();
                runs.add(new Run(label, date, r));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
        if (runs.size() < 2) {
            throw new GateInputException(dir + ": found " + runs.size() + " results.json; a history needs at least 2 runs");
        }
        runs.sort(Comparator.comparing(Run::date));
        return runs;
    }

    /** The history of {@code rules}' figures over the runs under {@code dir}. */
    public static History of(Path dir, List<GateRule> rules, EDivisive detector) {
        List<Run> runs = runs(dir);
        Map<String, History.Series> series = new LinkedHashMap<>();
        for (GateRule rule : rules) {
            if (rule.kind() == Kind.SAME_RUN_RATIO) {
                String name = rule.b() + "/" + rule.a() + " " + rule.metric() + " ratio";
                add(series, name, rule.direction(), runs, r -> Gate.ratios(r, rule.a(), rule.b(), rule.metric()), detector);
                continue;
            }
            List<String> configs = runs.stream().flatMap(r -> r.results().configNames().stream()).distinct()
                    .filter(c -> rule.config().equals("*") || rule.config().equals(c)).toList();
            for (String config : configs) {
                add(series, config + " " + rule.metric(), rule.direction(), runs,
                        r -> Gate.spread(r, config, rule.metric()), detector);
            }
        }
        String method = "E-Divisive means (Matteson & James 2014), alpha 1, " + detector.permutations()
                + " permutations, p <= " + detector.significance() + ", min " + detector.minSize()
                + " runs per side, seed " + detector.seed();
        return new History(Results.SCHEMA_VERSION, Instant.now().toString(), dir.toString(), method,
                List.copyOf(series.values()));
    }

    private static void add(Map<String, History.Series> out, String name, Direction direction, List<Run> runs,
                            java.util.function.Function<Results, Spread> figure, EDivisive detector) {
        List<History.Point> points = new ArrayList<>();
        for (Run run : runs) {
            Spread s = figure.apply(run.results());
            if (!s.isEmpty()) {
                points.add(new History.Point(run.label(), run.date(), s.median(), s.low(), s.high(), s.n()));
            }
        }
        if (points.size() < 2) {
            return;
        }
        double[] values = points.stream().mapToDouble(History.Point::value).toArray();
        List<History.Change> changes = detector.changePoints(values).stream().map(c -> new History.Change(c.index(),
                points.get(c.index()).run(), c.before(), c.after(), c.pValue(),
                direction == Direction.HIGHER_IS_BETTER ? c.after() < c.before() : c.after() > c.before())).toList();
        out.put(name, new History.Series(name, direction, points, changes));
    }
}
