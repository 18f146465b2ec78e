package dev.regbench.reports.render;

import dev.regbench.reports.model.GatlingSummary;
import dev.regbench.reports.model.ResultSet;
import dev.regbench.reports.model.ResultSetLoader;
import dev.regbench.reports.model.Units;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gatling: a summary table of every simulation (and variant) and links to Gatling's own HTML
 * reports found beside the summaries. Stateless; thread-safe.
 */
final class GatlingSection {
    private GatlingSection() {
    }

    static Map<String, Object> build(ReportContext ctx, Path outDir) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Map<String, Object>> links = new ArrayList<>();
        for (ResultSet set : ctx.sets()) {
            for (ResultSet.Loaded<GatlingSummary> l : set.gatling()) {
                GatlingSummary s = l.value();
                rows.add(V.row(List.of(set.label(), s.simulation(), s.variant() == null ? "—" : s.variant(),
                        Units.plain(s.users()), Units.plain(s.requests()),
                        Units.plain(s.failures()) + " (" + Units.format(s.failureRate(), "%") + ")",
                        Units.format(s.rps(), "req/s"), Units.format(s.p50(), "ms"), Units.format(s.p95(), "ms"),
                        Units.format(s.p99(), "ms"), Units.format(s.max(), "ms"),
                        s.connectionsAccepted() == null ? "—" : Units.plain(s.connectionsAccepted()),
                        Units.format(s.connectionReuse(), "%"))));
            }
            for (Path report : ResultSetLoader.gatlingReportFolders(set.dir())) {
                links.add(V.map("set", set.label(), "name", report.getFileName().toString(),
                        "href", Links.relative(outDir, report.resolve("index.html"))));
            }
        }
        return V.map("rows", rows, "links", links, "hasLinks", !links.isEmpty(), "present", !rows.isEmpty() || !links.isEmpty());
    }
}
