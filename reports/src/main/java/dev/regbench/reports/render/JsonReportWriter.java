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
                    String unit, String measure, String file, String condition) {
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
                    m == null ? null : m.file().toString(), e.condition()));
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
