package dev.regbench.reports.render;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * The report's output formats. Immutable; thread-safe.
 */
public enum ReportFormat {
    /** {@code index.html} + {@code charts/*.svg} + {@code report.css}: the full report, offline. */
    HTML(HtmlReportWriter::new),
    /** {@code summary.md}: overview, comparisons, claims and gate tables for a closing note or CI summary. */
    MARKDOWN(MarkdownReportWriter::new),
    /** {@code report.json}: the ledger, comparisons and gates as data. */
    JSON(JsonReportWriter::new);

    private final Supplier<ReportWriter> factory;

    ReportFormat(Supplier<ReportWriter> factory) {
        this.factory = factory;
    }

    public ReportWriter writer() {
        return factory.get();
    }

    /** Parses {@code html}, {@code markdown}/{@code md}, {@code json}; the message lists the choices. */
    public static ReportFormat parse(String s) {
        String v = s.trim().toUpperCase(Locale.ROOT);
        if (v.equals("MD")) {
            return MARKDOWN;
        }
        for (ReportFormat f : values()) {
            if (f.name().equals(v)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown report format '" + s + "' (expected html, markdown or json)");
    }
}
