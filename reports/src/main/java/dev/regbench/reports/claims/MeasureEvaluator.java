package dev.regbench.reports.claims;

import dev.regbench.reports.model.GatlingSummary;
import dev.regbench.reports.model.JmhResult;
import dev.regbench.reports.model.Metrics;
import dev.regbench.reports.model.ResultSet;
import dev.regbench.reports.model.Results;
import dev.regbench.reports.model.Sweep;
import dev.regbench.reports.stats.Interval;
import dev.regbench.reports.stats.Stats;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import dev.regbench.reports.model.Units;

/**
 * Computes one {@link Measure}'s figure from one {@link ResultSet}: empty when the data is not
 * there, an {@link IllegalArgumentException} when the rule itself is wrong (an ambiguous JMH
 * selector, an unknown Gatling figure). Stateless; thread-safe.
 */
final class MeasureEvaluator {
    private MeasureEvaluator() {
    }

    static Optional<Measurement> evaluate(Measure m, ResultSet set) {
        return switch (m.source()) {
            case SCENARIO -> scenario(m, set);
            case SWEEP -> sweep(m, set);
            case JMH -> jmh(m, set);
            case GATLING -> gatling(m, set);
            case TESTS -> tests(m, set);
        };
    }

    // ---- scenarios and sweeps: bootstrap over repetitions -------------------------------

