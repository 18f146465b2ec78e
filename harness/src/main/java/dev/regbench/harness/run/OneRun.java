package dev.regbench.harness.run;

import dev.regbench.engine.shard.Shard;
import dev.regbench.engine.stats.TransferStatsSnapshot;
import dev.regbench.fakeregistry.stats.StatsSnapshot;
import dev.regbench.harness.scenario.Scenario;
import dev.regbench.reports.model.LatencySummary;
import dev.regbench.reports.model.RunResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * One run of one variant: a fresh destination, the network profile applied, for a re-sync the
 * destination filled first (unmeasured), then the measured replication, the registries' stats
 * read, and every destination digest checked. A run that throws, reports a failed tag, or leaves
 * a wrong digest is recorded as failed with the reason.
 */
final class OneRun implements Callable<RunResult> {

    /** Start of the error of a run whose destination digests were wrong or missing: fails the command. */
    static final String DIGEST_PREFIX = "wrong destination digests: ";
    /** Start of the error of a run that crashed (an exception escaped): fails the command. */
    static final String CRASH_PREFIX = "crash: ";

    private final Scenario scenario;
    private final Variant variant;
    private final int repetition;
    private final Endpoint source;
    private final Expected expected;
    private final Path out;
    private final RunListener listener;
    private final Shard shard;

    OneRun(Scenario scenario, Variant variant, int repetition, Endpoint source, Expected expected, Path out,
           RunListener listener) {
        this(scenario, variant, repetition, source, expected, out, listener, Shard.ALL);
    }

    /** A run that copies only {@code shard} of the scenario's images (see {@link Shard}). */
    OneRun(Scenario scenario, Variant variant, int repetition, Endpoint source, Expected expected, Path out,
           RunListener listener, Shard shard) {
        this.shard = shard;
        this.scenario = scenario;
        this.variant = variant;
        this.repetition = repetition;
        this.source = source;
        this.expected = expected;
        this.out = out;
        this.listener = listener;
    }

