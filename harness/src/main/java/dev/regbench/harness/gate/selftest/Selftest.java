package dev.regbench.harness.gate.selftest;

import dev.regbench.engine.config.TuningConfig;
import dev.regbench.harness.gate.Gate;
import dev.regbench.harness.gate.GateInputException;
import dev.regbench.harness.gate.GateRule;
import dev.regbench.harness.gate.JUnitXml;
import dev.regbench.harness.run.GitCommit;
import dev.regbench.harness.scenario.Scenario;
import dev.regbench.harness.scenario.ScenarioLoader;
import dev.regbench.reports.model.GateReport;
import dev.regbench.reports.model.GateSensitivity;
import dev.regbench.reports.model.JmhResult;
import dev.regbench.reports.model.Results;
import dev.regbench.reports.model.ResultsIo;
import dev.regbench.reports.stats.Direction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code regbench gate --selftest}: measures the gate's own sensitivity. Runs the catalogue's
 * scenario clean once (the baseline) and {@code aaRuns} more times (A/A: each judged against the
 * baseline must pass), then once per catalogue regression with it applied (judged against a clean
 * run of the same scenario: some rule must fail). Each run is a child JVM running
 * {@code regbench run} (so an engine self-test switch, a system property, is set in that JVM
 * only). Regressions marked {@code jmh} also run the gated JMH benchmarks ({@code regbench jmh
 * --gated}) against clean JMH runs. Writes {@code sensitivity.json} (a {@link GateSensitivity})
 * and prints the matrix. Not thread-safe; one self-test at a time per output folder.
 */
public final class Selftest {

    /** Clean JMH runs: one baseline and this many A/A runs judged against it. */
    static final int JMH_AA_RUNS = 2;
    static final String JMH_RULE = "JMH B/op";
    private static final long CHILD_TIMEOUT_MINUTES = 10;

    private final Path root;
    private final Path catalogueFile;
    private final Path out;
    private final int aaRuns;
    private final List<String> only;
    private final List<GateRule> rules;
    private final boolean reuse;

    /**
     * @param reuse judge runs already under {@code out/runs} instead of running them again (to
     *              re-judge stored runs under changed rules); missing runs are still run
     */
    public Selftest(Path root, Path catalogueFile, Path out, int aaRuns, List<String> only, List<GateRule> rules,
                    boolean reuse) {
        if (aaRuns < 0) {
            throw new GateInputException("--aa must be >= 0, was " + aaRuns);
        }
        this.root = root;
        this.catalogueFile = catalogueFile;
        this.out = out;
        this.aaRuns = aaRuns;
        this.only = only;
        this.rules = rules;
        this.reuse = reuse;
    }

