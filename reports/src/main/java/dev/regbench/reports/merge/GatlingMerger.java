package dev.regbench.reports.merge;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.regbench.reports.merge.Windows.Window;
import dev.regbench.reports.model.ResultFileException;
import dev.regbench.reports.model.ResultsIo;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Merges the summaries ({@code gatling/<Simulation>-summary.json}) of N Gatling injectors of one
 * simulation into one summary of the same shape, which the report reads like any other: requests,
 * failures and users summed, per-request and per-status counts summed, p50/p95/p99/max from the
 * injectors' {@code .hlog} (named by the summary's {@code details.hlog}) added into one
 * HdrHistogram, {@code durationS} the union of the injectors' windows and {@code rps} the summed
 * requests over it. Server-side counters are summed when each injector had its own target; when
 * they shared one, each injector's counters also saw the others' traffic, so they are left out.
 * {@code details.injectors} keeps each injector's figures; {@code details.startSkewMs} the skew.
 * Stateless.
 */
public final class GatlingMerger {

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private GatlingMerger() {
    }

    /** The summary files under {@code dir/gatling}, by file name. */
    static Map<String, Path> summaries(Path dir) throws IOException {
        Map<String, Path> out = new TreeMap<>();
        Path g = dir.resolve("gatling");
        if (!Files.isDirectory(g)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(g, "*-summary.json")) {
            for (Path f : files) {
                out.put(f.getFileName().toString(), f);
            }
        }
        return out;
    }

