package dev.regbench.reports.render;

import dev.regbench.reports.charts.Bar;
import dev.regbench.reports.charts.Charts;
import dev.regbench.reports.model.Comparison;
import dev.regbench.reports.model.LatencySummary;
import dev.regbench.reports.model.MetricInfo;
import dev.regbench.reports.model.Metrics;
import dev.regbench.reports.model.ResultSet;
import dev.regbench.reports.model.Results;
import dev.regbench.reports.model.RunResult;
import dev.regbench.reports.model.SummaryRow;
import dev.regbench.reports.model.Units;
import dev.regbench.reports.stats.Interval;
import dev.regbench.reports.stats.Stats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scenario comparisons: one block per scenario name (several result sets side by side), with
 * bar charts of the key metrics per config (medians, 95% CI as error bars), latency percentile
 * curves per operation type, the comparison and summary tables, and the failed runs.
 * Stateless; thread-safe.
 */
final class ScenarioSection {
    /** Metrics charted beside throughput, in order. */
    static final List<String> CHARTED = List.of(Metrics.CONNECTION_REUSE, Metrics.REQUESTS_PER_MIB,
            Metrics.RETRIES, Metrics.ALLOC_BYTES_PER_MIB);
    /** Metrics in the summary table. */
    static final List<String> TABLED = List.of(Metrics.THROUGHPUT_MIB_S, Metrics.WALL_S, Metrics.REQUESTS_TOTAL,
            Metrics.CONNECTIONS_OPENED, Metrics.CONNECTION_REUSE, Metrics.RETRIES, Metrics.FAILED_REQUESTS,
            Metrics.REQUESTS_PER_MIB, Metrics.ALLOC_BYTES_PER_MIB, Metrics.GC_COUNT, Metrics.HEAP_PEAK_MIB);

    private ScenarioSection() {
    }

