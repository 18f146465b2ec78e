package dev.regbench.reports.render;

import dev.regbench.reports.claims.LedgerEntry;
import dev.regbench.reports.model.Comparison;
import dev.regbench.reports.model.Environment;
import dev.regbench.reports.model.GateReport;
import dev.regbench.reports.model.ResultSet;
import dev.regbench.reports.model.Results;
import dev.regbench.reports.model.ResultsIo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code OUT/report.json}: the decisions of the report as data — per result set its environment,
 * comparisons and gate; the claims ledger with measured figures. Stateless; thread-safe.
 */
final class JsonReportWriter implements ReportWriter {

    /** report.json's shape. */
    record JsonReport(int schemaVersion, String generatedAt, List<SetSummary> sets, List<ClaimRow> claims) {
    }

    record SetSummary(String label, String dir, Environment environment, List<ScenarioComparisons> scenarios,
                      GateReport gate) {
    }

    record ScenarioComparisons(String scenario, String file, List<Comparison> comparisons) {
    }

    record ClaimRow(String id, String claim, String claimed, String status, Double value, Double low, Double high,
                    String unit, String measure, String file, String condition, String interval, String kind,
                    List<String> runs, List<OutcomeRow> outcomes) {
    }

    record OutcomeRow(String measure, String kind, boolean decides, String status, String why, Double value,
                      Double low, Double high, String interval, String set, String file, List<String> runs) {
    }

    @Override
    public Path write(ReportContext ctx, Path outDir) {
        List<SetSummary> sets = new ArrayList<>();
        for (ResultSet s : ctx.sets()) {
            List<ScenarioComparisons> sc = new ArrayList<>();
            for (ResultSet.Loaded<Results> l : s.scenarios()) {
                sc.add(new ScenarioComparisons(l.value().scenario().name(), l.file().toString(), l.value().comparisons()));
            }
            sets.add(new SetSummary(s.label(), s.dir().toString(), s.environment().orElse(null), sc,
                    s.gate().map(ResultSet.Loaded::value).orElse(null)));
        }
        List<ClaimRow> claims = new ArrayList<>();
        for (LedgerEntry e : ctx.ledger()) {
            var m = e.deciding();
            claims.add(new ClaimRow(e.claim().id(), e.claim().claim(), e.claim().claimed(), e.status().label(),
                    m == null ? null : finite(m.value()),
                    m == null || m.spread() == null ? null : finite(m.spread().low()),
                    m == null || m.spread() == null ? null : finite(m.spread().high()),
                    m == null ? null : m.unit(),
                    m == null ? null : dev.regbench.reports.claims.ClaimsLedger.describe(m.measure()),
                    m == null ? null : m.file().toString(), e.condition(),
                    m == null || m.spread() == null ? null : m.spread().label(),
                    m == null ? null : m.measure().kind().json(), m == null ? List.of() : m.runIds(),
                    e.outcomes().stream().map(o -> new OutcomeRow(
                            dev.regbench.reports.claims.ClaimsLedger.describe(o.measurement().measure()),
                            o.measurement().measure().kind().json(), o.decides(), o.status().label(), o.why(),
                            finite(o.measurement().value()),
                            o.measurement().spread() == null ? null : finite(o.measurement().spread().low()),
                            o.measurement().spread() == null ? null : finite(o.measurement().spread().high()),
                            o.measurement().spread() == null ? "single run, no interval" : o.measurement().spread().label(),
                            o.measurement().set(), o.measurement().file().toString(), o.measurement().runIds())).toList()));
        }
        Path file = outDir.resolve("report.json");
        try {
            Files.createDirectories(outDir);
            ResultsIo.mapper().writeValue(file.toFile(), new JsonReport(1, ctx.generatedAt(), sets, claims));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
