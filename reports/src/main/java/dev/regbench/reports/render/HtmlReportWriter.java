package dev.regbench.reports.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * The HTML report: {@code OUT/index.html} from Mustache templates, {@code OUT/charts/*.svg}
 * (JFreeChart → JFreeSVG) and {@code OUT/report.css}. Self-contained: no CDN, no JavaScript,
 * viewable offline from the file system. Stateless; thread-safe (each call has its own
 * {@link ChartFiles}).
 */
final class HtmlReportWriter implements ReportWriter {
    static final String CSS = "report.css";

    @Override
    public Path write(ReportContext ctx, Path outDir) {
        try {
            Files.createDirectories(outDir);
            ChartFiles charts = new ChartFiles(outDir);
            List<Map<String, Object>> scenarios = ScenarioSection.build(ctx, charts);
            List<Map<String, Object>> sweeps = SweepSection.build(ctx, charts);
            List<Map<String, Object>> jmh = JmhSection.build(ctx, charts);
            Map<String, Object> gatling = GatlingSection.build(ctx, outDir);
            Map<String, Object> peers = PeersSection.build(ctx);
            Map<String, Object> claims = ClaimsSection.build(ctx, outDir);
            List<Map<String, Object>> gates = GateSection.build(ctx);
            List<Map<String, Object>> injectors = InjectorsSection.build(ctx);
            List<Map<String, Object>> sensitivity = SensitivitySection.build(ctx);
            List<Map<String, Object>> trends = TrendSection.build(ctx, charts);
            Map<String, Object> model = V.map(
                    "generatedAt", ctx.generatedAt(),
                    "sources", ctx.sets().stream().map(s -> V.map("label", s.label(), "dir", s.dir().toString())).toList(),
                    "overview", OverviewSection.build(ctx),
                    "scenarios", scenarios, "hasScenarios", !scenarios.isEmpty(),
                    "sweeps", sweeps, "hasSweeps", !sweeps.isEmpty(),
                    "jmh", jmh, "hasJmh", !jmh.isEmpty(),
                    "gatling", gatling, "hasGatling", gatling.get("present"),
                    "peers", peers, "hasPeers", peers.get("present"),
                    "claims", claims,
                    "gates", gates, "hasGates", !gates.isEmpty(),
                    "injectors", injectors, "hasInjectors", !injectors.isEmpty(),
                    "sensitivity", sensitivity, "hasSensitivity", !sensitivity.isEmpty(),
                    "trends", trends, "hasTrends", !trends.isEmpty());
            Path index = outDir.resolve("index.html");
            Files.writeString(index, Templates.html("report.mustache", model));
            try (InputStream css = HtmlReportWriter.class.getResourceAsStream(CSS)) {
                Files.copy(css, outDir.resolve(CSS), StandardCopyOption.REPLACE_EXISTING);
            }
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + outDir + ": " + e.getMessage(), e);
        }
    }
}