    /**
     * Merges every simulation summary found in all of {@code dirs} into {@code out/gatling/}; returns
     * the merged summaries' files. A summary present in only some folders is an error naming it.
     */
    public static List<Path> merge(List<Path> dirs, Path out) throws IOException {
        Map<String, List<Path>> byName = new TreeMap<>();
        for (Path dir : dirs) {
            summaries(dir).forEach((name, file) -> byName.computeIfAbsent(name, n -> new ArrayList<>()).add(file));
        }
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, List<Path>> e : byName.entrySet()) {
            if (e.getValue().size() != dirs.size()) {
                throw new ResultFileException(e.getValue().get(0), "is in " + e.getValue().size() + " of the "
                        + dirs.size() + " folders; every injector must have run the same simulations");
            }
            written.add(mergeOne(e.getValue(), out.resolve("gatling").resolve(e.getKey())));
        }
        return written;
    }

    @SuppressWarnings("unchecked")
    static Path mergeOne(List<Path> files, Path target) throws IOException {
        List<Map<String, Object>> parts = new ArrayList<>();
        for (Path f : files) {
            try {
                parts.add(ResultsIo.mapper().readValue(f.toFile(), MAP));
            } catch (IOException ex) {
                throw new ResultFileException(f, "malformed summary: " + ex.getMessage(), ex);
            }
        }
        Map<String, Histogram> hist = new TreeMap<>();
        List<Window> windows = new ArrayList<>();
        List<Map<String, Object>> injectors = new ArrayList<>();
        Map<String, long[]> byRequest = new TreeMap<>();
        Map<String, Long> byStatus = new TreeMap<>();
        long requests = 0;
        long failures = 0;
        long users = 0;
        long connections = 0;
        long serverRequests = 0;
        boolean serverKnown = true;
        for (int i = 0; i < parts.size(); i++) {
            Map<String, Object> p = parts.get(i);
            Path file = files.get(i);
            Map<String, Object> details = (Map<String, Object>) p.getOrDefault("details", Map.of());
            Object hlogName = details.get("hlog");
            if (hlogName == null) {
                throw new ResultFileException(file, "names no interval log (details.hlog): its latency cannot be merged exactly;"
                        + " rerun the simulation with this regbench version");
            }
            Hlog log = Hlog.read(file.getParent().resolve(hlogName.toString()));
            log.byTag().forEach((tag, h) -> hist.computeIfAbsent(tag,
                    t -> new Histogram(h.getNumberOfSignificantValueDigits())).add(h));
            windows.add(new Window(log.startMs(), log.endMs()));
            requests += num(p, "requests", file);
            failures += num(p, "failures", file);
            users += num(p, "users", file);
            if (p.get("connectionsAccepted") == null || p.get("serverRequests") == null) {
                serverKnown = false;
            } else {
                connections += num(p, "connectionsAccepted", file);
                serverRequests += num(p, "serverRequests", file);
            }
            if (details.get("byRequest") instanceof Map<?, ?> m) {
                m.forEach((k, v) -> {
                    List<Number> counts = (List<Number>) v;
                    long[] sum = byRequest.computeIfAbsent(k.toString(), x -> new long[2]);
                    sum[0] += counts.get(0).longValue();
                    sum[1] += counts.get(1).longValue();
                });
            }
            if (details.get("byStatus") instanceof Map<?, ?> m) {
                m.forEach((k, v) -> byStatus.merge(k.toString(), ((Number) v).longValue(), Long::sum));
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("injector", details.getOrDefault("shard", ResultsMerger.label(file.getParent().getParent(), i)));
            row.put("folder", file.getParent().getParent().toString());
            row.put("requests", p.get("requests"));
            row.put("failures", p.get("failures"));
            row.put("rps", p.get("rps"));
            row.put("p50", p.get("p50"));
            row.put("p95", p.get("p95"));
            row.put("p99", p.get("p99"));
            row.put("max", p.get("max"));
            row.put("startedAt", Instant.ofEpochMilli(log.startMs()).toString());
            row.put("endedAt", Instant.ofEpochMilli(log.endMs()).toString());
            injectors.add(row);
        }
        Histogram all = hist.get(Hlog.UNTAGGED);
        if (all == null) {
            throw new ResultFileException(files.get(0), "its interval log has no '" + Hlog.UNTAGGED + "' histogram");
        }
        boolean sharedTarget = parts.stream().map(p -> p.get("target")).distinct().count() == 1;
        double seconds = Windows.unionMs(windows) / 1000.0;
        Map<String, Object> merged = new LinkedHashMap<>();
        Map<String, Object> first = parts.get(0);
        merged.put("simulation", first.get("simulation"));
        merged.put("target", first.get("target"));
        merged.put("scale", first.get("scale"));
        merged.put("requests", requests);
        merged.put("failures", failures);
        merged.put("rps", ResultsMerger.round(seconds > 0 ? requests / seconds : 0));
        merged.put("p50", ms(all, 50));
        merged.put("p95", ms(all, 95));
        merged.put("p99", ms(all, 99));
        merged.put("max", ResultsMerger.round(all.getMaxValue() / 1000.0));
        List<String> notes = new ArrayList<>();
        if (serverKnown && !sharedTarget) {
            merged.put("connectionsAccepted", connections);
            merged.put("serverRequests", serverRequests);
            merged.put("connectionReuse", serverRequests == 0 ? null : ResultsMerger.round(1 - (double) connections / serverRequests));
        } else if (serverKnown) {
            notes.add("the injectors shared one target, so each one's server counters include the others' traffic;"
                    + " server-side connections and requests are left out");
        }
        merged.put("users", users);
        merged.put("durationS", ResultsMerger.round(seconds));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mergedInjectors", parts.size());
        details.put("startSkewMs", Windows.startSkewMs(windows));
        details.put("injectors", injectors);
        if (!byRequest.isEmpty()) {
            Map<String, List<Long>> br = new TreeMap<>();
            byRequest.forEach((k, v) -> br.put(k, List.of(v[0], v[1])));
            details.put("byRequest", br);
        }
        if (!byStatus.isEmpty()) {
            details.put("byStatus", byStatus);
        }
        String hlogName = target.getFileName().toString().replace("-summary.json", ".hlog");
        long start = windows.stream().mapToLong(Window::startMs).min().orElse(0);
        long end = windows.stream().mapToLong(Window::endMs).max().orElse(start);
        Hlog.write(target.resolveSibling(hlogName), "regbench merge of " + parts.size()
                + " Gatling injectors; values in microseconds", hist, start, end);
        details.put("hlog", hlogName);
        if (!notes.isEmpty()) {
            details.put("mergeNotes", notes);
        }
        merged.put("details", details);
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        ResultsIo.mapper().writeValue(tmp.toFile(), merged);
        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    private static long num(Map<String, Object> p, String key, Path file) {
        Object v = p.get(key);
        if (!(v instanceof Number n)) {
            throw new ResultFileException(file, "key '" + key + "' is missing or not a number");
        }
        return n.longValue();
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0.0 : ResultsMerger.round(h.getValueAtPercentile(percentile) / 1000.0);
    }
}
