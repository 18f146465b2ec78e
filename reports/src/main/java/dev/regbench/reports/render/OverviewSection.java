package dev.regbench.reports.render;

import dev.regbench.reports.model.Environment;
import dev.regbench.reports.model.GateReport;
import dev.regbench.reports.model.ResultSet;
import dev.regbench.reports.model.Results;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The overview: per result set, the environment, what ran and the gate's pass/fail.
 * Stateless; thread-safe.
 */
final class OverviewSection {
    private OverviewSection() {
    }

    static List<Map<String, Object>> build(ReportContext ctx) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ResultSet set : ctx.sets()) {
            List<Map<String, Object>> env = new ArrayList<>();
            set.environment().ifPresent(e -> env.addAll(environment(e)));
            List<String> ran = new ArrayList<>();
            for (ResultSet.Loaded<Results> s : set.scenarios()) {
                Results r = s.value();
                String kind = r.sweep() != null ? "sweep of " + r.sweep().param() + " on " : "scenario ";
                ran.add(kind + r.scenario().name() + " (" + r.scenario().dataset() + ", " + r.scenario().network()
                        + ", faults " + r.scenario().faults() + "): " + String.join(", ", r.configNames()) + "; "
                        + r.runs().size() + " runs" + (r.failedRunCount() > 0 ? ", " + r.failedRunCount() + " failed" : ""));
            }
            long jmh = set.jmhResults().size();
            if (jmh > 0) {
                ran.add("JMH: " + jmh + " benchmark results in " + set.jmh().size() + " file(s)");
            }
            if (!set.gatling().isEmpty()) {
                ran.add("Gatling: " + set.gatling().size() + " simulation summaries");
            }
            Map<String, Object> gate = set.gate().map(g -> gate(g.value())).orElse(null);
            out.add(V.map("label", set.label(), "dir", Links.display(set.dir()), "env", env,
                    "hasEnv", !env.isEmpty(), "ran", ran, "nothing", ran.isEmpty(), "gate", gate));
        }
        return out;
    }

    private static Map<String, Object> gate(GateReport g) {
        int bad = g.regressions().size();
        return V.map("css", g.passed() ? "pass" : "fail", "text", g.passed() ? "PASS" : "FAIL",
                "detail", g.passed() ? g.rows().size() + " figures within tolerance"
                        : bad + " of " + g.rows().size() + " figures regressed");
    }

    private static List<Map<String, Object>> environment(Environment e) {
        return List.of(V.kv("JDK", e.jdk()), V.kv("JVM", e.jvm()), V.kv("Cores", e.cores()),
                V.kv("OS", e.os() + " (" + e.arch() + ")"), V.kv("Commit", e.commit()),
                V.kv("Host", e.hostname()), V.kv("Date", e.date()));
    }
}
