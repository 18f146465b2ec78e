package dev.regbench.harness.cli;

import dev.regbench.reports.merge.GatlingMerger;
import dev.regbench.reports.merge.ResultsMerger;
import dev.regbench.reports.model.LatencySummary;
import dev.regbench.reports.model.Results;
import dev.regbench.reports.model.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code regbench merge DIR... --out DIR}: joins the results of N shards ({@code run --shard},
 * {@code replicate --shard --out}) or N Gatling injectors ({@code -Dregbench.shard}) into one
 * results set that {@code regbench report} renders like any other. Counts are summed, latency
 * percentiles come from the merged HdrHistograms (exact; never an average of percentiles),
 * throughput is over the union of the shards' time windows, and the per-shard figures and the
 * start-time skew are kept. See {@link ResultsMerger} and {@link GatlingMerger}.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merge the results of N shards or injectors into one results set (exact: merged HdrHistograms).",
            "Each DIR holds a results.json (+ hlog/) and/or gatling/*-summary.json (+ .hlog)."})
final class MergeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "the shards' or injectors' result folders")
    List<Path> dirs;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "where to write the merged results")
    Path out;

    @Override
    public Integer call() throws Exception {
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                System.err.println("regbench merge: " + d + ": no such folder");
                return 2;
            }
        }
        boolean scenario = dirs.stream().anyMatch(d -> Files.isRegularFile(d.resolve("results.json")));
        List<Path> gatling = GatlingMerger.merge(dirs, out);
        if (!scenario && gatling.isEmpty()) {
            System.err.println("regbench merge: none of the folders holds a results.json or gatling/*-summary.json");
            return 2;
        }
        if (scenario) {
            Results r = ResultsMerger.merge(dirs, out);
            print(r);
            System.out.println("merged results: " + out.resolve("results.json"));
        }
        gatling.forEach(f -> System.out.println("merged Gatling summary: " + f));
        return 0;
    }

    @SuppressWarnings("unchecked")
    private static void print(Results r) {
        Map<String, Object> merged = (Map<String, Object>) r.scenario().extra().get("merged");
        System.out.printf(Locale.ROOT, "%d shards %s, start skew %s ms, union window %s s%n",
                ((List<?>) merged.get("shards")).size(), merged.get("shards"), merged.get("startSkewMs"),
                merged.get("unionWindowS"));
        for (RunResult run : r.runs()) {
            System.out.printf(Locale.ROOT, "%s #%d: %s, requests %.0f, blob bytes %.0f, wall %.3f s, %.1f MiB/s%n",
                    run.config(), run.repetition(), run.ok() ? "ok" : "FAILED: " + run.error(),
                    run.metrics().getOrDefault("requests_total", 0.0), run.metrics().getOrDefault("blob_bytes_copied", 0.0),
                    run.metrics().getOrDefault("wall_s", 0.0), run.metrics().getOrDefault("throughput_mib_s", 0.0));
            for (Map.Entry<String, LatencySummary> e : run.latency().entrySet()) {
                LatencySummary l = e.getValue();
                System.out.printf(Locale.ROOT, "  %-14s n=%d p50 %.3f p90 %.3f p99 %.3f max %.3f ms%n", e.getKey(),
                        l.count(), l.p50(), l.p90(), l.p99(), l.max());
            }
        }
        Object notes = merged.get("mergeNotes");
        if (notes instanceof List<?> list) {
            list.forEach(n -> System.out.println("note: " + n));
        }
    }
}
