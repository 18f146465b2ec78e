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
import dev.regbench.reports.stats.Noise;
import dev.regbench.reports.stats.Stats;
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
 * (config × network) interleaved ABBA — A B in even repetitions, B A in odd ones, so neither
 * arm always goes first — each against a fresh destination, and checks every destination digest
 * after every run (a run with a wrong or missing digest is a failed run, never a fast one).
 * Writes {@code results.json} and one HdrHistogram log per run to the output folder.
 *
 * <p>Comparisons are paired: repetition i of B against repetition i of A, the ratio's interval
 * from order statistics ({@link Stats#pairedRatioInterval}). With {@link #calibrate(boolean)}
 * the reference config of each network also runs as a second arm ({@code A~aa}) in every
 * repetition: this A/A calibration measures each metric's noise ({@link Noise}), which becomes
 * the minimum effect of every verdict and is stored in {@code results.json}. Without it the
 * minimum effect is {@link Stats#DEFAULT_MIN_EFFECT}.
 *
 * <p>Not thread-safe; one runner runs one scenario at a time.
 */
public final class ScenarioRunner {

    /** Suffix of the A/A calibration arm's name ({@code optimized~aa}). */
    public static final String CALIBRATION_SUFFIX = "~aa";
    /** A timed run shorter than this mostly measures the JIT and the timer; the results say so. */
    static final double SHORT_RUN_S = 1.0;

    private final RunListener listener;
    private final Path workingTree;
    private final Shard shard;
    /** Null: the scenario's {@code calibrate} decides. */
    private Boolean calibrate;
    private double compressedShare = Double.NaN;

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

    /**
     * Whether to run the A/A calibration arm: the reference config of each network once more per
     * repetition, under the name {@code <name>~aa}. Without this call the scenario decides (its
     * {@code calibrate} key, off by default); a call overrides it either way. Returns this runner.
     */
    public ScenarioRunner calibrate(boolean on) {
        this.calibrate = on;
        return this;
    }

    /** Runs {@code scenario} and writes {@code results.json} under {@code out}. */
    public Results run(Scenario scenario, Path out) throws Exception {
        Files.createDirectories(out);
        boolean aa = calibrate != null ? calibrate : scenario.calibrate();
        List<Variant> variants = aa ? withCalibration(variants(scenario), scenario) : variants(scenario);
        List<RunResult> runs = new ArrayList<>();
        long deadline = scenario.timeBudget().isZero() ? Long.MAX_VALUE
                : System.nanoTime() + scenario.timeBudget().toNanos();
        String stoppedEarly = null;
        try (Endpoint source = Registries.source(scenario)) {
            Expected expected = Expected.of(source, scenario.tags(), shard);
            listener.note("source " + source.host() + ": " + expected.describe());
            compressedShare = source.fake().map(f -> DatasetBlobs.of(f.storage(), expected.manifests()).compressedShare())
                    .orElse(Double.NaN);
            for (int rep = -scenario.warmup(); rep < scenario.repetitions(); rep++) {
                if (rep >= 0 && System.nanoTime() > deadline) {
                    stoppedEarly = "time budget " + scenario.timeBudget() + " used after " + rep + " repetitions";
                    listener.note("stopping: " + stoppedEarly);
                    break;
                }
                for (Variant v : order(variants, rep)) {
                    listener.runStarted(v.name(), rep, scenario.repetitions(), expected.blobBytes());
                    RunResult result = withCompressedShare(new OneRun(scenario, v, rep, source, expected, out, listener, shard).call());
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

    /**
     * Adds {@code dataset_compressed_share}: the share of the dataset's blob bytes already
     * compressed (gzip/zstd), which a wire compression cannot shrink (claim C3).
     */
    private RunResult withCompressedShare(RunResult r) {
        if (Double.isNaN(compressedShare) || r.metrics().isEmpty()) {
            return r;
        }
        Map<String, Double> m = new LinkedHashMap<>(r.metrics());
        m.put("dataset_compressed_share", compressedShare);
        return new RunResult(r.config(), r.repetition(), r.ok(), r.error(), m, r.latency(), r.requestsByRoute(), r.hlog());
    }

    /** ABBA: the variants in order in even repetitions (warm-ups count), reversed in odd ones. */
    static List<Variant> order(List<Variant> variants, int repetition) {
        if (Math.floorMod(repetition, 2) == 0) {
            return variants;
        }
        List<Variant> reversed = new ArrayList<>(variants);
        java.util.Collections.reverse(reversed);
        return reversed;
    }

    /** Adds after each network's reference config its A/A copy {@code <name>~aa}. */
    static List<Variant> withCalibration(List<Variant> variants, Scenario s) {
        List<Variant> out = new ArrayList<>();
        for (String network : s.networks()) {
            List<Variant> same = variants.stream().filter(v -> v.network().equals(network)).toList();
            Variant a = same.get(0);
            out.add(a);
            out.add(new Variant(a.name() + CALIBRATION_SUFFIX, a.config(), a.configFile(), a.network()));
            out.addAll(same.subList(1, same.size()));
        }
        return out;
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
        Noise noise = noise(partial, variants, metrics);
        List<Comparison> comparisons = new ArrayList<>();
        for (String network : s.networks()) {
            List<Variant> same = variants.stream().filter(v -> v.network().equals(network))
                    .filter(v -> !v.name().endsWith(CALIBRATION_SUFFIX)).toList();
            Variant a = same.get(0);
            for (Variant b : same.subList(1, same.size())) {
                for (String m : metrics) {
                    double[][] p = partial.pairs(a.name(), b.name(), m, false);
                    if (p[0].length > 0) {
                        comparisons.add(Comparison.of(a.name(), b.name(), m, p[0], p[1], noise.minEffect(network, m)));
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
        extra.put("design", "paired, interleaved ABBA (A B in even repetitions, B A in odd ones); ratios B/A per "
                + "repetition; intervals of medians and ratios from order statistics (binomial, exact coverage; "
                + "a range with its n when n < " + Stats.MIN_N_FOR_95 + ")");
        String shortRuns = shortRuns(partial, variants);
        if (shortRuns != null) {
            extra.put("shortRuns", shortRuns);
            listener.note(shortRuns);
        }
        if (!shard.isAll()) {
            extra.put("shard", shard.toString());
        }
        ScenarioInfo info = new ScenarioInfo(s.name(), s.dataset(), String.join(",", s.networks()), s.faults(),
                s.repetitions(), s.warmup(), extra);
        Environment env = Environment.current(GitCommit.of(workingTree), Instant.now().toString());
        return new Results(Results.SCHEMA_VERSION, env, info, configs, runs, summary, comparisons, null, noise);
    }

    /**
     * Measured noise when the calibration arm ran, else the assumed default; kept per network
     * profile (each profile's A/A pairs set only that profile's slack).
     */
    static Noise noise(Results partial, List<Variant> variants, Set<String> metrics) {
        Map<String, Map<String, double[][]>> aa = new LinkedHashMap<>();
        for (Variant copy : variants) {
            if (!copy.name().endsWith(CALIBRATION_SUFFIX)) {
                continue;
            }
            String ref = copy.name().substring(0, copy.name().length() - CALIBRATION_SUFFIX.length());
            Map<String, double[][]> own = aa.computeIfAbsent(copy.network(), k -> new LinkedHashMap<>());
            for (String m : metrics) {
                double[][] p = partial.pairs(ref, copy.name(), m, false);
                if (p[0].length == 0) {
                    continue;
                }
                double[][] prev = own.get(m);
                own.put(m, prev == null ? p : concat(prev, p));
            }
        }
        return Noise.calibratedByNetwork(aa);
    }

    private static double[][] concat(double[][] x, double[][] y) {
        double[][] out = new double[2][];
        for (int i = 0; i < 2; i++) {
            out[i] = java.util.Arrays.copyOf(x[i], x[i].length + y[i].length);
            System.arraycopy(y[i], 0, out[i], x[i].length, y[i].length);
        }
        return out;
    }

    /** A note naming the variants whose median wall time is under {@link #SHORT_RUN_S}, or null. */
    private static String shortRuns(Results partial, List<Variant> variants) {
        List<String> short_ = new ArrayList<>();
        for (Variant v : variants) {
            double[] wall = partial.values(v.name(), Metrics.WALL_S);
            if (wall.length > 0 && Stats.median(wall) < SHORT_RUN_S) {
                short_.add(v.name() + String.format(java.util.Locale.ROOT, " (%.2f s)", Stats.median(wall)));
            }
        }
        return short_.isEmpty() ? null : "short runs: median wall time under " + SHORT_RUN_S + " s for "
                + String.join(", ", short_) + "; such a run measures JIT warm-up and timer as much as the work";
    }

    /**
     * True when a failed run must fail the command: a wrong or missing destination digest, or a
     * crash. A run that fails by design (tags that fail without retries under injected faults)
     * is a recorded result with its reason, not an error that stops a suite.
     */
    public static boolean isFatal(RunResult run) {
        return !run.ok() && run.error() != null
                && (run.error().startsWith(OneRun.DIGEST_PREFIX) || run.error().startsWith(OneRun.CRASH_PREFIX));
    }

    /**
     * The exit status of a command that ran {@code r}: 1 when a run had a wrong or missing digest
     * or crashed ({@link #isFatal}), else 0 (failed-by-design runs are recorded, not fatal).
     */
    public static int exitStatus(Results r) {
        return r.runs().stream().anyMatch(ScenarioRunner::isFatal) ? 1 : 0;
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
