package dev.regbench.reports.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code OUT/summary.md}: environment, scenario comparisons, claims ledger and gate as GitHub
 * Markdown tables, for a closing note or a CI job summary. No charts. Stateless; thread-safe.
 */
final class MarkdownReportWriter implements ReportWriter {
    @Override
    public Path write(ReportContext ctx, Path outDir) {
        ChartFiles noCharts = new ChartFiles(outDir) {
            @Override
            String write(String name, org.jfree.chart.JFreeChart chart, int width, int height) {
                return "";
            }
        };
        Map<String, Object> model = V.map(
                "generatedAt", ctx.generatedAt(),
                "overview", OverviewSection.build(ctx),
                "scenarios", ScenarioSection.build(ctx, noCharts),
                "claims", ClaimsSection.build(ctx, outDir),
                "gates", GateSection.build(ctx));
        try {
            Files.createDirectories(outDir);
            Path file = outDir.resolve("summary.md");
            Files.writeString(file, Templates.plain("summary.md.mustache", model));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + outDir.resolve("summary.md") + ": " + e.getMessage(), e);
        }
    }
}
