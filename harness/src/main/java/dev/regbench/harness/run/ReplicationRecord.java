package dev.regbench.harness.run;

import dev.regbench.engine.replicate.ReplicationRequest;
import dev.regbench.engine.replicate.ReplicationResult;
import dev.regbench.engine.replicate.Replicator;
import dev.regbench.engine.registry.RegistryException;
import dev.regbench.reports.model.ConfigEntry;
import dev.regbench.reports.model.Environment;
import dev.regbench.reports.model.Results;
import dev.regbench.reports.model.ResultsIo;
import dev.regbench.reports.model.RunResult;
import dev.regbench.reports.model.ScenarioInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code regbench replicate} measured and written as a results set, like a scenario's: a
 * {@code results.json} with one run (named after the config), its latency as an HdrHistogram
 * interval log covering the run's time window, and the shard it was ({@code scenario.extra.shard})
 * so that {@code regbench merge} can join the shards of one replication exactly.
 *
 * <p>Immutable; one instance per replication.
 *
 * @param result  what the engine reported
 * @param cost    what the run cost the JVM (engine threads' allocations, GC)
 * @param startMs epoch ms just before the replication started
 * @param endMs   epoch ms just after it ended
 */
public record ReplicationRecord(ReplicationResult result, JvmMeter.Cost cost, long startMs, long endMs) {

    /** Runs {@code request} on {@code replicator}, measuring its window and JVM cost. */
    public static ReplicationRecord replicate(Replicator replicator, ReplicationRequest request) throws RegistryException {
        JvmMeter meter = new JvmMeter();
        meter.start();
        long start = System.currentTimeMillis();
        ReplicationResult result = replicator.replicate(request);
        long end = System.currentTimeMillis();
        return new ReplicationRecord(result, meter.stop(), start, end);
    }

    /**
     * Writes {@code dir/results.json} and {@code dir/hlog/<config>.hlog}; returns the results.
     *
     * @param config      the tuning config's name
     * @param source      the source reference as given
     * @param destination the destination reference as given
     * @param request     the request (its shard and shard unit are recorded)
     */
    public Results write(Path dir, String config, String source, String destination, ReplicationRequest request)
            throws IOException {
        Files.createDirectories(dir);
        String hlogName = config.replaceAll("[^A-Za-z0-9._=@-]", "_") + "-rep0.hlog";
        HlogWriter.write(dir.resolve("hlog").resolve(hlogName), "replicate " + source + " -> " + destination
                + " shard " + request.shard(), result.histograms(), startMs, endMs);
        List<String> failures = result.failed().stream().map(Object::toString).toList();
        // A replicate command does not read the source's dataset size: the bytes it copied stand
        // for the dataset here (a re-run that skips everything reports 0 MiB/s).
        Map<String, Double> metrics = OneRun.metrics(new EngineReplication.Outcome(result, cost, failures),
                Optional.empty(), Optional.empty(), result.stats().blobBytesCopied());
        String error = failures.isEmpty() ? null : failures.size() + " tag(s) failed: " + failures.get(0);
        RunResult run = new RunResult(config, 0, failures.isEmpty(), error, metrics, OneRun.latency(result.stats()),
                new LinkedHashMap<>(result.stats().requestsByRoute()), "hlog/" + hlogName);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("source", source);
        extra.put("destination", destination);
        extra.put("tags", result.tags().size());
        if (!request.shard().isAll()) {
            extra.put("shard", request.shard().toString());
            extra.put("shardUnit", request.shardUnit().name().toLowerCase(java.util.Locale.ROOT));
        }
        ScenarioInfo info = new ScenarioInfo("replicate", null, null, null, 1, 0, extra);
        Environment env = Environment.current(GitCommit.of(Path.of("").toAbsolutePath()),
                Instant.ofEpochMilli(startMs).toString());
        Results results = new Results(Results.SCHEMA_VERSION, env, info,
                List.of(new ConfigEntry(config, null, Map.of())), List.of(run), null, null, null);
        Path tmp = Files.createTempFile(dir, "results.json", ".tmp");
        try {
            ResultsIo.write(results, tmp);
            Files.move(tmp, dir.resolve("results.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return results;
    }
}
