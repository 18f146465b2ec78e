package dev.regbench.reports.render;

import java.nio.file.Path;

/**
 * One output format of the report (jmh's {@code results/format} habit: one small interface,
 * one class per format, chosen by {@link ReportFormat}). Implementations are stateless and
 * thread-safe.
 */
public interface ReportWriter {
    /**
     * Writes the report into the output folder (created if needed).
     *
     * @return the main file written ({@code index.html}, {@code summary.md}, {@code report.json})
     */
    Path write(ReportContext context, Path outDir);
}
