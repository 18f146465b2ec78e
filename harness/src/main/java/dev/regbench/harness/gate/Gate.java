package dev.regbench.harness.gate;

import dev.regbench.reports.model.GateReport;
import dev.regbench.reports.model.GateReport.Kind;
import dev.regbench.reports.model.JmhResult;
import dev.regbench.reports.model.Results;
import dev.regbench.reports.model.RunResult;
import dev.regbench.reports.stats.Direction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The regression gate: judges a current {@code results.json} against a baseline one, rule by
 * rule, config by config, interval against interval (see {@link GateRule}). A same-run ratio rule
 * applies only when the baseline ran both its configs. A figure a rule needs that the baseline
 * lacks is bad input ({@link GateInputException}); one the current run lacks is
 * a failure (something stopped being measured); a config only the current run has is ignored.
 * {@code ok_runs_fraction} — the share of runs whose digests all verified — is derived here.
 * Stateless.
 */
public final class Gate {

    public static final String OK_RUNS = "ok_runs_fraction";

    /**
     * The JMH benchmarks whose bytes/op the gate holds, named here and only here: the engine's own
     * code paths with short operations (the tiered buffer pool's get/put, the transfer stats a
     * request records). The seed's way ({@code newByteArray}, {@code copy}) and other libraries
     * (Netty, HdrHistogram, JDK atomics) are measured beside them but cannot regress with
     * regbench's code. {@code CopyBenchmark.copyPooled} is not gated: one operation copies 8 MiB,
     * so JMH's own background allocation divided by few operations moves its bytes/op with machine
     * load (11 to 16 B/op idle, 74 to 371 B/op on this 2-core machine at load average 30); the
     * pool get it does is held by {@code pooledGetPut}.
     */
    public static final List<String> JMH_GATED = List.of(
            "BuffersBenchmark.pooledGetPut", "MetricsBenchmark.transferStatsRequest");

    /** Absolute slack on bytes/op of a gated benchmark (JIT and escape analysis move small figures). */
    public static final double JMH_ALLOC_SLACK_BYTES = 16;

    private static final String JMH_PACKAGE = "dev.regbench.harness.jmh.";

    private Gate() {
    }

    /** The JMH include regex of exactly the gated benchmarks ({@code regbench jmh --gated}). */
    public static String jmhInclude() {
        return Pattern.quote(JMH_PACKAGE) + "(" + String.join("|", JMH_GATED.stream().map(Pattern::quote).toList()) + ")$";
    }

    public static GateReport evaluate(Results baseline, String baselineName, Results current, String currentName,
                                      List<GateRule> rules) {
        List<GateReport.Row> rows = new ArrayList<>();
        for (GateRule rule : rules) {
            if (rule.kind() == Kind.SAME_RUN_RATIO) {
                ratioRows(baseline, baselineName, current, rule, rows);
                continue;
            }
            boolean any = false;
            for (String config : baseline.configNames()) {
                if (!rule.config().equals("*") && !rule.config().equals(config)) {
                    continue;
                }
                Spread b = spread(baseline, config, rule.metric());
                if (b.isEmpty()) {
                    continue; // this config never measured it (say, no server-side counts): see below
                }
                any = true;
                requireSpread(b, baselineName, config, rule.metric(), rule.minRuns());
                rows.add(row(config + " " + rule.metric(), b, spread(current, config, rule.metric()), rule));
            }
            if (!any) {
                throw new GateInputException(baselineName + ": no run of " + (rule.config().equals("*") ? "any config"
                        : "config '" + rule.config() + "'") + " records '" + rule.metric()
                        + "', which a gate rule needs; regenerate the baseline (regbench gate --update)");
            }
        }
        boolean passed = rows.stream().allMatch(GateReport.Row::passed);
        return new GateReport(Results.SCHEMA_VERSION, baselineName, currentName, Instant.now().toString(), passed, rows);
    }