    private static Optional<Measurement> scenario(Measure m, ResultSet set) {
        for (ResultSet.Loaded<Results> loaded : set.scenarios()) {
            Results r = loaded.value();
            if (r.sweep() != null || r.scenario() == null || !r.scenario().name().equals(m.scenario())) {
                continue;
            }
            Optional<Measurement> found = fromRuns(m, r, m.a(), m.b(), set, loaded.file());
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<Measurement> sweep(Measure m, ResultSet set) {
        for (ResultSet.Loaded<Results> loaded : set.scenarios()) {
            Results r = loaded.value();
            Sweep s = r.sweep();
            if (s == null || !s.param().equals(m.param())
                    || (m.scenario() != null && (r.scenario() == null || !r.scenario().name().equals(m.scenario())))) {
                continue;
            }
            Optional<Sweep.Point> pa = point(s, m.a());
            Optional<Sweep.Point> pb = m.b() == null ? Optional.empty() : point(s, m.b());
            if (pa.isEmpty() || (m.b() != null && pb.isEmpty())) {
                continue;
            }
            Optional<Measurement> found = fromRuns(m, r, pa.get().config(), pb.map(Sweep.Point::config).orElse(null),
                    set, loaded.file());
            if (found.isEmpty()) {
                found = fromMedians(m, pa.get(), pb.orElse(null), set, loaded.file());
            }
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<Sweep.Point> point(Sweep s, String value) {
        return s.points().stream().filter(p -> p.value().equals(value)).findFirst();
    }

    private static Optional<Measurement> fromRuns(Measure m, Results r, String a, String b, ResultSet set, Path file) {
        double[] av = r.values(a, m.metric(), m.includeFailedRuns());
        if (av.length == 0) {
            return Optional.empty();
        }
        String unit = Metrics.info(m.metric()).unit();
        List<String> ids = new java.util.ArrayList<>(r.runIds(a, m.includeFailedRuns()));
        if (m.figure() == Measure.Figure.VALUE) {
            Interval ci = Stats.medianInterval(av);
            return Optional.of(new Measurement(m, Stats.median(av), ci, unit,
                    String.format(Locale.ROOT, "%s: median of n=%d runs, %s", a, av.length, ci.label()), set.label(), file, ids));
        }
        double[][] pairs = r.pairs(a, b, m.metric(), m.includeFailedRuns());
        if (pairs[0].length == 0) {
            return Optional.empty();
        }
        ids.addAll(r.runIds(b, m.includeFailedRuns()));
        // paired design: one ratio b/a per repetition, its median and order-statistic interval
        double ratio = Stats.pairedRatio(pairs[0], pairs[1]);
        Interval ratioCi = Stats.pairedRatioInterval(pairs[0], pairs[1]);
        String detail = String.format(Locale.ROOT, "%s = %s, %s = %s (medians); paired ratio %s over n=%d repetitions, %s",
                a, Units.format(Stats.median(pairs[0]), unit), b, Units.format(Stats.median(pairs[1]), unit),
                Units.format(ratio, "×"), pairs[0].length, ratioCi.label());
        return Optional.of(fromRatio(m, ratio, ratioCi, detail, set, file).withRunIds(ids));
    }

    // ---- tests: JUnit XML reports ----------------------------------------------------------

    private static Optional<Measurement> tests(Measure m, ResultSet set) {
        java.util.regex.Pattern wanted = java.util.regex.Pattern.compile(m.a());
        List<ResultSet.Loaded<dev.regbench.reports.model.TestReport>> hits = set.tests().stream()
                .filter(t -> wanted.matcher(t.value().name()).matches() || wanted.matcher(t.value().simpleName()).matches())
                .toList();
        int run = hits.stream().mapToInt(t -> t.value().tests() - t.value().skipped()).sum();
        if (hits.isEmpty() || run == 0) {
            return Optional.empty();
        }
        int failed = hits.stream().mapToInt(t -> t.value().failures() + t.value().errors()).sum();
        List<String> ids = hits.stream().map(t -> t.value().name()).toList();
        // a test either holds or not: the count is exact, its interval a point over n tests
        Interval exact = new Interval(failed, failed, run, 1.0, "count of test outcomes");
        String detail = String.format(Locale.ROOT, "%d of %d tests failed in %s", failed, run,
                hits.stream().map(t -> t.value().simpleName()).toList());
        return Optional.of(new Measurement(m, failed, exact, "", detail, set.label(), hits.get(0).file(), ids));
    }

    private static Optional<Measurement> fromMedians(Measure m, Sweep.Point a, Sweep.Point b, ResultSet set, Path file) {
        Double ma = a.medians().get(m.metric());
        Double mb = b == null ? null : b.medians().get(m.metric());
        String unit = Metrics.info(m.metric()).unit();
        if (ma == null || (m.figure() != Measure.Figure.VALUE && mb == null)) {
            return Optional.empty();
        }
        if (m.figure() == Measure.Figure.VALUE) {
            return Optional.of(new Measurement(m, ma, null, unit, a.config() + ": median", set.label(), file));
        }
        String detail = a.config() + " = " + Units.format(ma, unit) + ", " + b.config() + " = " + Units.format(mb, unit) + " (medians)";
        return Optional.of(combine(m, ma, mb, null, detail, set, file));
    }

    /** Turns a (b/a ratio, its interval) into the measure's figure. */
    private static Measurement combine(Measure m, double a, double b, Interval ratioCi, String detail, ResultSet set,
                                       Path file) {
        double ratio = a == 0 ? (b == 0 ? 1 : Double.POSITIVE_INFINITY) : b / a;
        return fromRatio(m, ratio, ratioCi, detail, set, file);
    }

    /** The measure's figure from the ratio b/a and its interval (bounds mapped, n/coverage/method kept). */
    private static Measurement fromRatio(Measure m, double ratio, Interval ratioCi, String detail, ResultSet set,
                                         Path file) {
        return switch (m.figure()) {
            case RATIO -> new Measurement(m, ratio, ratioCi, "×", detail, set.label(), file);
            case INVERSE_RATIO -> new Measurement(m, 1 / ratio,
                    ratioCi == null ? null : mapped(1 / ratioCi.high(), 1 / ratioCi.low(), ratioCi), "×", detail,
                    set.label(), file);
            case REDUCTION -> new Measurement(m, 1 - ratio,
                    ratioCi == null ? null : mapped(1 - ratioCi.high(), 1 - ratioCi.low(), ratioCi), "%", detail,
                    set.label(), file);
            case VALUE -> throw new IllegalStateException("VALUE has no b");
        };
    }

    private static Interval mapped(double low, double high, Interval of) {
        return new Interval(low, high, of.n(), of.coverage(), of.method());
    }

    // ---- JMH: per-iteration samples (rawData), else score ± error ---------------------------

    /**
     * A JMH figure. With per-iteration data (JMH's {@code rawData}: forks × measurement
     * iterations) the figure is the median of those samples and its interval the order-statistic
     * interval of the median, the method scenarios use (iterations are taken as the values; those
     * of one fork share its JIT state, so their spread may understate the between-fork one). A
     * ratio of two benchmarks is the ratio of their medians with the bound-ratio interval
     * ({@link Stats#boundRatioInterval}): JMH runs one benchmark's forks after the other's, so
     * there are no pairs to take ratios of. Without raw data: JMH's score ± error, given.
     */
    private static Optional<Measurement> jmh(Measure m, ResultSet set) {
        Optional<ResultSet.Loaded<JmhResult>> a = select(set, m.a());
        if (a.isEmpty()) {
            return Optional.empty();
        }
        JmhResult.Metric ma = jmhMetric(a.get().value(), m.metric());
        if (ma == null) {
            return Optional.empty();
        }
        double[] sa = ma.samples();
        String la = a.get().value().label();
        if (m.figure() == Measure.Figure.VALUE) {
            List<String> ids = List.of("jmh " + la);
            if (sa.length > 0) {
                Interval ci = Stats.medianInterval(sa);
                return Optional.of(new Measurement(m, Stats.median(sa), ci, ma.scoreUnit(),
                        la + ": " + samplesDetail(ma, sa) + ", " + ci.label(), set.label(), a.get().file(), ids));
            }
            return Optional.of(new Measurement(m, ma.score(), jmhInterval(ma), ma.scoreUnit(),
                    la + " ± " + Units.format(ma.scoreError(), ma.scoreUnit()) + " (JMH's error; no per-iteration data)",
                    set.label(), a.get().file(), ids));
        }
        Optional<ResultSet.Loaded<JmhResult>> b = select(set, m.b());
        if (b.isEmpty()) {
            return Optional.empty();
        }
        JmhResult.Metric mb = jmhMetric(b.get().value(), m.metric());
        if (mb == null) {
            return Optional.empty();
        }
        double[] sb = mb.samples();
        String lb = b.get().value().label();
        List<String> ids = List.of("jmh " + la, "jmh " + lb);
        if (sa.length > 0 && sb.length > 0) {
            Interval ratioCi = Stats.boundRatioInterval(sa, sb).orElse(null);
            String unit = ma.scoreUnit();
            String detail = String.format(Locale.ROOT, "%s = %s (%s), %s = %s (%s); ratio of medians, %s",
                    la, Units.format(Stats.median(sa), unit), samplesDetail(ma, sa),
                    lb, Units.format(Stats.median(sb), mb.scoreUnit()), samplesDetail(mb, sb),
                    ratioCi == null ? "no interval (" + la + "'s interval reaches 0)" : ratioCi.label());
            return Optional.of(combine(m, Stats.median(sa), Stats.median(sb), ratioCi, detail, set, a.get().file())
                    .withRunIds(ids));
        }
        Interval ia = jmhInterval(ma);
        Interval ib = jmhInterval(mb);
        Interval ratioCi = ia == null || ib == null || ia.low() <= 0 ? null
                : new Interval(Math.max(0, ib.low()) / ia.high(), ib.high() / ia.low());
        String detail = la + " = " + Units.format(ma.score(), ma.scoreUnit()) + " ± "
                + Units.format(ma.scoreError(), ma.scoreUnit()) + ", " + lb + " = "
                + Units.format(mb.score(), mb.scoreUnit()) + " ± " + Units.format(mb.scoreError(), mb.scoreUnit())
                + " (JMH's error; no per-iteration data)";
        return Optional.of(combine(m, ma.score(), mb.score(), ratioCi, detail, set, a.get().file()).withRunIds(ids));
    }

    /** "median of n=10 iterations (2 forks), JMH score 12.3 ns/op ± 0.4 ns/op". */
    private static String samplesDetail(JmhResult.Metric metric, double[] samples) {
        return String.format(Locale.ROOT, "median of n=%d iterations (%d fork%s), JMH score %s ± %s",
                samples.length, metric.forksWithData(), metric.forksWithData() == 1 ? "" : "s",
                Units.format(metric.score(), metric.scoreUnit()), Units.format(metric.scoreError(), metric.scoreUnit()));
    }

    private static Interval jmhInterval(JmhResult.Metric metric) {
        double e = metric.scoreError();
        return Double.isNaN(e) ? null : new Interval(metric.score() - e, metric.score() + e);
    }

    private static JmhResult.Metric jmhMetric(JmhResult r, String metric) {
        return metric == null || metric.equals("score") ? r.primaryMetric() : r.secondaryMetrics().get(metric);
    }

    /** Matches {@code Class.method[k=v,…]}; an ambiguous selector is a rule error. */
    private static Optional<ResultSet.Loaded<JmhResult>> select(ResultSet set, String selector) {
        String name = selector;
        Map<String, String> params = new LinkedHashMap<>();
        int bracket = selector.indexOf('[');
        if (bracket >= 0) {
            name = selector.substring(0, bracket);
            for (String kv : selector.substring(bracket + 1, selector.lastIndexOf(']')).split(",")) {
                String[] parts = kv.split("=", 2);
                if (parts.length != 2) {
                    throw new IllegalArgumentException("JMH selector '" + selector + "': expected k=v in brackets");
                }
                params.put(parts[0].trim(), parts[1].trim());
            }
        }
        String wanted = name;
        List<ResultSet.Loaded<JmhResult>> hits = set.jmhResults().stream()
                .filter(l -> (l.value().className() + "." + l.value().method()).equals(wanted)
                        || l.value().benchmark().equals(wanted))
                .filter(l -> params.entrySet().stream().allMatch(e -> e.getValue().equals(l.value().params().get(e.getKey()))))
                .toList();
        if (hits.size() > 1) {
            throw new IllegalArgumentException("JMH selector '" + selector + "' matches " + hits.size()
                    + " results in " + set.label() + " (" + hits.stream().map(h -> h.value().label()).toList()
                    + "): add [param=value]");
        }
        return hits.stream().findFirst();
    }

    // ---- Gatling: single figures -----------------------------------------------------------

    private static Optional<Measurement> gatling(Measure m, ResultSet set) {
        Optional<ResultSet.Loaded<GatlingSummary>> a = simulation(set, m.a());
        if (a.isEmpty()) {
            return Optional.empty();
        }
        double va = gatlingFigure(a.get().value(), m.metric());
        String unit = gatlingUnit(m.metric());
        if (Double.isNaN(va)) {
            return Optional.empty();
        }
        if (m.figure() == Measure.Figure.VALUE) {
            return Optional.of(new Measurement(m, va, null, unit, a.get().value().name() + " " + m.metric(),
                    set.label(), a.get().file(), List.of("gatling " + m.a())));
        }
        Optional<ResultSet.Loaded<GatlingSummary>> b = simulation(set, m.b());
        if (b.isEmpty() || Double.isNaN(gatlingFigure(b.get().value(), m.metric()))) {
            return Optional.empty();
        }
        double vb = gatlingFigure(b.get().value(), m.metric());
        String detail = a.get().value().name() + " = " + Units.format(va, unit) + ", " + b.get().value().name() + " = "
                + Units.format(vb, unit);
        return Optional.of(combine(m, va, vb, null, detail, set, a.get().file())
                .withRunIds(List.of("gatling " + m.a(), "gatling " + m.b())));
    }

    private static Optional<ResultSet.Loaded<GatlingSummary>> simulation(ResultSet set, String name) {
        return set.gatling().stream().filter(g -> g.value().name().equals(name)).findFirst();
    }

    private static double gatlingFigure(GatlingSummary s, String metric) {
        return switch (metric) {
            case "rps" -> s.rps();
            case "p50" -> s.p50();
            case "p95" -> s.p95();
            case "p99" -> s.p99();
            case "max" -> s.max();
            case "mean" -> s.mean();
            case "requests" -> s.requests();
            case "failures" -> s.failures();
            case "failureRate" -> s.failureRate();
            case "connectionReuse" -> s.connectionReuse();
            case "connectionsAccepted" -> s.connectionsAccepted() == null ? Double.NaN : s.connectionsAccepted();
            default -> {
                Double v = s.extra().get(metric);
                yield v == null ? Double.NaN : v;
            }
        };
    }

    private static String gatlingUnit(String metric) {
        return switch (metric) {
            case "rps" -> "req/s";
            case "p50", "p95", "p99", "max", "mean" -> "ms";
            case "failureRate", "connectionReuse" -> "%";
            default -> "";
        };
    }
}