    static List<Map<String, Object>> build(ReportContext ctx, ChartFiles charts) {
        Map<String, List<Entry>> byName = new LinkedHashMap<>();
        for (ResultSet set : ctx.sets()) {
            for (ResultSet.Loaded<Results> s : set.scenarios()) {
                if (s.value().sweep() == null) {
                    byName.computeIfAbsent(s.value().scenario().name(), k -> new ArrayList<>())
                            .add(new Entry(set.label(), s));
                }
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        byName.forEach((name, entries) -> out.add(scenario(name, entries, entries.size() > 1, charts)));
        return out;
    }

    private record Entry(String set, ResultSet.Loaded<Results> loaded) {
        Results r() {
            return loaded.value();
        }
    }

    private static Map<String, Object> scenario(String name, List<Entry> entries, boolean sideBySide, ChartFiles charts) {
        List<Map<String, Object>> chartViews = new ArrayList<>();
        String tp = metricChart(name, Metrics.THROUGHPUT_MIB_S, entries, charts, 900, 380);
        if (tp != null) {
            chartViews.add(V.map("src", tp, "alt", "throughput per config", "wide", true));
        }
        for (String m : CHARTED) {
            String src = metricChart(name, m, entries, charts, 560, 320);
            if (src != null) {
                chartViews.add(V.map("src", src, "alt", Metrics.info(m).label() + " per config"));
            }
        }
        List<Map<String, Object>> latency = latencyCharts(name, entries, sideBySide, charts);
        List<Map<String, Object>> sources = new ArrayList<>();
        for (Entry e : entries) {
            sources.add(source(e));
        }
        return V.map("name", name, "anchor", "scenario-" + ChartFiles.slug(name), "charts", chartViews,
                "latency", latency, "hasLatency", !latency.isEmpty(), "sources", sources);
    }

    private static Map<String, Object> source(Entry e) {
        Results r = e.r();
        List<Map<String, Object>> comparisons = new ArrayList<>();
        for (Comparison c : comparisons(r)) {
            MetricInfo info = Metrics.info(c.metric());
            double a = r.summaryOf(c.a(), c.metric()).map(SummaryRow::median).orElse(Double.NaN);
            double b = r.summaryOf(c.b(), c.metric()).map(SummaryRow::median).orElse(Double.NaN);
            comparisons.add(V.map("metric", info.label(), "a", c.a() + ": " + Units.format(a, info.unit()),
                    "b", c.b() + ": " + Units.format(b, info.unit()), "ratio", Units.format(c.ratio(), "×"),
                    "ci", "[" + Units.format(c.ciLow(), "×") + ", " + Units.format(c.ciHigh(), "×") + "]",
                    "n", c.n(), "method", c.ci().label(),
                    "minEffect", Double.isNaN(c.minEffect()) ? "—" : Units.format(c.minEffect(), "%"),
                    "verdict", c.verdict().label(), "css", c.verdict().name().toLowerCase(java.util.Locale.ROOT)));
        }
        List<String> header = new ArrayList<>(List.of("config"));
        List<String> shown = new ArrayList<>();
        for (String m : TABLED) {
            if (r.configNames().stream().anyMatch(c -> r.summaryOf(c, m).isPresent())) {
                shown.add(m);
                MetricInfo info = Metrics.info(m);
                header.add(info.label() + (info.unit().isEmpty() || info.unit().equals("%") ? "" : " (" + info.unit() + ")"));
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String config : r.configNames()) {
            List<String> cells = new ArrayList<>(List.of(config));
            for (String m : shown) {
                cells.add(r.summaryOf(config, m).map(s -> cell(s, Metrics.info(m).unit())).orElse("—"));
            }
            rows.add(V.row(cells));
        }
        List<Map<String, Object>> failures = r.runs().stream().filter(run -> !run.ok())
                .map(run -> V.map("config", run.config(), "repetition", run.repetition(),
                        "error", run.error() == null ? "(no message)" : run.error())).toList();
        return V.map("set", e.set(), "file", Links.display(e.loaded().file()),
                "info", r.scenario().dataset() + " dataset, " + r.scenario().network() + " network, faults "
                        + r.scenario().faults() + ", " + r.scenario().repetitions() + " repetitions after "
                        + r.scenario().warmup() + " warm-up; " + design(r),
                "comparisons", comparisons, "hasComparisons", !comparisons.isEmpty(),
                "header", header, "rows", rows, "failures", failures, "hasFailures", !failures.isEmpty());
    }

    /** How the figures were made: design, intervals and where the minimum effect came from. */
    private static String design(Results r) {
        Object design = r.scenario().extra().get("design");
        Object shortRuns = r.scenario().extra().get("shortRuns");
        String noise = r.noise().isCalibrated()
                ? "minimum effect per metric measured by an A/A calibration of n=" + r.noise().n() + " pairs"
                        + (r.noise().byNetwork().size() > 1 ? " per network profile (" + String.join(", ",
                        r.noise().byNetwork().keySet()) + "), each profile's comparisons on its own pairs" : "")
                : "minimum effect ±" + Units.format(r.noise().fallback(), "%") + " assumed (no A/A calibration)";
        return (design == null ? "intervals of medians and ratios with their n and method" : design) + "; " + noise
                + (shortRuns == null ? "" : "; " + shortRuns);
    }

    /** The written comparisons, or (when none) B vs the first config on the charted metrics. */
    private static List<Comparison> comparisons(Results r) {
        if (!r.comparisons().isEmpty()) {
            // comparisons of older files (no interval method) are recomputed, paired
            return r.comparisons().stream().map(c -> r.comparisonOf(c.a(), c.b(), c.metric()).orElse(c)).toList();
        }
        List<Comparison> out = new ArrayList<>();
        List<String> names = r.configNames();
        for (int i = 1; i < names.size(); i++) {
            for (String m : TABLED) {
                r.comparisonOf(names.get(0), names.get(i), m).ifPresent(out::add);
            }
        }
        return out;
    }

    private static String cell(SummaryRow s, String unit) {
        String median = Units.format(s.median(), unit);
        if (s.n() < 2 || s.ciLow() == s.ciHigh()) {
            return median + " (n=" + s.n() + ")";
        }
        return median + " [" + Units.format(s.ciLow(), unit) + " – " + Units.format(s.ciHigh(), unit) + "]"
                + (s.ci().isConfidenceInterval() ? " (n=" + s.n() + ")" : " (range, n=" + s.n() + ")");
    }

    private static String metricChart(String scenario, String metric, List<Entry> entries, ChartFiles charts,
                                      int width, int height) {
        MetricInfo info = Metrics.info(metric);
        List<Bar> bars = new ArrayList<>();
        double max = 0;
        for (Entry e : entries) {
            for (String config : e.r().configNames()) {
                var s = e.r().summaryOf(config, metric);
                if (s.isPresent()) {
                    bars.add(new Bar(e.set(), config, s.get().median(), s.get().n() > 1 ? s.get().ci() : null));
                    max = Math.max(max, Math.abs(s.get().median()));
                }
            }
        }
        if (bars.isEmpty()) {
            return null;
        }
        Scale scale = Scale.of(info.unit(), max);
        List<Bar> scaled = bars.stream().map(b -> new Bar(b.series(), b.category(), b.value() * scale.factor,
                b.ci() == null ? null : new Interval(b.ci().low() * scale.factor, b.ci().high() * scale.factor))).toList();
        String axis = info.label() + (scale.unit.isEmpty() ? "" : " (" + scale.unit + ")");
        String title = scenario + ": " + info.label() + " by config"
                + (scaled.stream().anyMatch(b -> b.ci() != null)
                ? (bars.stream().allMatch(b -> b.ci() == null || b.ci().isConfidenceInterval())
                        ? " (median, 95% CI from order statistics)" : " (median, range of too few runs: not a CI)")
                : " (median)");
        return charts.write(scenario + "-" + metric, Charts.bars(title, "config", axis, scaled, false), width, height);
    }

    private static List<Map<String, Object>> latencyCharts(String scenario, List<Entry> entries, boolean sideBySide,
                                                           ChartFiles charts) {
        Set<String> ops = new LinkedHashSet<>();
        entries.forEach(e -> e.r().runs().forEach(run -> ops.addAll(run.latency().keySet())));
        List<Map<String, Object>> out = new ArrayList<>();
        for (String op : ops) {
            Map<String, LatencySummary> series = new LinkedHashMap<>();
            for (Entry e : entries) {
                for (String config : e.r().configNames()) {
                    LatencySummary l = medianLatency(e.r().okRuns(config), op);
                    if (l != null) {
                        series.put(sideBySide ? e.set() + ": " + config : config, l);
                    }
                }
            }
            if (!series.isEmpty()) {
                String src = charts.write(scenario + "-latency-" + op,
                        Charts.percentiles(scenario + ": " + op + " latency by percentile (median of runs)", series),
                        560, 340);
                out.add(V.map("src", src, "alt", op + " latency percentiles"));
            }
        }
        return out;
    }

    /** Per percentile, the median over the runs that recorded the operation. */
    static LatencySummary medianLatency(List<RunResult> runs, String op) {
        List<LatencySummary> ls = runs.stream().map(r -> r.latency().get(op)).filter(java.util.Objects::nonNull).toList();
        if (ls.isEmpty()) {
            return null;
        }
        double[][] cols = new double[5][ls.size()];
        long count = 0;
        for (int i = 0; i < ls.size(); i++) {
            double[] v = ls.get(i).values();
            for (int p = 0; p < 5; p++) {
                cols[p][i] = v[p];
            }
            count += ls.get(i).count();
        }
        return new LatencySummary(count / ls.size(), Stats.median(cols[0]), Stats.median(cols[1]),
                Stats.median(cols[2]), Stats.median(cols[3]), Stats.median(cols[4]));
    }

    /** Chart scaling: fractions as percent, bytes in KiB/MiB/GiB. */
    record Scale(String unit, double factor) {
        static Scale of(String unit, double max) {
            if (unit.equals("%")) {
                return new Scale("%", 100);
            }
            if (unit.equals("B")) {
                String[] names = {"B", "KiB", "MiB", "GiB"};
                int i = 0;
                double f = 1;
                while (max * f >= 1024 * 4 && i < names.length - 1) {
                    f /= 1024;
                    i++;
                }
                return new Scale(names[i], f);
            }
            return new Scale(unit, 1);
        }
    }
}