    /**
     * Bytes allocated per operation ({@code gc.alloc.rate.norm}) of the {@link #JMH_GATED}
     * benchmarks, each parameter set on its own row, with {@link #JMH_ALLOC_SLACK_BYTES} of absolute
     * slack and none relative. Times are not gated. A gated benchmark the baseline has and the
     * current run lacks is a failure; a baseline with none of them is bad input.
     */
    public static List<GateReport.Row> jmhAllocations(List<JmhResult> baseline, String baselineName,
                                                      List<JmhResult> current) {
        GateRule rule = GateRule.independent(JmhResult.ALLOC_NORM, Direction.LOWER_IS_BETTER, 0, JMH_ALLOC_SLACK_BYTES);
        Map<String, JmhResult> byLabel = new HashMap<>();
        for (JmhResult r : current) {
            byLabel.put(r.className() + "." + r.label(), r);
        }
        List<GateReport.Row> rows = new ArrayList<>();
        for (JmhResult b : baseline) {
            if (!isGated(b) || b.allocNorm().isEmpty()) {
                continue;
            }
            String label = b.className() + "." + b.label();
            JmhResult c = byLabel.get(label);
            double cur = c == null ? Double.NaN : c.allocNorm().map(JmhResult.Metric::score).orElse(Double.NaN);
            rows.add(row("JMH " + label + " B/op", Spread.single(b.allocNorm().get().score()), Spread.single(cur), rule));
        }
        if (rows.isEmpty()) {
            throw new GateInputException(baselineName + ": none of the gated JMH benchmarks " + JMH_GATED
                    + " has a gc.alloc.rate.norm figure; regenerate it with regbench jmh --gated");
        }
        return rows;
    }

    static boolean isGated(JmhResult r) {
        return JMH_GATED.contains(r.className() + "." + r.method());
    }

    /** The report with more rows (JMH's), passed only if every row passed. */
    public static GateReport withRows(GateReport report, List<GateReport.Row> more) {
        List<GateReport.Row> all = new ArrayList<>(report.rows());
        all.addAll(more);
        return new GateReport(report.schemaVersion(), report.baseline(), report.current(), report.date(),
                all.stream().allMatch(GateReport.Row::passed), all);
    }

    private static void ratioRows(Results baseline, String baselineName, Results current, GateRule rule,
                                  List<GateReport.Row> rows) {
        List<String> suffixes = suffixes(baseline, rule.a());
        if (suffixes.isEmpty() || !baseline.configNames().stream().anyMatch(n -> n.equals(rule.b()) || n.startsWith(rule.b() + "@"))) {
            return; // the scenario does not run both configs: a same-run ratio does not apply to it
        }
        boolean any = false;
        for (String suffix : suffixes) {
            String a = rule.a() + suffix;
            String b = rule.b() + suffix;
            Spread base = ratios(baseline, a, b, rule.metric());
            if (base.isEmpty()) {
                continue;
            }
            any = true;
            requireSpread(base, baselineName, b + "/" + a, rule.metric() + " ratio", rule.minRuns());
            rows.add(row(b + "/" + a + " " + rule.metric() + " ratio", base, ratios(current, a, b, rule.metric()), rule));
        }
        if (!any) {
            throw new GateInputException(baselineName + ": no paired runs of configs '" + rule.a() + "' and '" + rule.b()
                    + "' recording '" + rule.metric() + "', which the same-run ratio rule needs");
        }
    }

    /**
     * A baseline interval of fewer runs than the rule needs is bad input (exit 2), never a silently
     * weaker or stricter gate: the slack was measured for intervals of {@code minRuns} runs.
     */
    private static void requireSpread(Spread s, String file, String config, String metric, int minRuns) {
        if (s.n() < minRuns) {
            throw new GateInputException(file + ": '" + metric + "' of " + config + " has " + s.n()
                    + (s.n() == 1 ? " run" : " runs") + "; the rule needs a baseline of at least " + minRuns
                    + " (its slack was measured with intervals of " + minRuns + " runs): re-record it with as many"
                    + " repetitions (regbench run configs/scenarios/gate.yaml, then regbench gate --update)");
        }
    }

