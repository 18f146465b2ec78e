package dev.regbench.harness.gate;

import dev.regbench.reports.model.GateReport;
import dev.regbench.reports.model.GateReport.Kind;
import dev.regbench.reports.model.JmhResult;
import dev.regbench.reports.model.Results;
import dev.regbench.reports.model.RunResult;
import dev.regbench.reports.stats.Direction;
import dev.regbench.reports.stats.Stats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The regression gate: judges a current {@code results.json} against a baseline one, rule by
 * rule, config by config. A config or metric the baseline has and the current run lacks is a
 * failure (something stopped being measured); one only the current run has is ignored.
 * {@code ok_runs_fraction} — the share of runs whose digests all verified — is derived here.
 * Stateless.
 */
public final class Gate {

    public static final String OK_RUNS = "ok_runs_fraction";

    private Gate() {
    }

    public static GateReport evaluate(Results baseline, String baselineName, Results current, String currentName,
                                      List<GateRule> rules) {
        List<GateReport.Row> rows = new ArrayList<>();
        for (GateRule rule : rules) {
            if (rule.kind() == Kind.SAME_RUN_RATIO) {
                ratioRow(baseline, current, rule, rows);
                continue;
            }
            for (String config : baseline.configNames()) {
                if (!rule.config().equals("*") && !rule.config().equals(config)) {
                    continue;
                }
                double b = median(baseline, config, rule.metric());
                if (Double.isNaN(b)) {
                    continue; // the baseline never measured it: nothing to hold the current run to
                }
                double c = median(current, config, rule.metric());
                rows.add(row(config + " " + rule.metric(), b, c, rule));
            }
        }
        boolean passed = rows.stream().allMatch(GateReport.Row::passed);
        return new GateReport(Results.SCHEMA_VERSION, baselineName, currentName, Instant.now().toString(), passed, rows);
    }

    /** The JMH suites whose bytes/op the gate holds: buffers, copy and metrics (issue 5). */
    public static final Pattern JMH_GATED = Pattern.compile("(BuffersBenchmark|CopyBenchmark|MetricsBenchmark)");

    /**
     * Bytes allocated per operation ({@code gc.alloc.rate.norm}) of the gated JMH benchmarks,
     * current against baseline, each parameter set on its own row: machine-independent, so 25%
     * plus 64 bytes of slack (JIT and escape analysis move small figures). Times are not gated.
     * A benchmark the baseline has and the current run lacks is a failure.
     */
    public static List<GateReport.Row> jmhAllocations(List<JmhResult> baseline, List<JmhResult> current) {
        GateRule rule = GateRule.independent(JmhResult.ALLOC_NORM, Direction.LOWER_IS_BETTER, 0.25, 64);
        Map<String, JmhResult> byLabel = new HashMap<>();
        for (JmhResult r : current) {
            byLabel.put(r.className() + "." + r.label(), r);
        }
        List<GateReport.Row> rows = new ArrayList<>();
        for (JmhResult b : baseline) {
            if (!JMH_GATED.matcher(b.className()).matches() || b.allocNorm().isEmpty()) {
                continue;
            }
            String label = b.className() + "." + b.label();
            JmhResult c = byLabel.get(label);
            double cur = c == null ? Double.NaN : c.allocNorm().map(JmhResult.Metric::score).orElse(Double.NaN);
            rows.add(row("JMH " + label + " B/op", b.allocNorm().get().score(), cur, rule));
        }
        return rows;
    }

    /** The report with more rows (JMH's), passed only if every row passed. */
    public static GateReport withRows(GateReport report, List<GateReport.Row> more) {
        List<GateReport.Row> all = new ArrayList<>(report.rows());
        all.addAll(more);
        return new GateReport(report.schemaVersion(), report.baseline(), report.current(), report.date(),
                all.stream().allMatch(GateReport.Row::passed), all);
    }

    private static void ratioRow(Results baseline, Results current, GateRule rule, List<GateReport.Row> rows) {
        for (String suffix : suffixes(baseline, rule.a())) {
            String a = rule.a() + suffix;
            String b = rule.b() + suffix;
            double baseRatio = ratio(baseline, a, b, rule.metric());
            if (Double.isNaN(baseRatio)) {
                continue;
            }
            double curRatio = ratio(current, a, b, rule.metric());
            rows.add(row(b + "/" + a + " " + rule.metric() + " ratio", baseRatio, curRatio, rule));
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

    private static GateReport.Row row(String label, double baseline, double current, GateRule rule) {
        boolean passed = !Double.isNaN(current) && rule.accepts(baseline, current);
        double change = baseline == 0 ? (current == 0 ? 0 : Double.POSITIVE_INFINITY) : (current - baseline) / Math.abs(baseline) * 100;
        if (Double.isNaN(current)) {
            change = Double.NaN;
        }
        return new GateReport.Row(label, baseline, current, change, rule.tolerance() * 100, rule.kind(),
                rule.direction(), passed);
    }

    static double median(Results r, String config, String metric) {
        if (metric.equals(OK_RUNS)) {
            List<RunResult> all = r.runs().stream().filter(x -> x.config().equals(config)).toList();
            return all.isEmpty() ? Double.NaN : all.stream().filter(RunResult::ok).count() / (double) all.size();
        }
        double[] v = r.values(config, metric);
        return v.length == 0 ? Double.NaN : Stats.median(v);
    }

    private static double ratio(Results r, String a, String b, String metric) {
        double[] av = r.values(a, metric);
        double[] bv = r.values(b, metric);
        return av.length == 0 || bv.length == 0 ? Double.NaN : Stats.ratioOfMedians(av, bv);
    }
}