    @Override
    public RunResult call() {
        try (Endpoint destination = Registries.destination(scenario, variant.network())) {
            source.fake().ifPresent(f -> f.controls().setNetwork(Registries.network(variant.network())));
            if (scenario.mode() == Scenario.Mode.RESYNC) {
                EngineReplication.Outcome fill = EngineReplication.run(variant.config(), source, destination,
                        expected.repositories(), scenario.tags(), shard, RunListener.SILENT);
                if (!fill.failures().isEmpty()) {
                    return failed("filling the destination before the re-sync failed: " + fill.failures().get(0));
                }
            }
            source.resetStats();
            destination.resetStats();
            long startMs = System.currentTimeMillis();
            EngineReplication.Outcome outcome = EngineReplication.run(variant.config(), source, destination,
                    expected.repositories(), scenario.tags(), shard, listener);
            long endMs = System.currentTimeMillis();
            Optional<StatsSnapshot> sourceStats = source.stats();
            Optional<StatsSnapshot> destinationStats = destination.stats();
            List<String> problems = DigestCheck.verify(destination, expected);
            Map<String, Double> metrics = metrics(outcome, sourceStats, destinationStats, expected.blobBytes());
            String error = null;
            String protocolProblem = protocolProblem(variant.config().transport().http2(), metrics);
            if (!outcome.failures().isEmpty()) {
                error = outcome.failures().size() + " tag(s) failed: " + outcome.failures().get(0);
            } else if (!problems.isEmpty()) {
                error = DIGEST_PREFIX + String.join("; ", problems);
            } else if (protocolProblem != null) {
                error = protocolProblem;
            }
            Map<String, Long> byRoute = new LinkedHashMap<>(outcome.result().stats().requestsByRoute());
            String hlog = null;
            if (repetition >= 0) {
                String name = variant.name().replaceAll("[^A-Za-z0-9._=@-]", "_") + "-rep" + repetition + ".hlog";
                HlogWriter.write(out.resolve("hlog").resolve(name), variant.name() + " #" + repetition,
                        outcome.result().histograms(), startMs, endMs);
                hlog = "hlog/" + name;
            }
            return new RunResult(variant.name(), repetition, error == null, error, metrics,
                    latency(outcome.result().stats()), byRoute, hlog);
        } catch (Exception e) {
            return failed(CRASH_PREFIX + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * A config that asked for HTTP/2 must have spoken it: the servers count requests by the
     * protocol they arrived in, and a run that asked for h2 but whose servers saw no HTTP/2
     * stream is a failed run (it measured HTTP/1.1 under an HTTP/2 label). Null when fine or
     * when the servers do not count protocols (external registries).
     */
    static String protocolProblem(boolean askedH2, Map<String, Double> metrics) {
        Double h2 = metrics.get("h2_requests");
        Double h1 = metrics.get("h1_requests");
        if (!askedH2 || h2 == null || h1 == null) {
            return null;
        }
        if (h2 == 0) {
            return String.format(java.util.Locale.ROOT, "asked for HTTP/2 (transport.http2: true) but the servers saw "
                    + "%.0f HTTP/1.1 requests and no HTTP/2 stream (do the registries serve h2c? scenario "
                    + "registries.http2)", h1);
        }
        return null;
    }

    private RunResult failed(String reason) {
        return new RunResult(variant.name(), repetition, false, reason, Map.of(), Map.of());
    }

    /**
     * The DESIGN.md metrics of a run. Throughput is on logical bytes: the dataset's blob bytes
     * made present at the destination ({@code datasetBytes}) per second of wall time, so mounting
     * or skipping a blob counts and a duplicate copy does not; {@code blob_bytes_copied} stays its
     * own metric. Requests and connections come from the servers when both are
     * fake registries (the side that accepts connections counts them exactly), else from the client.
     * {@code peak_inflight_per_host} is the larger of the two servers' peaks of requests in progress
     * at once: 1 means the engine went sequential.
     */
    static Map<String, Double> metrics(EngineReplication.Outcome o, Optional<StatsSnapshot> src,
                                       Optional<StatsSnapshot> dst, long datasetBytes) {
        TransferStatsSnapshot s = o.result().stats();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("blob_bytes_copied", (double) s.blobBytesCopied());
        m.put("dataset_bytes", (double) datasetBytes);
        m.put("throughput_mib_s", s.wallS() <= 0 ? 0 : datasetBytes / (1024.0 * 1024.0) / s.wallS());
        m.put("copy_throughput_mib_s", s.throughputMibS());
        m.put("wall_s", s.wallS());
        m.put("bytes_in", (double) s.bytesIn());
        m.put("bytes_out", (double) s.bytesOut());
        m.put("retries", (double) s.retries());
        m.put("failed_requests", (double) s.failedRequests());
        m.put("blobs_copied", (double) s.blobsCopied());
        m.put("blobs_skipped", (double) s.blobsSkipped());
        m.put("blobs_mounted", (double) s.blobsMounted());
        m.put("manifests_copied", (double) s.manifestsCopied());
        m.put("tags_copied", (double) s.tagsCopied());
        m.put("tags_skipped", (double) s.tagsSkipped());
        m.put("tags_failed", (double) s.tagsFailed());
        if (src.isPresent() && dst.isPresent()) {
            double requests = src.get().requestsTotal() + dst.get().requestsTotal();
            double connections = src.get().connectionsAccepted() + dst.get().connectionsAccepted();
            m.put("requests_total", requests);
            m.put("connections_opened", connections);
            m.put("connection_reuse", requests == 0 ? 0 : 1 - connections / requests);
            m.put("client_requests_total", (double) s.requestsTotal());
            m.put("peak_inflight_per_host", (double) Math.max(src.get().peakInFlight(), dst.get().peakInFlight()));
            // what the servers actually spoke: requests (h2: streams) and connections per protocol
            m.put("h1_requests", (double) (src.get().h1Requests() + dst.get().h1Requests()));
            m.put("h2_requests", (double) (src.get().h2Requests() + dst.get().h2Requests()));
            m.put("h1_connections", (double) (src.get().connectionsByProtocol().getOrDefault("h1", 0L)
                    + dst.get().connectionsByProtocol().getOrDefault("h1", 0L)));
            m.put("h2_connections", (double) (src.get().connectionsByProtocol().getOrDefault("h2", 0L)
                    + dst.get().connectionsByProtocol().getOrDefault("h2", 0L)));
        } else {
            m.put("requests_total", (double) s.requestsTotal());
            if (s.connectionsOpened() != null) {
                m.put("connections_opened", (double) s.connectionsOpened());
                m.put("connection_reuse", s.connectionReuse());
            }
        }
        m.put("alloc_bytes", (double) o.cost().allocatedBytes());
        m.put("gc_count", (double) o.cost().gcCount());
        m.put("gc_pause_ms", (double) o.cost().gcPauseMs());
        m.put("heap_peak_mib", o.cost().heapPeakMib());
        return m;
    }

    static Map<String, LatencySummary> latency(TransferStatsSnapshot s) {
        Map<String, LatencySummary> out = new LinkedHashMap<>();
        s.latency().forEach((op, l) -> {
            if (l.count() > 0) {
                out.put(op, new LatencySummary(l.count(), l.p50Ms(), l.p90Ms(), l.p99Ms(), l.p999Ms(), l.maxMs()));
            }
        });
        return out;
    }
}
