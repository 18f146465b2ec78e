package dev.regbench.harness.run;

import dev.regbench.engine.config.TuningConfig;
import dev.regbench.engine.shard.Shard;
import dev.regbench.harness.scenario.Scenario;
import dev.regbench.reports.model.Comparison;
import dev.regbench.reports.model.ConfigEntry;
import dev.regbench.reports.model.Environment;
import dev.regbench.reports.model.Metrics;
import dev.regbench.reports.model.Results;
import dev.regbench.reports.model.ResultsIo;
import dev.regbench.reports.model.RunResult;
import dev.regbench.reports.model.ScenarioInfo;
import dev.regbench.reports.model.SummaryRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a scenario: starts the source once, then for each repetition runs every variant
 * (config × network) in interleaved order — A B A B … — each against a fresh destination, and
 * checks every destination digest after every run (a run with a wrong or missing digest is a
 * failed run, never a fast one). Writes {@code results.json} and one HdrHistogram log per run to
 * the output folder.
 *
 * <p>Not thread-safe; one runner runs one scenario at a time.
 */
public final class ScenarioRunner {

    /** Comparisons whose ratio lies within ±minEffect of 1 are "no significant difference". */
    static final double MIN_EFFECT = 0.05;

    private final RunListener listener;
    private final Path workingTree;
    private final Shard shard;

    public ScenarioRunner(RunListener listener, Path workingTree) {
        this(listener, workingTree, Shard.ALL);
    }

    /**
     * A runner that copies only {@code shard} of the scenario's images in every run; its results
     * say which shard they are ({@code scenario.extra.shard}) for {@code regbench merge}.
     */
    public ScenarioRunner(RunListener listener, Path workingTree, Shard shard) {
        this.listener = listener;
        this.workingTree = workingTree;
        this.shard = shard;
    }

    /** Runs {@code scenario} and writes {@code results.json} under {@code out}. */
    public Results run(Scenario scenario, Path out) throws Exception {
        Files.createDirectories(out);
        List<Variant> variants = variants(scenario);
        List<RunResult> runs = new ArrayList<>();
        long deadline = scenario.timeBudget().isZero() ? Long.MAX_VALUE
                : System.nanoTime() + scenario.timeBudget().toNanos();
        String stoppedEarly = null;
        try (Endpoint source = Registries.source(scenario)) {
            Expected expected = Expected.of(source, scenario.tags(), shard);
            listener.note("source " + source.host() + ": " + expected.describe());
            for (int rep = -scenario.warmup(); rep < scenario.repetitions(); rep++) {
                if (rep >= 0 && System.nanoTime() > deadline) {
                    stoppedEarly = "time budget " + scenario.timeBudget() + " used after " + rep + " repetitions";
                    listener.note("stopping: " + stoppedEarly);
                    break;
                }
                for (Variant v : variants) {
                    listener.runStarted(v.name(), rep, scenario.repetitions(), expected.blobBytes());
                    RunResult result = new OneRun(scenario, v, rep, source, expected, out, listener, shard).call();
                    listener.runFinished(v.name(), rep, result);
                    if (rep >= 0) {
                        runs.add(result);
                    }
                }
            }
        }
        Results results = assemble(scenario, variants, runs, stoppedEarly);
        ResultsIo.write(results, out.resolve("results.json"));
        return results;
    }

    static List<Variant> variants(Scenario s) {
        List<Variant> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (String network : s.networks()) {
            for (Path file : s.configs()) {
                TuningConfig config = TuningConfig.load(file);
                String name = s.networks().size() > 1 ? config.name() + "@" + shortName(network) : config.name();
                if (!names.add(name)) {
                    throw new IllegalArgumentException(s.file() + ": two configs are both named '" + config.name()
                            + "'; give each config file its own name");
                }
                out.add(new Variant(name, config, file, network));
            }
        }
        return out;
    }

    private static String shortName(String network) {
        return Path.of(network).getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
    }

    private Results assemble(Scenario s, List<Variant> variants, List<RunResult> runs, String stoppedEarly) {
        List<ConfigEntry> configs = new ArrayList<>();
        for (Variant v : variants) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("network", v.network());
            values.put("yaml", v.config().toYaml());
            configs.add(new ConfigEntry(v.name(), workingTree.relativize(v.configFile().toAbsolutePath()).toString(), values));
        }
        Results partial = new Results(Results.SCHEMA_VERSION, null, null, configs, runs, null, null, null);
        List<SummaryRow> summary = new ArrayList<>();
        Set<String> metrics = new LinkedHashSet<>();
        runs.forEach(r -> metrics.addAll(Metrics.derive(r.metrics()).keySet()));
        for (Variant v : variants) {
            for (String m : metrics) {
                partial.summaryOf(v.name(), m).ifPresent(summary::add);
            }
        }
        List<Comparison> comparisons = new ArrayList<>();
        for (String network : s.networks()) {
            List<Variant> same = variants.stream().filter(v -> v.network().equals(network)).toList();
            Variant a = same.get(0);
            for (Variant b : same.subList(1, same.size())) {
                for (String m : metrics) {
                    double[] av = partial.values(a.name(), m);
                    double[] bv = partial.values(b.name(), m);
                    if (av.length > 0 && bv.length > 0) {
                        comparisons.add(Comparison.of(a.name(), b.name(), m, av, bv, MIN_EFFECT));
                    }
                }
            }
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("description", s.description());
        extra.put("mode", s.mode().name().toLowerCase(java.util.Locale.ROOT));
        extra.put("networks", s.networks());
        extra.put("source", s.source().toString());
        extra.put("destination", s.destination().toString());
        extra.put("file", workingTree.relativize(s.file().toAbsolutePath()).toString());
        if (stoppedEarly != null) {
            extra.put("stoppedEarly", stoppedEarly);
        }
        if (!shard.isAll()) {
            extra.put("shard", shard.toString());
        }
        ScenarioInfo info = new ScenarioInfo(s.name(), s.dataset(), String.join(",", s.networks()), s.faults(),
                s.repetitions(), s.warmup(), extra);
        Environment env = Environment.current(GitCommit.of(workingTree), Instant.now().toString());
        return new Results(Results.SCHEMA_VERSION, env, info, configs, runs, summary, comparisons, null);
    }

    /** Where results go when none is given: {@code target/regbench/scenarios/<name>}. */
    public static Path defaultOut(Path workingTree, Scenario s) {
        return workingTree.resolve("target/regbench/scenarios").resolve(s.name());
    }

    static void writeQuietly(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file, e);
        }
    }
}