    /** Runs everything; true when every regression was caught and no A/A run failed. */
    public boolean run() throws IOException, InterruptedException {
        Catalogue cat = Catalogue.load(catalogueFile);
        List<Catalogue.Regression> regressions = cat.regressions().stream()
                .filter(r -> only.isEmpty() || only.contains(r.id())).toList();
        if (regressions.isEmpty() && !only.isEmpty()) {
            throw new GateInputException("--only " + only + ": no such regression in " + catalogueFile);
        }
        Files.createDirectories(out);
        List<String> columns = new ArrayList<>(rules.stream().map(Selftest::ruleName).toList());
        boolean anyJmh = regressions.stream().anyMatch(Catalogue.Regression::jmh);
        if (anyJmh) {
            columns.add(JMH_RULE);
        }

        Map<Path, Path> clean = new LinkedHashMap<>();
        clean.put(cat.scenario(), runScenario("clean-" + stem(cat.scenario()), cat, cat.scenario(), null));
        List<GateSensitivity.AaRun> aa = new ArrayList<>();
        Map<String, Double> needed = new LinkedHashMap<>();
        Map<String, Double> applied = new LinkedHashMap<>();
        for (GateRule rule : rules) {
            needed.put(ruleName(rule), 0.0);
            applied.put(ruleName(rule), relative(rule) ? rule.tolerance() : rule.slack());
        }
        Results baseline = ResultsIo.read(clean.get(cat.scenario()));
        List<Results> aaSet = new ArrayList<>(List.of(baseline));
        for (int i = 1; i <= aaRuns; i++) {
            Path current = runScenario("aa-" + i, cat, cat.scenario(), null);
            Results cur = ResultsIo.read(current);
            aaSet.add(cur);
            List<String> alarms = new ArrayList<>();
            for (GateRule rule : rules) {
                GateReport g = Gate.evaluate(baseline, "clean", cur, "aa-" + i, List.of(rule));
                if (!g.passed()) {
                    alarms.add(ruleName(rule));
                }
            }
            aa.add(new GateSensitivity.AaRun("aa-" + i, alarms));
            System.out.println("A/A " + i + "/" + aaRuns + ": " + (alarms.isEmpty() ? "passed" : "FALSE ALARM " + alarms));
        }
        Pairs pairs = pairs(aaSet, rules);
        needed.putAll(pairs.needed());
        Map<String, Double> spread = new LinkedHashMap<>();
        for (GateRule rule : rules) {
            spread.put(ruleName(rule), spread(aaSet, rule));
        }

        Path jmhBase = null;
        if (anyJmh) {
            jmhBase = runJmh("jmh-clean", null);
            needed.put(JMH_RULE, 0.0);
            applied.put(JMH_RULE, Gate.JMH_ALLOC_SLACK_BYTES);
            for (int i = 1; i <= JMH_AA_RUNS; i++) {
                Path current = runJmh("jmh-aa-" + i, null);
                List<GateReport.Row> rows = Gate.jmhAllocations(ResultsIo.readJmh(jmhBase), "jmh-clean", ResultsIo.readJmh(current));
                boolean failed = rows.stream().anyMatch(r -> !r.passed());
                rows.forEach(row -> needed.merge(JMH_RULE, needed(row, false), Math::max));
                rows.forEach(row -> spread.merge(JMH_RULE, Math.abs(row.current() - row.baseline()), Math::max));
                aa.add(new GateSensitivity.AaRun("jmh-aa-" + i, failed ? List.of(JMH_RULE) : List.of()));
                System.out.println("JMH A/A " + i + "/" + JMH_AA_RUNS + ": " + (failed ? "FALSE ALARM" : "passed"));
            }
        }

        List<GateSensitivity.Regression> rows = new ArrayList<>();
        for (Catalogue.Regression r : regressions) {
            Path scenario = r.scenario() == null ? cat.scenario() : r.scenario();
            if (!clean.containsKey(scenario)) {
                clean.put(scenario, runScenario("clean-" + stem(scenario), cat, scenario, null));
            }
            rows.add(judge(r, cat, scenario, clean.get(scenario), columns, jmhBase));
            GateSensitivity.Regression last = rows.get(rows.size() - 1);
            System.out.println(r.id() + ": " + (last.caughtBy().isEmpty() ? "MISSED" : "caught by " + last.caughtBy()));
        }

        int falseAlarms = (int) aa.stream().filter(a -> !a.falseAlarms().isEmpty()).count();
        GateSensitivity result = new GateSensitivity(Results.SCHEMA_VERSION, Instant.now().toString(), GitCommit.of(root),
                root.relativize(catalogueFile.toAbsolutePath()).toString(), columns, rows, aa.size(), falseAlarms, aa, needed, applied,
                pairs.count(), pairs.falseAlarms(), spread);
        Path file = out.resolve("sensitivity.json");
        ResultsIo.writeSensitivity(result, file);
        System.out.print(table(result));
        System.out.println("matrix: " + file);
        return result.missed().isEmpty() && falseAlarms == 0;
    }

