package dev.regbench.reports.merge;

import dev.regbench.reports.merge.Windows.Window;
import dev.regbench.reports.model.ConfigEntry;
import dev.regbench.reports.model.LatencySummary;
import dev.regbench.reports.model.Metrics;
import dev.regbench.reports.model.ResultFileException;
import dev.regbench.reports.model.Results;
import dev.regbench.reports.model.ResultsIo;
import dev.regbench.reports.model.RunResult;
import dev.regbench.reports.model.ScenarioInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Merges the {@code results.json} of N shards of one scenario (or one {@code replicate}) into one
 * results set. Runs are matched by config name and repetition; for each such run:
 *
 * <ul>
 *   <li>counts ({@link #SUMMED}) and requests per route are summed;</li>
 *   <li>latency percentiles come from the shards' interval logs added into one HdrHistogram per
 *       operation (exact), and the merged histograms are written as the merged run's {@code .hlog};</li>
 *   <li>{@code wall_s} is the length of the union of the shards' time windows (from their logs) and
 *       {@code throughput_mib_s} the bytes every shard made present over that union;</li>
 *   <li>{@code connection_reuse} is recomputed from the summed connections and requests;
 *       {@code heap_peak_mib} is the largest shard's;</li>
 *   <li>any other metric cannot be merged exactly and is left out, named in {@code mergeNotes}.</li>
 * </ul>
 * The scenario's {@code extra.merged} keeps the per-shard figures and the start-time skew.
 * Stateless.
 */
public final class ResultsMerger {

    /** Metrics that add up across shards. */
    static final Set<String> SUMMED = Set.of(Metrics.BLOB_BYTES_COPIED, Metrics.BYTES_IN, Metrics.BYTES_OUT,
            Metrics.REQUESTS_TOTAL, Metrics.CONNECTIONS_OPENED, Metrics.RETRIES, Metrics.FAILED_REQUESTS,
            Metrics.BLOBS_COPIED, Metrics.BLOBS_SKIPPED, Metrics.BLOBS_MOUNTED, Metrics.MANIFESTS_COPIED,
            Metrics.ALLOC_BYTES, Metrics.GC_COUNT, Metrics.GC_PAUSE_MS, "tags_copied", "tags_skipped",
            "tags_failed", "client_requests_total");
    /** Metrics recomputed from the merged figures (never averaged). */
    static final Set<String> RECOMPUTED = Set.of(Metrics.WALL_S, Metrics.THROUGHPUT_MIB_S, Metrics.CONNECTION_REUSE,
            Metrics.HEAP_PEAK_MIB);

    private static final double MIB = 1024.0 * 1024.0;

    private ResultsMerger() {
    }

    /** One shard's results as read from its folder. */
    record Part(String label, Path dir, Results results) {
        String shard() {
            Object s = results.scenario() == null ? null : results.scenario().extra().get("shard");
            return s == null ? label : s.toString();
        }
    }

    /**
     * Merges the {@code results.json} of every folder of {@code dirs} into {@code out/results.json}
     * (and {@code out/hlog/}); returns the merged results.
     *
     * @throws ResultFileException naming the file when a folder has no results or they do not belong together
     */
    public static Results merge(List<Path> dirs, Path out) throws IOException {
        List<Part> parts = new ArrayList<>();
        for (Path dir : dirs) {
            Path file = dir.resolve("results.json");
            if (!Files.isRegularFile(file)) {
                throw new ResultFileException(file, "not found: every folder given to merge needs a results.json");
            }
            parts.add(new Part(label(dir, parts.size()), dir, ResultsIo.read(file)));
        }
        checkSameScenario(parts);
        Set<String> shards = new LinkedHashSet<>();
        for (Part p : parts) {
            if (!shards.add(p.shard()) && !p.shard().equals(p.label)) {
                throw new ResultFileException(p.dir.resolve("results.json"), "shard " + p.shard()
                        + " is given twice; each shard's results may be merged once");
            }
        }
        Files.createDirectories(out);
        Map<String, List<RunPart>> groups = new LinkedHashMap<>();
        for (Part p : parts) {
            for (RunResult r : p.results.runs()) {
                groups.computeIfAbsent(r.config() + "#" + r.repetition(), k -> new ArrayList<>()).add(new RunPart(p, r));
            }
        }
        List<RunResult> runs = new ArrayList<>();
        List<Map<String, Object>> perShard = new ArrayList<>();
        Set<String> notes = new LinkedHashSet<>();
        long maxSkew = 0;
        double maxUnion = 0;
        for (List<RunPart> group : groups.values()) {
            MergedRun m = mergeRun(group, out, notes);
            runs.add(m.run);
            perShard.addAll(m.perShard);
            maxSkew = Math.max(maxSkew, m.skewMs);
            maxUnion = Math.max(maxUnion, m.unionS);
            if (group.size() != parts.size()) {
                notes.add(group.get(0).run.config() + " #" + group.get(0).run.repetition() + " is in "
                        + group.size() + " of " + parts.size() + " shards");
            }
        }
        Results first = parts.get(0).results;
        Map<String, Object> merged = new LinkedHashMap<>();
        merged.put("shards", parts.stream().map(Part::shard).toList());
        merged.put("folders", parts.stream().map(p -> p.dir.toString()).toList());
        merged.put("startSkewMs", maxSkew);
        merged.put("unionWindowS", round(maxUnion));
        merged.put("perShard", perShard);
        if (!notes.isEmpty()) {
            merged.put("mergeNotes", List.copyOf(notes));
        }
        Map<String, Object> extra = new LinkedHashMap<>(first.scenario() == null ? Map.of() : first.scenario().extra());
        extra.remove("shard");
        extra.put("merged", merged);
        ScenarioInfo s = first.scenario();
        ScenarioInfo info = s == null ? new ScenarioInfo("merged", null, null, null, 1, 0, extra)
                : new ScenarioInfo(s.name(), s.dataset(), s.network(), s.faults(), s.repetitions(), s.warmup(), extra);
        List<ConfigEntry> configs = first.configs();
        Results partial = new Results(Results.SCHEMA_VERSION, first.environment(), info, configs, runs, null, null, null);
        Results result = new Results(Results.SCHEMA_VERSION, first.environment(), info, configs, runs,
                summaries(partial), null, null);
        ResultsIo.write(result, out.resolve("results.json"));
        return result;
    }

    private record RunPart(Part part, RunResult run) {
    }

    private record MergedRun(RunResult run, List<Map<String, Object>> perShard, long skewMs, double unionS) {
    }

    private static MergedRun mergeRun(List<RunPart> group, Path out, Set<String> notes) throws IOException {
        RunResult head = group.get(0).run;
        Map<String, Double> metrics = new TreeMap<>();
        Map<String, Long> routes = new TreeMap<>();
        Map<String, Histogram> latency = new TreeMap<>();
        List<Window> windows = new ArrayList<>();
        List<Map<String, Object>> perShard = new ArrayList<>();
        boolean ok = true;
        List<String> errors = new ArrayList<>();
        boolean allLogs = true;
        double presentBytes = 0;
        double heapPeak = Double.NaN;
        for (RunPart rp : group) {
            RunResult r = rp.run;
            ok &= r.ok();
            if (r.error() != null) {
                errors.add(rp.part.shard() + ": " + r.error());
            }
            r.metrics().forEach((k, v) -> {
                if (SUMMED.contains(k)) {
                    metrics.merge(k, v, Double::sum);
                } else if (!RECOMPUTED.contains(k)) {
                    notes.add("metric " + k + " is not additive and was left out");
                }
            });
            Double heap = r.metrics().get(Metrics.HEAP_PEAK_MIB);
            if (heap != null) {
                heapPeak = Double.isNaN(heapPeak) ? heap : Math.max(heapPeak, heap);
            }
            double wall = r.metrics().getOrDefault(Metrics.WALL_S, 0.0);
            presentBytes += r.metrics().getOrDefault(Metrics.THROUGHPUT_MIB_S, 0.0) * wall * MIB;
            r.requestsByRoute().forEach((k, v) -> routes.merge(k, v, Long::sum));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("shard", rp.part.shard());
            row.put("config", r.config());
            row.put("repetition", r.repetition());
            row.put("ok", r.ok());
            if (r.hlog() == null) {
                allLogs = false;
            } else {
                Hlog log = Hlog.read(rp.part.dir.resolve(r.hlog()));
                log.byTag().forEach((tag, h) -> latency.computeIfAbsent(tag,
                        t -> new Histogram(h.getNumberOfSignificantValueDigits())).add(h));
                if (log.hasWindow()) {
                    windows.add(new Window(log.startMs(), log.endMs()));
                    row.put("startedAt", Instant.ofEpochMilli(log.startMs()).toString());
                    row.put("endedAt", Instant.ofEpochMilli(log.endMs()).toString());
                } else {
                    notes.add(rp.part.shard() + ": " + r.hlog() + " has no time window; wall time is the longest shard's");
                }
            }
            row.put(Metrics.WALL_S, wall);
            for (String k : List.of(Metrics.REQUESTS_TOTAL, Metrics.BLOB_BYTES_COPIED, Metrics.THROUGHPUT_MIB_S)) {
                if (r.metrics().containsKey(k)) {
                    row.put(k, r.metrics().get(k));
                }
            }
            Map<String, Object> lat = new TreeMap<>();
            r.latency().forEach((op, l) -> lat.put(op, Map.of("count", l.count(), "p50", l.p50(), "p99", l.p99())));
            row.put("latency", lat);
            perShard.add(row);
        }
        double unionS;
        if (windows.size() == group.size()) {
            unionS = Windows.unionMs(windows) / 1000.0;
        } else {
            unionS = group.stream().mapToDouble(rp -> rp.run.metrics().getOrDefault(Metrics.WALL_S, 0.0)).max().orElse(0);
        }
        long skew = windows.size() == group.size() ? Windows.startSkewMs(windows) : 0;
        metrics.put(Metrics.WALL_S, round(unionS));
        if (unionS > 0) {
            metrics.put(Metrics.THROUGHPUT_MIB_S, presentBytes / MIB / unionS);
        }
        if (!Double.isNaN(heapPeak)) {
            metrics.put(Metrics.HEAP_PEAK_MIB, heapPeak);
        }
        Double requests = metrics.get(Metrics.REQUESTS_TOTAL);
        Double connections = metrics.get(Metrics.CONNECTIONS_OPENED);
        if (requests != null && connections != null && requests > 0) {
            metrics.put(Metrics.CONNECTION_REUSE, 1 - connections / requests);
        }
        Map<String, LatencySummary> summaries = new LinkedHashMap<>();
        String hlog = null;
        if (allLogs) {
            latency.forEach((op, h) -> summaries.put(op, LatencySummary.of(h, 1000.0)));
            String name = safe(head.config()) + "-rep" + head.repetition() + ".hlog";
            long start = windows.stream().mapToLong(Window::startMs).min().orElse(System.currentTimeMillis());
            long end = windows.stream().mapToLong(Window::endMs).max().orElse(start);
            Hlog.write(out.resolve("hlog").resolve(name), "regbench merge of " + group.size()
                    + " shards; values in microseconds; one interval per operation (tag)", latency, start, end);
            hlog = "hlog/" + name;
        } else {
            notes.add(head.config() + " #" + head.repetition()
                    + ": a shard has no interval log, so latency percentiles cannot be merged exactly and are left out");
        }
        RunResult run = new RunResult(head.config(), head.repetition(), ok, errors.isEmpty() ? null : String.join("; ", errors),
                metrics, summaries, routes, hlog);
        return new MergedRun(run, perShard, skew, unionS);
    }

    private static List<dev.regbench.reports.model.SummaryRow> summaries(Results partial) {
        List<dev.regbench.reports.model.SummaryRow> rows = new ArrayList<>();
        Set<String> metrics = new LinkedHashSet<>();
        partial.runs().forEach(r -> metrics.addAll(Metrics.derive(r.metrics()).keySet()));
        for (String config : partial.configNames()) {
            for (String m : metrics) {
                partial.summaryOf(config, m).ifPresent(rows::add);
            }
        }
        return rows;
    }

    private static void checkSameScenario(List<Part> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("merge needs at least one results folder");
        }
        Results first = parts.get(0).results;
        String name = first.scenario() == null ? null : first.scenario().name();
        for (Part p : parts.subList(1, parts.size())) {
            String other = p.results.scenario() == null ? null : p.results.scenario().name();
            if (!java.util.Objects.equals(name, other)) {
                throw new ResultFileException(p.dir.resolve("results.json"), "is scenario '" + other
                        + "' but " + parts.get(0).dir.resolve("results.json") + " is '" + name
                        + "'; merge joins shards of one scenario");
            }
        }
    }

    static String label(Path dir, int i) {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return name == null ? "part" + i : name.toString();
    }

    static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._=@-]", "_");
    }

    static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
