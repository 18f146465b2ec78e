package dev.regbench.harness.cli;

import dev.regbench.reports.model.Comparison;
import dev.regbench.harness.gate.JUnitXml;
import dev.regbench.reports.model.GateReport;
import dev.regbench.reports.model.MetricInfo;
import dev.regbench.reports.model.Metrics;
import dev.regbench.reports.model.Results;
import dev.regbench.reports.model.SummaryRow;
import dev.regbench.reports.model.Sweep;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The plain-text tables the CLI prints: summary, comparison, sweep and gate. Stateless. */
final class Tables {

    /** The metrics worth a line in a summary, in order. */
    static final List<String> HEADLINE = List.of("throughput_mib_s", "wall_s", "requests_total", "connections_opened",
            "connection_reuse", "retries", "failed_requests", "blob_bytes_copied", "alloc_bytes_per_mib", "heap_peak_mib");

    private Tables() {
    }

    static String summary(Results r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-26s %-22s %12s %25s %4s  %s%n", "config", "metric", "median",
                "interval (min..max)", "n", "interval is"));
        for (String config : r.configNames()) {
            for (String metric : HEADLINE) {
                r.summaryOf(config, metric).ifPresent(s -> out.append(summaryLine(s)));
            }
            long failed = r.runs().stream().filter(x -> x.config().equals(config) && !x.ok()).count();
            if (failed > 0) {
                out.append(String.format(Locale.ROOT, "%-26s %d failed run(s)%n", config, failed));
            }
        }
        return out.toString();
    }

    private static String summaryLine(SummaryRow s) {
        MetricInfo info = Metrics.info(s.metric());
        return String.format(Locale.ROOT, "%-26s %-22s %12s %25s %4d  %s%n", s.config(), s.metric(), fmt(s.median(), info),
                "[" + fmt(s.ciLow(), info) + ", " + fmt(s.ciHigh(), info) + "] (" + fmt(s.min(), info) + ".." + fmt(s.max(), info) + ")",
                s.n(), kind(s.ci()));
    }

    static String comparison(Results r) {
        return comparison(r, false);
    }

    /** The comparisons: headline metrics, or every metric when {@code all}; then the noise used. */
    static String comparison(Results r, boolean all) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-22s %-22s %12s %12s %8s %18s %4s %7s  %-26s %s%n", "A → B", "metric", "A",
                "B", "B/A", "interval of B/A", "n", "min eff", "verdict", "interval is"));
        for (Comparison c : r.comparisons()) {
            if (!all && !HEADLINE.contains(c.metric())) {
                continue;
            }
            MetricInfo info = Metrics.info(c.metric());
            double a = r.summaryOf(c.a(), c.metric()).map(SummaryRow::median).orElse(Double.NaN);
            double b = r.summaryOf(c.b(), c.metric()).map(SummaryRow::median).orElse(Double.NaN);
            out.append(String.format(Locale.ROOT, "%-22s %-22s %12s %12s %8.3f %18s %4d %6.1f%%  %-26s %s%n",
                    shorten(c.a() + " → " + c.b(), 22), c.metric(), fmt(a, info), fmt(b, info), c.ratio(),
                    String.format(Locale.ROOT, "[%.3f, %.3f]", c.ciLow(), c.ciHigh()), c.n(), c.minEffect() * 100,
                    c.verdict().label(), kind(c.ci())));
        }
        out.append(noise(r.noise())).append('\n');
        Object shortRuns = r.scenario() == null ? null : r.scenario().extra().get("shortRuns");
        if (shortRuns != null) {
            out.append(shortRuns).append('\n');
        }
        return out.toString();
    }

    /** "95% CI (order statistics, exact 96.9%)" or "range, n<6 (75.0%): not a CI". */
    static String kind(dev.regbench.reports.stats.Interval ci) {
        if (ci.isConfidenceInterval() && !ci.method().equals(dev.regbench.reports.stats.Interval.GIVEN)) {
            return String.format(Locale.ROOT, "95%% CI (%s, exact %.1f%%)", ci.method(), ci.coverage() * 100);
        }
        if (ci.method().equals(dev.regbench.reports.stats.Interval.GIVEN)) {
            return "interval (given)";
        }
        return Double.isNaN(ci.coverage()) ? "range (" + ci.method() + ", coverage unknown): not a CI"
                : String.format(Locale.ROOT, "range of n=%d (covers %.1f%%): not a 95%% CI", ci.n(), ci.coverage() * 100);
    }

    /** One line on where the minimum effect came from. */
    static String noise(dev.regbench.reports.stats.Noise noise) {
        if (noise.isCalibrated() && noise.byNetwork().size() > 1) {
            StringBuilder each = new StringBuilder();
            noise.byNetwork().forEach((network, own) -> each.append(each.isEmpty() ? "" : ", ").append(network)
                    .append(" n=").append(own.n()));
            return String.format(Locale.ROOT, "minimum effect per metric: measured noise, A/A calibration per network "
                    + "profile (%s; each profile's comparisons use its own pairs; largest |A'/A - 1|); metrics it did "
                    + "not see: ±%.0f%%", each, noise.fallback() * 100);
        }
        if (noise.isCalibrated()) {
            return String.format(Locale.ROOT, "minimum effect per metric: measured noise, A/A calibration of n=%d pairs "
                    + "(largest |A'/A - 1|); metrics it did not see: ±%.0f%%", noise.n(), noise.fallback() * 100);
        }
        return String.format(Locale.ROOT, "minimum effect: ±%.0f%% assumed for every metric (no A/A calibration; "
                + "run with --calibrate to measure the noise)", noise.fallback() * 100);
    }

    static String sweep(Sweep s) {
        StringBuilder out = new StringBuilder();
        List<String> metrics = new ArrayList<>();
        s.points().forEach(p -> p.medians().keySet().forEach(m -> {
            if (!metrics.contains(m)) {
                metrics.add(m);
            }
        }));
        out.append(String.format(Locale.ROOT, "%-14s", s.param().substring(s.param().lastIndexOf('.') + 1)));
        metrics.forEach(m -> out.append(String.format(Locale.ROOT, " %20s", m)));
        out.append('\n');
        for (Sweep.Point p : s.points()) {
            out.append(String.format(Locale.ROOT, "%-14s", p.value() + (p.value().equals(s.knee()) ? " *" : "")));
            metrics.forEach(m -> out.append(String.format(Locale.ROOT, " %20s", fmt(p.medians().getOrDefault(m, Double.NaN), Metrics.info(m)))));
            out.append('\n');
        }
        out.append("* knee: the first value within 10% of the best ").append(s.kneeMetric()).append('\n');
        return out.toString();
    }

    /**
     * Every gated figure on one line: baseline and current as median with the range of their
     * runs and n, the absolute bound the current interval is held to, and the verdict.
     */
    static String gate(GateReport g) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-50s %-30s %-30s %-14s %s%n", "rule", "baseline median (min..max, n)",
                "current median (min..max, n)", "bound", "verdict"));
        for (GateReport.Row row : g.rows()) {
            String dir = row.direction() == dev.regbench.reports.stats.Direction.HIGHER_IS_BETTER ? ">= " : "<= ";
            out.append(String.format(Locale.ROOT, "%-50s %-30s %-30s %-14s %s%n", shorten(row.metric(), 50),
                    interval(row.baseline(), row.baselineLow(), row.baselineHigh(), row.baselineN()),
                    interval(row.current(), row.currentLow(), row.currentHigh(), row.currentN()),
                    dir + JUnitXml.num(row.bound()), row.passed() ? "ok" : "REGRESSED"));
        }
        out.append(g.passed() ? "gate passed" : "gate FAILED: " + g.regressions().size() + " regression(s)").append('\n');
        return out.toString();
    }

    private static String interval(double median, double low, double high, int n) {
        if (n == 0 || Double.isNaN(median)) {
            return "missing";
        }
        if (n == 1) {
            return JUnitXml.num(median);
        }
        return JUnitXml.num(median) + " (" + JUnitXml.num(low) + ".." + JUnitXml.num(high) + ", " + n + ")";
    }

    static String fmt(double v, MetricInfo info) {
        if (Double.isNaN(v)) {
            return "-";
        }
        switch (info.unit()) {
            case "%":
                return String.format(Locale.ROOT, "%.1f%%", v * 100);
            case "B":
                return bytes(v);
            case "":
                return Math.abs(v) >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3g", v);
            default:
                return String.format(Locale.ROOT, "%.3g %s", v, info.unit());
        }
    }

    static String bytes(double v) {
        String[] units = {"B", "KiB", "MiB", "GiB"};
        int i = 0;
        while (Math.abs(v) >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, i == 0 ? "%.0f %s" : "%.1f %s", v, units[i]);
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
