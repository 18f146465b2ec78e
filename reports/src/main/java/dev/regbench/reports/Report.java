package dev.regbench.reports;

import dev.regbench.reports.claims.ClaimsFile;
import dev.regbench.reports.claims.ClaimsLedger;
import dev.regbench.reports.model.ResultFileException;
import dev.regbench.reports.model.ResultSet;
import dev.regbench.reports.model.ResultSetLoader;
import dev.regbench.reports.render.ReportContext;
import dev.regbench.reports.render.ReportFormat;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Renders the regbench report from one or more result folders (two machines or two commits are
 * shown side by side, in the order given). Each folder has the layout the harness writes under
 * {@code target/regbench/} (see {@link ResultSetLoader}):
 * <pre>
 *   scenarios/&lt;name&gt;/results.json                 scenario runs, compares, sweeps
 *   jmh/*.json                                     JMH JSON ({@code -rf json})
 *   gatling/&lt;simulation&gt;[-&lt;variant&gt;]-summary.json  Gatling summaries (or gatling/&lt;dir&gt;/summary.json)
 *   gatling/&lt;report&gt;/index.html                    Gatling's own reports, linked
 *   gate/gate.json                                 the last gate
 * </pre>
 * Output in {@code out}: {@code index.html} + {@code charts/*.svg} + {@code report.css} (HTML),
 * {@code summary.md} (Markdown) and {@code report.json} (JSON). A partial result set renders
 * what it has; a malformed file is a {@link ResultFileException} naming it.
 *
 * <p>Stateless; thread-safe.
 */
public final class Report {
    private Report() {
    }

    /**
     * Renders every format with the claims bundled in the jar (a copy of {@code configs/claims.yaml}).
     *
     * @return the {@code index.html} written
     */
    public static Path render(List<Path> resultDirs, Path out) {
        return render(resultDirs, out, EnumSet.allOf(ReportFormat.class), null).get(0);
    }

    /**
     * Renders the given formats.
     *
     * @param claimsFile claims rules to evaluate, or null for the bundled {@code claims.yaml}
     * @return the main file of each format, in {@link ReportFormat} order
     * @throws ResultFileException naming a missing folder or a malformed file
     */
    public static List<Path> render(List<Path> resultDirs, Path out, Set<ReportFormat> formats, Path claimsFile) {
        if (resultDirs.isEmpty()) {
            throw new IllegalArgumentException("no result folders given (expected e.g. target/regbench)");
        }
        List<ResultSet> sets = new ArrayList<>();
        for (Path dir : resultDirs) {
            sets.add(ResultSetLoader.load(dir));
        }
        ClaimsFile claims = claimsFile == null ? ClaimsFile.bundled() : ClaimsFile.read(claimsFile);
        ReportContext ctx = new ReportContext(uniqueLabels(sets), ClaimsLedger.evaluate(claims, sets),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        List<Path> written = new ArrayList<>();
        for (ReportFormat f : EnumSet.copyOf(formats)) {
            written.add(f.writer().write(ctx, out));
        }
        return written;
    }

    /** The claims ledger of the given result folders (the bundled claims when {@code claimsFile} is null). */
    public static List<dev.regbench.reports.claims.LedgerEntry> ledger(List<Path> resultDirs, Path claimsFile) {
        List<ResultSet> sets = new ArrayList<>();
        for (Path dir : resultDirs) {
            sets.add(ResultSetLoader.load(dir));
        }
        ClaimsFile claims = claimsFile == null ? ClaimsFile.bundled() : ClaimsFile.read(claimsFile);
        return ClaimsLedger.evaluate(claims, uniqueLabels(sets));
    }

    /** Two folders with the same name (a/target/regbench, b/target/regbench) get numbered labels. */
    private static List<ResultSet> uniqueLabels(List<ResultSet> sets) {
        List<ResultSet> out = new ArrayList<>();
        for (int i = 0; i < sets.size(); i++) {
            ResultSet s = sets.get(i);
            String label = s.label();
            for (int j = 0; j < i; j++) {
                if (sets.get(j).label().equals(label)) {
                    label = label + " #" + (i + 1);
                    break;
                }
            }
            out.add(new ResultSet(label, s.dir(), s.scenarios(), s.jmh(), s.gatling(), s.gate(), s.tests()));
        }
        return out;
    }
}
