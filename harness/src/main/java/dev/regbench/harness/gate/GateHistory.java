package dev.regbench.harness.gate;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code regbench history DIR}: the gated figures of many runs as series, with their change points
 * found by {@link EDivisive}. A run is a folder under DIR (any depth) holding either a
 * {@code results.json} or only the tracker JSON {@code regbench run} writes beside it
 * ({@code benchmark-action-smaller.json} / {@code -bigger.json}, github-action-benchmark's
 * custom format: a CI that keeps only those artifacts per commit). A series holds, per run, the
 * figure the gate compares: the median over the run's repetitions of a config's metric (from a
 * tracker file: its {@code value}, with n, min and max from its {@code extra}), or of the paired
 * same-run ratio (results.json only: the tracker has no pairs). Runs are ordered by the date each
 * ran; when a run has no date (tracker files carry none), every run is ordered by its folder's
 * path, so name folders to sort in commit order ({@code 0001-abc123}, …). Stateless.
 */
public final class GateHistory {

    /** The tracker files {@link dev.regbench.harness.export.TrackerExport} writes beside results.json. */
    static final List<String> TRACKER_FILES = List.of("benchmark-action-smaller.json", "benchmark-action-bigger.json");

    private static final Pattern EXTRA = Pattern.compile("n=(\\d+) min=(\\S+?) max=(\\S+?)(;|$)");

    private GateHistory() {
    }

    /**
     * One run read from DIR: its results, or (tracker only) the figures by "config metric".
     *
     * @param folder the run's folder relative to DIR (the order when a run has no date)
     */
    record Run(String label, String date, String folder, Results results, Map<String, Spread> tracker) {

        Spread figure(String config, String metric) {
            return results != null ? Gate.spread(results, config, metric) : tracker.getOrDefault(config + " " + metric, Spread.NONE);
        }

        Spread ratio(GateRule rule) {
            return results != null ? Gate.ratios(results, rule.a(), rule.b(), rule.metric()) : Spread.NONE;
        }

        List<String> configs() {
            return results != null ? results.configNames()
                    : tracker.keySet().stream().map(k -> k.substring(0, k.lastIndexOf(' '))).distinct().toList();
        }
    }

    /** Reads every run under {@code dir} (any depth), oldest first. */
    static List<Run> runs(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new GateInputException(dir + ": not a folder of runs");
        }
        List<Run> runs = new ArrayList<>();
        try (Stream<Path> folders = Files.walk(dir)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                String rel = dir.relativize(folder).toString();
                Path results = folder.resolve("results.json");
                if (Files.isRegularFile(results)) {
                    Results r = ResultsIo.read(results);
                    String date = r.environment() == null || r.environment().date() == null ? "" : r.environment().date();
                    String commit = r.environment() == null ? null : r.environment().commit();
                    runs.add(new Run(commit != null && !commit.isBlank() ? commit : rel, date, rel, r, null));
                } else if (TRACKER_FILES.stream().anyMatch(f -> Files.isRegularFile(folder.resolve(f)))) {
                    runs.add(new Run(rel.isEmpty() ? dir.getFileName().toString() : rel, "", rel, null, tracker(folder)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
        if (runs.size() < 2) {
            throw new GateInputException(dir + ": found " + runs.size() + " run(s) (a results.json, or the tracker's "
                    + String.join(" / ", TRACKER_FILES) + ", per folder); a history needs at least 2 runs");
        }
        boolean dated = runs.stream().allMatch(r -> !r.date().isEmpty());
        runs.sort(dated ? Comparator.comparing(Run::date) : Comparator.comparing(Run::folder));
        return runs;
    }

    /**
     * A folder's tracker files as figures by "config metric": each entry's name is
     * {@code "<scenario> <config> <metric>"}, its value the median, its extra
     * {@code "n=… min=… max=…"} the interval (a single figure when absent).
     */
    static Map<String, Spread> tracker(Path folder) {
        Map<String, Spread> out = new LinkedHashMap<>();
        for (String name : TRACKER_FILES) {
            Path f = folder.resolve(name);
            if (!Files.isRegularFile(f)) {
                continue;
            }
            JsonNode root;
            try {
                root = ResultsIo.mapper().readTree(f.toFile());
            } catch (IOException e) {
                throw new GateInputException(f + ": not tracker JSON: " + e.getMessage().lines().findFirst().orElse(""));
            }
            if (root == null || !root.isArray()) {
                throw new GateInputException(f + ": not tracker JSON (an array of {name, unit, value, range, extra})");
            }
            for (JsonNode e : root) {
                String full = e.path("name").asText("");
                String[] words = full.split(" ");
                if (words.length < 3 || !e.path("value").isNumber()) {
                    throw new GateInputException(f + ": entry '" + full + "' needs a name '<scenario> <config> <metric>'"
                            + " and a numeric 'value'");
                }
                double value = e.get("value").asDouble();
                Matcher m = EXTRA.matcher(e.path("extra").asText(""));
                Spread spread = m.find() ? new Spread(Integer.parseInt(m.group(1)), Double.parseDouble(m.group(2)), value,
                        Double.parseDouble(m.group(3))) : Spread.single(value);
                out.put(words[words.length - 2] + " " + words[words.length - 1], spread);
            }
        }
        return out;
    }

    /** The history of {@code rules}' figures over the runs under {@code dir}. */
    public static History of(Path dir, List<GateRule> rules, EDivisive detector) {
        List<Run> runs = runs(dir);
        Map<String, History.Series> series = new LinkedHashMap<>();
        for (GateRule rule : rules) {
            if (rule.kind() == Kind.SAME_RUN_RATIO) {
                String name = rule.b() + "/" + rule.a() + " " + rule.metric() + " ratio";
                add(series, name, rule.direction(), runs, r -> r.ratio(rule), detector);
                continue;
            }
            List<String> configs = runs.stream().flatMap(r -> r.configs().stream()).distinct()
                    .filter(c -> rule.config().equals("*") || rule.config().equals(c)).toList();
            for (String config : configs) {
                add(series, config + " " + rule.metric(), rule.direction(), runs,
                        r -> r.figure(config, rule.metric()), detector);
            }
        }
        String method = "E-Divisive means (Matteson & James 2014), alpha 1, " + detector.permutations()
                + " permutations, p <= " + detector.significance() + ", min " + detector.minSize()
                + " runs per side, seed " + detector.seed();
        return new History(Results.SCHEMA_VERSION, Instant.now().toString(), dir.toString(), method,
                List.copyOf(series.values()));
    }

    private static void add(Map<String, History.Series> out, String name, Direction direction, List<Run> runs,
                            java.util.function.Function<Run, Spread> figure, EDivisive detector) {
        List<History.Point> points = new ArrayList<>();
        for (Run run : runs) {
            Spread s = figure.apply(run);
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
