package dev.regbench.reports.render;

import dev.regbench.reports.claims.LedgerEntry;
import dev.regbench.reports.model.ResultSet;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything a report format needs: the loaded result sets (one per folder, side by side),
 * the evaluated claims ledger, and the output folder. Immutable; thread-safe.
 *
 * @param sets        result sets in the order given
 * @param ledger      one entry per claim
 * @param generatedAt ISO-8601 instant shown in the report
 */
public record ReportContext(List<ResultSet> sets, List<LedgerEntry> ledger, String generatedAt) {
    public ReportContext {
        sets = List.copyOf(sets);
        ledger = List.copyOf(ledger);
    }

    /** True when more than one folder is shown side by side (series are then labelled by set). */
    public boolean sideBySide() {
        return sets.size() > 1;
    }
}