    /** "" for a single-network scenario, or "@wan", "@loopback", … for each network the baseline ran. */
    private static List<String> suffixes(Results r, String a) {
        List<String> out = new ArrayList<>();
        for (String name : r.configNames()) {
            if (name.equals(a)) {
                out.add("");
            } else if (name.startsWith(a + "@")) {
                out.add(name.substring(a.length()));
            }
        }
        return out;
    }

    private static GateReport.Row row(String label, Spread baseline, Spread current, GateRule rule) {
        boolean passed = rule.accepts(baseline, current);
        double b = baseline.median();
        double c = current.median();
        double change = current.isEmpty() ? Double.NaN
                : b == 0 ? (c == 0 ? 0 : Double.POSITIVE_INFINITY) : (c - b) / Math.abs(b) * 100;
        double bound = rule.bound(baseline);
        double worst = rule.direction() == Direction.HIGHER_IS_BETTER ? baseline.low() : baseline.high();
        return new GateReport.Row(label, b, c, change, rule.tolerance() * 100, rule.kind(), rule.direction(), passed,
                baseline.low(), baseline.high(), baseline.n(), current.low(), current.high(), current.n(),
                bound, Math.abs(bound - worst));
    }

    /** The interval of a metric over a config's runs; {@code ok_runs_fraction} is one figure over all its runs. */
    static Spread spread(Results r, String config, String metric) {
        if (metric.equals(OK_RUNS)) {
            List<RunResult> all = r.runs().stream().filter(x -> x.config().equals(config)).toList();
            if (all.isEmpty()) {
                return Spread.NONE;
            }
            double ok = all.stream().filter(RunResult::ok).count() / (double) all.size();
            return new Spread(all.size(), ok, ok, ok);
        }
        return Spread.of(r.values(config, metric));
    }

    /**
     * The ratios b/a of a metric, one per repetition in which both configs ran ok: a and b of one
     * repetition ran back to back, so they share the machine's state at that moment.
     */
    static Spread ratios(Results r, String a, String b, String metric) {
        return Spread.of(ratioValues(r, a, b, metric));
    }

    private static double[] ratioValues(Results r, String a, String b, String metric) {
        Map<Integer, Double> av = byRepetition(r, a, metric);
        Map<Integer, Double> bv = byRepetition(r, b, metric);
        List<Double> out = new ArrayList<>();
        av.forEach((rep, x) -> {
            Double y = bv.get(rep);
            if (y != null && x != 0) {
                out.add(y / x);
            }
        });
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * The figures a rule compares in one run, per gated row (a config, or a same-run ratio's pair):
     * one value per repetition (for {@code ok_runs_fraction}, one per run). The self-test pools them
     * over its A/A runs to show which figures vary at all.
     */
    public static Map<String, double[]> figures(Results r, GateRule rule) {
        Map<String, double[]> out = new java.util.LinkedHashMap<>();
        if (rule.kind() == Kind.SAME_RUN_RATIO) {
            for (String suffix : suffixes(r, rule.a())) {
                double[] v = ratioValues(r, rule.a() + suffix, rule.b() + suffix, rule.metric());
                if (v.length > 0) {
                    out.put(rule.b() + suffix + "/" + rule.a() + suffix, v);
                }
            }
            return out;
        }
        for (String config : r.configNames()) {
            if (!rule.config().equals("*") && !rule.config().equals(config)) {
                continue;
            }
            double[] v = rule.metric().equals(OK_RUNS) ? new double[] {spread(r, config, OK_RUNS).median()}
                    : r.values(config, rule.metric());
            if (v.length > 0 && !Double.isNaN(v[0])) {
                out.put(config, v);
            }
        }
        return out;
    }

    private static Map<Integer, Double> byRepetition(Results r, String config, String metric) {
        Map<Integer, Double> out = new HashMap<>();
        for (RunResult run : r.okRuns(config)) {
            Double v = run.metrics().get(metric);
            if (v != null && !v.isNaN()) {
                out.put(run.repetition(), v);
            }
        }
        return out;
    }
}