    private GateSensitivity.Regression judge(Catalogue.Regression r, Catalogue cat, Path scenario, Path cleanFile,
                                             List<String> columns, Path jmhBase) throws IOException, InterruptedException {
        Path currentFile;
        try {
            currentFile = runScenario(r.id(), cat, scenario, r);
        } catch (GateInputException e) {
            return new GateSensitivity.Regression(r.id(), r.description(), stem(scenario), Map.of(), List.of(), List.of(),
                    e.getMessage());
        }
        Results base = ResultsIo.read(cleanFile);
        Results cur = ResultsIo.read(currentFile);
        if (cur.runs().isEmpty()) {
            // the scenario's time budget ran out before any repetition: nothing was measured, so
            // nothing was caught (every rule would fail on the missing figures)
            return new GateSensitivity.Regression(r.id(), r.description(), stem(scenario), Map.of(), List.of(), List.of(),
                    "no repetition ran within the scenario's time budget (see " + currentFile.getParent().resolve("run.log") + ")");
        }
        Map<String, String> verdicts = new LinkedHashMap<>();
        List<String> caught = new ArrayList<>();
        List<String> detail = new ArrayList<>();
        for (GateRule rule : rules) {
            String name = ruleName(rule);
            GateReport g;
            try {
                g = Gate.evaluate(base, "clean", cur, r.id(), List.of(rule));
            } catch (GateInputException e) {
                if (scenario.equals(cat.scenario())) {
                    throw e;
                }
                verdicts.put(name, "n/a"); // the figure is not measured in this scenario (say, no baseline config)
                continue;
            }
            if (g.rows().isEmpty()) {
                verdicts.put(name, "n/a"); // the rule does not apply to this scenario (a ratio without both configs)
                continue;
            }
            verdicts.put(name, g.passed() ? "missed" : "caught");
            if (!g.passed()) {
                caught.add(name);
                g.regressions().forEach(row -> detail.add(JUnitXml.describe(row)));
            }
        }
        if (columns.contains(JMH_RULE)) {
            if (r.jmh()) {
                Path jmh = runJmh("jmh-" + r.id(), r.property());
                List<GateReport.Row> jrows = Gate.jmhAllocations(ResultsIo.readJmh(jmhBase), "jmh-clean", ResultsIo.readJmh(jmh));
                boolean failed = jrows.stream().anyMatch(x -> !x.passed());
                verdicts.put(JMH_RULE, failed ? "caught" : "missed");
                if (failed) {
                    caught.add(JMH_RULE);
                    jrows.stream().filter(x -> !x.passed()).forEach(row -> detail.add(JUnitXml.describe(row)));
                }
            } else {
                verdicts.put(JMH_RULE, "n/a");
            }
        }
        return new GateSensitivity.Regression(r.id(), r.description(), stem(scenario), verdicts, caught, detail, null);
    }

    /** The ordered pairs of A/A runs judged, how many raised an alarm, and per rule the slack they needed. */
    record Pairs(int count, int falseAlarms, Map<String, Double> needed) {
    }

    /**
     * Every clean run judged against every other as its baseline (n runs: n(n-1) ordered pairs), so
     * the slack a rule needs is the least that passes every pairing, not only the pairings with one
     * chosen baseline: per rule, the largest {@link #needed} over all pairs, in the rule's unit.
     */
    static Pairs pairs(List<Results> runs, List<GateRule> rules) {
        Map<String, Double> needed = new LinkedHashMap<>();
        rules.forEach(rule -> needed.put(ruleName(rule), 0.0));
        int count = 0;
        int alarms = 0;
        for (int i = 0; i < runs.size(); i++) {
            for (int j = 0; j < runs.size(); j++) {
                if (i == j) {
                    continue;
                }
                count++;
                boolean alarm = false;
                for (GateRule rule : rules) {
                    GateReport g = Gate.evaluate(runs.get(i), "aa-" + i, runs.get(j), "aa-" + j, List.of(rule));
                    alarm |= !g.passed();
                    g.rows().forEach(row -> needed.merge(ruleName(rule), needed(row, relative(rule)), Math::max));
                }
                alarms += alarm ? 1 : 0;
            }
        }
        return new Pairs(count, alarms, needed);
    }

