package dev.regbench.reports.render;

import dev.regbench.reports.model.GateSensitivity;
import dev.regbench.reports.model.ResultSet;
import dev.regbench.reports.model.ResultsIo;
import dev.regbench.reports.model.Units;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * "Gate sensitivity": per result set with a {@code gate/sensitivity.json} (written by
 * {@code regbench gate --selftest}, or the stored matrix the bench profile copies there), the
 * detection matrix — each catalogue regression against each gate rule, caught or missed — and
 * the A/A false-alarm count, with the date and commit it was measured at. Stateless.
 */
final class SensitivitySection {
    static final String FILE = "gate/sensitivity.json";

    private SensitivitySection() {
    }

    static List<Map<String, Object>> build(ReportContext ctx) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ResultSet set : ctx.sets()) {
            Path file = set.dir().resolve(FILE);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            GateSensitivity s = ResultsIo.readSensitivity(file);
            List<Map<String, Object>> header = new ArrayList<>();
            for (int i = 0; i < s.rules().size(); i++) {
                header.add(V.map("short", "R" + (i + 1), "rule", s.rules().get(i)));
            }
            List<Map<String, Object>> rows = s.regressions().stream().map(r -> {
                List<Map<String, Object>> cells = s.rules().stream().map(rule -> {
                    String v = r.verdicts().getOrDefault(rule, "n/a");
                    return V.map("mark", v.equals("caught") ? "caught" : v.equals("missed") ? "·" : "n/a",
                            "css", v.equals("caught") ? "pass" : "");
                }).toList();
                boolean caught = !r.caughtBy().isEmpty();
                return V.map("id", r.id(), "description", r.description(), "scenario", r.scenario(), "cells", cells,
                        "verdict", r.error() != null ? "error: " + r.error() : caught ? "caught" : "MISSED",
                        "css", caught ? "pass" : "fail", "detail", String.join("\n", r.detail()));
            }).toList();
            List<Map<String, Object>> slack = s.neededSlack().entrySet().stream().map(e -> V.map("rule", e.getKey(),
                    "spread", Units.plain(s.aaSpread().getOrDefault(e.getKey(), Double.NaN)),
                    "needed", Units.plain(e.getValue()),
                    "applied", Units.plain(s.appliedSlack().getOrDefault(e.getKey(), Double.NaN)))).toList();
            int missed = s.missed().size();
            boolean ok = missed == 0 && s.aaFalseAlarms() == 0;
            out.add(V.map("set", set.label(), "file", Links.display(file), "date", s.date(), "commit", s.commit(),
                    "catalogue", s.catalogue(), "header", header, "rows", rows, "slack", slack,
                    "aaRuns", s.aaRuns(), "aaPairs", s.aaPairs(), "aaPairFalseAlarms", s.aaPairFalseAlarms(), "aaFalseAlarms", s.aaFalseAlarms(), "caught", s.regressions().size() - missed,
                    "total", s.regressions().size(), "css", ok ? "pass" : "fail",
                    "verdict", ok ? "every regression caught, no false alarm" : missed + " missed, " + s.aaFalseAlarms() + " false alarm(s)"));
        }
        return out;
    }
}
