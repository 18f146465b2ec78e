package dev.regbench.reports.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regbench.reports.model.GatlingSummary;
import dev.regbench.reports.model.ResultSet;
import dev.regbench.reports.model.Results;
import dev.regbench.reports.model.ResultsIo;
import dev.regbench.reports.model.Units;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The per-injector view of merged results ({@code regbench merge}): for a merged scenario, one
 * row per shard and run (its start, wall time, requests, bytes, throughput) with the start skew
 * and the union window; for a merged Gatling summary, one row per injector. Nothing when no
 * result set was merged. Stateless; thread-safe.
 */
final class InjectorsSection {
    private InjectorsSection() {
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> build(ReportContext ctx) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ResultSet set : ctx.sets()) {
            for (ResultSet.Loaded<Results> l : set.scenarios()) {
                Results r = l.value();
                Object merged = r.scenario() == null ? null : r.scenario().extra().get("merged");
                if (!(merged instanceof Map<?, ?> m)) {
                    continue;
                }
                List<Map<String, Object>> rows = new ArrayList<>();
                for (Object o : (List<Object>) m.get("perShard")) {
                    Map<String, Object> s = (Map<String, Object>) o;
                    rows.add(V.row(List.of(String.valueOf(s.get("shard")), s.get("config") + " #" + s.get("repetition"),
                            String.valueOf(s.getOrDefault("startedAt", "—")), num(s.get("wall_s"), "s"),
                            num(s.get("requests_total"), ""), bytes(s.get("blob_bytes_copied")),
                            num(s.get("throughput_mib_s"), "MiB/s"))));
                }
                out.add(V.map("set", set.label(), "name", r.scenario().name(), "kind", "shards",
                        "caption", m.get("shards") + "; start skew " + m.get("startSkewMs") + " ms; union window "
                                + m.get("unionWindowS") + " s",
                        "notes", m.containsKey("mergeNotes") ? m.get("mergeNotes") : List.of(), "rows", rows));
            }
            for (ResultSet.Loaded<GatlingSummary> l : set.gatling()) {
                JsonNode details;
                try {
                    details = ResultsIo.mapper().readTree(l.file().toFile()).path("details");
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + l.file() + ": " + e.getMessage(), e);
                }
                if (!details.has("injectors")) {
                    continue;
                }
                List<Map<String, Object>> rows = new ArrayList<>();
                for (JsonNode i : details.path("injectors")) {
                    rows.add(V.row(List.of(i.path("injector").asText(), l.value().name(), i.path("startedAt").asText(),
                            i.path("rps").asText() + " req/s", i.path("requests").asText(),
                            i.path("failures").asText() + " failed",
                            "p50 " + i.path("p50").asText() + " / p95 " + i.path("p95").asText() + " / p99 "
                                    + i.path("p99").asText() + " ms")));
                }
                out.add(V.map("set", set.label(), "name", l.value().name(), "kind", "Gatling injectors",
                        "caption", details.path("mergedInjectors").asText() + " injectors; start skew "
                                + details.path("startSkewMs").asText() + " ms",
                        "notes", List.of(), "rows", rows));
            }
        }
        return out;
    }

    private static String num(Object v, String unit) {
        return v instanceof Number n ? Units.format(n.doubleValue(), unit) : "—";
    }

    private static String bytes(Object v) {
        return v instanceof Number n ? Units.format(n.doubleValue(), "B") : "—";
    }
}