    /**
     * How much a rule's figure varied over the clean runs: per gated row, the width (highest minus
     * lowest) of every repetition of every run pooled, the largest over rows, in the rule's unit
     * (relative rules: a fraction of the pooled median). 0 means the figure was the same in every
     * repetition of every run: a count that is exactly deterministic, which may keep zero slack.
     */
    static double spread(List<Results> runs, GateRule rule) {
        Map<String, List<Double>> pooled = new LinkedHashMap<>();
        for (Results r : runs) {
            Gate.figures(r, rule).forEach((row, v) -> {
                List<Double> all = pooled.computeIfAbsent(row, k -> new ArrayList<>());
                for (double x : v) {
                    all.add(x);
                }
            });
        }
        double widest = 0;
        for (List<Double> v : pooled.values()) {
            double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
            double width = dev.regbench.reports.stats.Stats.max(a) - dev.regbench.reports.stats.Stats.min(a);
            double median = Math.abs(dev.regbench.reports.stats.Stats.median(a));
            widest = Math.max(widest, relative(rule) ? (median == 0 ? (width == 0 ? 0 : Double.POSITIVE_INFINITY) : width / median)
                    : width);
        }
        return widest;
    }

    /**
     * The slack an A/A row needed: how far the current interval's best end lies past the baseline
     * interval's worst end (0 when they overlap), absolute or as a fraction of the baseline median.
     */
    static double needed(GateReport.Row row, boolean relative) {
        if (row.currentN() == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double past = row.direction() == Direction.HIGHER_IS_BETTER
                ? row.baselineLow() - row.currentHigh() : row.currentLow() - row.baselineHigh();
        past = Math.max(0, past);
        return relative ? (row.baseline() == 0 ? (past == 0 ? 0 : Double.POSITIVE_INFINITY) : past / Math.abs(row.baseline())) : past;
    }

    /** A rule whose slack is relative to the baseline median (else absolute). */
    static boolean relative(GateRule rule) {
        return rule.tolerance() > 0;
    }

    static String ruleName(GateRule rule) {
        return rule.kind() == GateReport.Kind.SAME_RUN_RATIO ? rule.b() + "/" + rule.a() + " " + rule.metric() : rule.metric();
    }

    /** Runs {@code scenario} in a child JVM, with {@code regression} applied when given; returns its results.json. */
    private Path runScenario(String name, Catalogue cat, Path scenarioFile, Catalogue.Regression regression)
            throws IOException, InterruptedException {
        Path dir = out.resolve("runs").resolve(name);
        if (reuse && Files.isRegularFile(dir.resolve("results.json"))) {
            return dir.resolve("results.json");
        }
        Files.createDirectories(dir);
        Scenario scenario = ScenarioLoader.load(scenarioFile);
        List<String> args = new ArrayList<>(List.of("run", scenarioFile.toString(), "--out", dir.toString()));
        if (cat.repetitions() > 0) {
            args.addAll(List.of("--repetitions", Integer.toString(cat.repetitions())));
        }
        boolean applied = regression == null || regression.set().isEmpty();
        for (Path configFile : scenario.configs()) {
            Path use = configFile;
            TuningConfig config = TuningConfig.load(configFile);
            if (regression != null && !regression.set().isEmpty() && config.name().equals(cat.config())) {
                for (Map.Entry<String, String> e : regression.set().entrySet()) {
                    config = config.with(e.getKey(), e.getValue());
                }
                use = dir.resolve(cat.config() + ".yaml");
                Files.writeString(use, config.toYaml());
                applied = true;
            }
            args.add("--config");
            args.add(use.toString());
        }
        if (!applied) {
            throw new GateInputException(scenarioFile + " runs no config named '" + cat.config() + "' for regression '"
                    + regression.id() + "' to change");
        }
        child(name, dir, regression == null ? null : regression.property(), args);
        Path results = dir.resolve("results.json");
        if (!Files.isRegularFile(results)) {
            throw new GateInputException(name + ": the run wrote no results.json (see " + dir.resolve("run.log") + ")");
        }
        return results;
    }

    private Path runJmh(String name, String property) throws IOException, InterruptedException {
        Path dir = out.resolve("runs").resolve(name);
        if (reuse && Files.isRegularFile(dir.resolve("jmh-quick.json"))) {
            return dir.resolve("jmh-quick.json");
        }
        Files.createDirectories(dir);
        child(name, dir, property, List.of("jmh", "--quick", "--gated", "--out", dir.toString()));
        Path json = dir.resolve("jmh-quick.json");
        if (!Files.isRegularFile(json)) {
            throw new GateInputException(name + ": JMH wrote no results (see " + dir.resolve("run.log") + ")");
        }
        return json;
    }

    /** {@code java [-Dproperty=true] -cp <this classpath> RegbenchCli args…}, output to DIR/run.log. */
    private void child(String name, Path dir, String property, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (property != null) {
            cmd.add("-D" + property + "=true");
        }
        if (args.get(0).equals("jmh")) {
            cmd.add("-Djmh.ignoreLock=true"); // bytes/op only: another JMH run on the machine does not move them
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.regbench.harness.cli.RegbenchCli");
        cmd.addAll(args);
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("run.log").toFile()).start();
        if (!p.waitFor(CHILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            throw new GateInputException(name + ": did not finish in " + CHILD_TIMEOUT_MINUTES + " minutes");
        }
        System.out.printf(Locale.ROOT, "  %-28s exit %d in %.0f s%n", name, p.exitValue(), (System.nanoTime() - start) / 1e9);
    }

    private static String stem(Path scenario) {
        String f = scenario.getFileName().toString();
        return f.endsWith(".yaml") ? f.substring(0, f.length() - 5) : f;
    }

    /** The matrix as text: one line per regression, one column per rule. */
    public static String table(GateSensitivity s) {
        StringBuilder sb = new StringBuilder();
        List<String> abbrev = new ArrayList<>();
        for (int i = 0; i < s.rules().size(); i++) {
            abbrev.add("R" + (i + 1));
            sb.append(String.format(Locale.ROOT, "R%-3d %s%n", i + 1, s.rules().get(i)));
        }
        sb.append(String.format(Locale.ROOT, "%-24s %-14s", "regression", "scenario"));
        abbrev.forEach(a -> sb.append(String.format(Locale.ROOT, " %-4s", a)));
        sb.append("  caught\n");
        for (GateSensitivity.Regression r : s.regressions()) {
            sb.append(String.format(Locale.ROOT, "%-24s %-14s", r.id(), r.scenario()));
            for (String rule : s.rules()) {
                String v = r.verdicts().getOrDefault(rule, "n/a");
                sb.append(String.format(Locale.ROOT, " %-4s", v.equals("caught") ? "X" : v.equals("missed") ? "." : "-"));
            }
            sb.append("  ").append(r.error() != null ? "ERROR " + r.error() : r.caughtBy().isEmpty() ? "MISSED" : "yes").append('\n');
        }
        sb.append(String.format(Locale.ROOT, "A/A false alarms: %d of %d gate runs (X caught, . missed, - not applicable)%n",
                s.aaFalseAlarms(), s.aaRuns()));
        sb.append(String.format(Locale.ROOT, "A/A pairings (every clean run as baseline of every other): %d of %d raised an alarm%n",
                s.aaPairFalseAlarms(), s.aaPairs()));
        s.neededSlack().forEach((rule, m) -> sb.append(String.format(Locale.ROOT,
                "  slack %-40s A/A spread %-12s needed by A/A %-12s applied %s%n", rule,
                JUnitXml.num(s.aaSpread().getOrDefault(rule, Double.NaN)), JUnitXml.num(m),
                JUnitXml.num(s.appliedSlack().getOrDefault(rule, Double.NaN)))));
        return sb.toString();
    }
}
