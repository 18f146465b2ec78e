package dev.regbench.reports.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regbench.reports.model.ResultFileException;
import dev.regbench.reports.model.ResultSet;
import dev.regbench.reports.stats.Stats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * "regbench vs peers": the side-by-side runs of {@code bench/peers/} ({@code DIR/peers/results.json},
 * schema {@code regbench-peers/1}) as one table per metric, rows registries × workload, columns
 * the tools. Each cell is computed here from the raw runs (successful, verified ones): the median
 * with, for n ≥ 6, its distribution-free 95% interval from order statistics, else min..max
 * labelled "range, n=…" (never called a confidence interval). Stateless; thread-safe.
 */
final class PeersSection {
    static final String FILE = "peers/results.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** metric key in a run → heading and whether values are seconds (else whole numbers). */
    private static final Map<String, String> METRICS = metrics();

    private PeersSection() {
    }

    private static Map<String, String> metrics() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("wall_s", "wall time, s");
        m.put("cpu_s", "CPU of the tool, s");
        m.put("dst_cpu_s", "CPU of the destination registry, s");
        m.put("rss_mib", "peak RSS of the tool, MiB (warm: RSS of the long-lived JVM)");
        m.put("requests", "requests, source + destination (counted by the fake registries)");
        m.put("connections", "connections accepted, source + destination");
        return m;
    }

    static Map<String, Object> build(ReportContext ctx) {
        List<Map<String, Object>> results = new ArrayList<>();
        for (ResultSet set : ctx.sets()) {
            Path file = set.dir().resolve(FILE);
            if (Files.isRegularFile(file)) {
                results.add(render(set.label(), file, read(file)));
            }
        }
        return V.map("results", results, "present", !results.isEmpty());
    }

    static JsonNode read(Path file) {
        try {
            JsonNode doc = JSON.readTree(file.toFile());
            if (doc == null || !"regbench-peers/1".equals(doc.path("schema").asText())) {
                throw new ResultFileException(file, "not a bench/peers result (schema regbench-peers/1 expected)");
            }
            return doc;
        } catch (IOException e) {
            throw new ResultFileException(file, "cannot read bench/peers results: " + e.getMessage(), e);
        }
    }

    static Map<String, Object> render(String label, Path file, JsonNode doc) {
        List<String> tools = new ArrayList<>();
        doc.path("tools").forEach(t -> tools.add(t.asText()));
        List<String> rowKeys = new ArrayList<>();
        Map<String, List<JsonNode>> byCell = new LinkedHashMap<>();
        for (JsonNode run : doc.path("runs")) {
            String row = run.path("mode").asText() + " → " + run.path("mode").asText() + "|" + run.path("workload").asText();
            if (!rowKeys.contains(row)) {
                rowKeys.add(row);
            }
            if (run.path("exit").asInt(-1) == 0) {
                byCell.computeIfAbsent(row + "|" + run.path("tool").asText(), k -> new ArrayList<>()).add(run);
            }
        }
        List<Map<String, Object>> tables = new ArrayList<>();
        for (Map.Entry<String, String> metric : METRICS.entrySet()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            boolean any = false;
            for (String row : rowKeys) {
                String[] parts = row.split("\\|", 2);
                List<String> cells = new ArrayList<>(List.of(parts[0], parts[1]));
                for (String tool : tools) {
                    double[] xs = values(byCell.getOrDefault(row + "|" + tool, List.of()), metric.getKey());
                    cells.add(cell(xs, metric.getKey().endsWith("_s")));
                    any |= xs.length > 0;
                }
                rows.add(V.row(cells));
            }
            if (any) {
                tables.add(V.map("title", metric.getValue(), "rows", rows));
            }
        }
        JsonNode env = doc.path("environment");
        String about = String.format(Locale.ROOT, "%s; %d cores; load %.1f → %.1f; commit %s; %s",
                env.path("date").asText("?"), env.path("cores").asInt(), env.path("loadavg_start").path(0).asDouble(),
                env.path("loadavg_end").path(0).asDouble(), env.path("commit").asText("?"), doc.path("method").asText());
        return V.map("set", label, "file", file.toString(), "about", about, "warm", doc.path("warm").asText(""),
                "tools", tools, "tables", tables);
    }

    private static double[] values(List<JsonNode> runs, String metric) {
        return runs.stream().map(r -> r.path(metric)).filter(JsonNode::isNumber).mapToDouble(JsonNode::asDouble).toArray();
    }

    /** "median (low..high), n=…" with the method named: a 95% order-statistic interval or a range. */
    static String cell(double[] xs, boolean seconds) {
        if (xs.length == 0) {
            return "—";
        }
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        int k = orderStatisticRank(n);
        if (k > 0) {
            return fmt(median, seconds) + " [" + fmt(s[k - 1], seconds) + ", " + fmt(s[n - k], seconds)
                    + "] 95% order-statistic interval, n=" + n;
        }
        return fmt(median, seconds) + " (" + fmt(s[0], seconds) + ".." + fmt(s[n - 1], seconds) + ") range, n=" + n;
    }

    /** The order-statistic rank of the 95% interval of the median ({@link Stats}); 0 when n is too small. */
    static int orderStatisticRank(int n) {
        return Stats.orderStatisticRank(n, Stats.DEFAULT_CONFIDENCE);
    }

    private static String fmt(double v, boolean seconds) {
        if (!seconds) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, v < 1 ? "%.3f" : "%.2f", v);
    }
}
