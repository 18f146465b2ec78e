package dev.regbench.harness.gate;

import dev.regbench.reports.model.GateReport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The gate as a JUnit XML report (the Ant/Surefire schema Jenkins, GitLab and GitHub test
 * reporters read): one {@code <testsuite name="regbench-gate">}, one {@code <testcase>} per gated
 * figure, a regression as {@code <failure>} whose message gives baseline, current, bound and
 * verdict. Written atomically (a temp file moved into place). Stateless.
 */
public final class JUnitXml {
    private JUnitXml() {
    }

    public static void write(GateReport report, Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".gate-junit", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                write(report, out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static void write(GateReport report, OutputStream out) throws IOException {
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", "regbench-gate");
            x.writeAttribute("tests", Integer.toString(report.rows().size()));
            x.writeAttribute("failures", Integer.toString(report.regressions().size()));
            x.writeAttribute("errors", "0");
            x.writeAttribute("skipped", "0");
            x.writeAttribute("time", "0");
            x.writeAttribute("timestamp", report.date() == null ? "" : report.date());
            x.writeCharacters("\n");
            x.writeStartElement("properties");
            property(x, "baseline", report.baseline());
            property(x, "current", report.current());
            x.writeEndElement();
            x.writeCharacters("\n");
            for (GateReport.Row row : report.rows()) {
                x.writeCharacters("  ");
                x.writeStartElement("testcase");
                x.writeAttribute("classname", "regbench.gate." + (row.kind() == null ? "rule" : row.kind().name().toLowerCase(Locale.ROOT)));
                x.writeAttribute("name", row.metric());
                x.writeAttribute("time", "0");
                if (!row.passed()) {
                    x.writeStartElement("failure");
                    x.writeAttribute("type", "regression");
                    x.writeAttribute("message", describe(row));
                    x.writeCharacters(describe(row));
                    x.writeEndElement();
                } else {
                    x.writeStartElement("system-out");
                    x.writeCharacters(describe(row));
                    x.writeEndElement();
                }
                x.writeEndElement();
                x.writeCharacters("\n");
            }
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write the gate's JUnit XML: " + e.getMessage(), e);
        }
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeEmptyElement("property");
        x.writeAttribute("name", name);
        x.writeAttribute("value", value == null ? "" : value);
    }

    /** One line: the figure, both intervals with n, the bound and the verdict. */
    public static String describe(GateReport.Row r) {
        String better = r.direction() == dev.regbench.reports.stats.Direction.HIGHER_IS_BETTER ? ">=" : "<=";
        return String.format(Locale.ROOT, "%s: baseline %s (n=%d, %s..%s), current %s (n=%d, %s..%s), bound %s %s: %s",
                r.metric(), num(r.baseline()), r.baselineN(), num(r.baselineLow()), num(r.baselineHigh()),
                num(r.current()), r.currentN(), num(r.currentLow()), num(r.currentHigh()), better, num(r.bound()),
                r.passed() ? "ok" : "REGRESSED");
    }

    public static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.isNaN(v) ? "-" : v > 0 ? "inf" : "-inf";
        }
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
