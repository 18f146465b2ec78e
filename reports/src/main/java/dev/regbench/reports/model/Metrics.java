package dev.regbench.reports.model;

import static dev.regbench.reports.stats.Direction.HIGHER_IS_BETTER;
import static dev.regbench.reports.stats.Direction.LOWER_IS_BETTER;
import static dev.regbench.reports.stats.Direction.NEUTRAL;

import dev.regbench.reports.stats.Direction;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog of metric names of DESIGN.md ("Metrics"), with their units and directions.
 * The harness writes these names into {@code results.json}; the report, the gate and the
 * claims ledger read them. Two derived figures are added: {@link #REQUESTS_PER_MIB} and
 * {@link #ALLOC_BYTES_PER_MIB}, computed from a run by {@link #derive(Map)} when absent.
 *
 * <p>Immutable; thread-safe.
 */
public final class Metrics {
    public static final String BLOB_BYTES_COPIED = "blob_bytes_copied";
    /** Bytes of the dataset made present at the destination, in MiB, per second of wall time. */
    public static final String THROUGHPUT_MIB_S = "throughput_mib_s";
    /** Blob bytes actually copied per second of wall time (mounts and skips do not count). */
    public static final String COPY_THROUGHPUT_MIB_S = "copy_throughput_mib_s";
    /** Blob bytes of the dataset the run made present at the destination (the logical bytes). */
    public static final String DATASET_BYTES = "dataset_bytes";
    public static final String WALL_S = "wall_s";
    public static final String REQUESTS_TOTAL = "requests_total";
    public static final String BYTES_IN = "bytes_in";
    public static final String BYTES_OUT = "bytes_out";
    public static final String CONNECTIONS_OPENED = "connections_opened";
    public static final String CONNECTION_REUSE = "connection_reuse";
    /** The most requests in progress at once on one host, counted by the fake registry (parallelism). */
    public static final String PEAK_INFLIGHT_PER_HOST = "peak_inflight_per_host";
    public static final String RETRIES = "retries";
    public static final String FAILED_REQUESTS = "failed_requests";
    public static final String BLOBS_COPIED = "blobs_copied";
    public static final String BLOBS_SKIPPED = "blobs_skipped";
    public static final String BLOBS_MOUNTED = "blobs_mounted";
    public static final String MANIFESTS_COPIED = "manifests_copied";
    public static final String ALLOC_BYTES = "alloc_bytes";
    public static final String GC_COUNT = "gc_count";
    public static final String GC_PAUSE_MS = "gc_pause_ms";
    public static final String HEAP_PEAK_MIB = "heap_peak_mib";
    /** Derived: requests_total per MiB of blob bytes copied. */
    public static final String REQUESTS_PER_MIB = "requests_per_mib";
    /** Derived: alloc_bytes per MiB of blob bytes copied. */
    public static final String ALLOC_BYTES_PER_MIB = "alloc_bytes_per_mib";

    private static final double MIB = 1024.0 * 1024.0;
    private static final Map<String, MetricInfo> CATALOG = new LinkedHashMap<>();

    static {
        add(THROUGHPUT_MIB_S, "Throughput", "MiB/s", HIGHER_IS_BETTER, false);
        add(WALL_S, "Wall time", "s", LOWER_IS_BETTER, false);
        add(COPY_THROUGHPUT_MIB_S, "Copy throughput", "MiB/s", NEUTRAL, false);
        add(DATASET_BYTES, "Dataset bytes", "B", NEUTRAL, true);
        add(CONNECTION_REUSE, "Connection reuse", "%", HIGHER_IS_BETTER, true);
        add(CONNECTIONS_OPENED, "Connections opened", "", LOWER_IS_BETTER, true);
        add(REQUESTS_TOTAL, "Requests", "", LOWER_IS_BETTER, true);
        add(REQUESTS_PER_MIB, "Requests per MiB", "", LOWER_IS_BETTER, true);
        add(PEAK_INFLIGHT_PER_HOST, "Peak in-flight per host", "", HIGHER_IS_BETTER, true);
        add(RETRIES, "Retries", "", LOWER_IS_BETTER, true);
        add(FAILED_REQUESTS, "Failed requests", "", LOWER_IS_BETTER, true);
        add(ALLOC_BYTES, "Allocated", "B", LOWER_IS_BETTER, true);
        add(ALLOC_BYTES_PER_MIB, "Allocated per MiB", "B", LOWER_IS_BETTER, true);
        add(GC_COUNT, "GC count", "", LOWER_IS_BETTER, false);
        add(GC_PAUSE_MS, "GC pause", "ms", LOWER_IS_BETTER, false);
        add(HEAP_PEAK_MIB, "Heap peak", "MiB", LOWER_IS_BETTER, false);
        add(BLOB_BYTES_COPIED, "Blob bytes copied", "B", NEUTRAL, true);
        add(BYTES_IN, "Bytes in", "B", NEUTRAL, true);
        add(BYTES_OUT, "Bytes out", "B", NEUTRAL, true);
        add(BLOBS_COPIED, "Blobs copied", "", NEUTRAL, true);
        add(BLOBS_SKIPPED, "Blobs skipped", "", NEUTRAL, true);
        add(BLOBS_MOUNTED, "Blobs mounted", "", NEUTRAL, true);
        add(MANIFESTS_COPIED, "Manifests copied", "", NEUTRAL, true);
        add("dataset_compressed_share", "Dataset bytes already compressed", "%", NEUTRAL, true);
        add("h1_requests", "HTTP/1.1 requests (server-side)", "", NEUTRAL, true);
        add("h2_requests", "HTTP/2 streams (server-side)", "", NEUTRAL, true);
        add("h1_connections", "HTTP/1.1 connections (server-side)", "", NEUTRAL, true);
        add("h2_connections", "HTTP/2 connections (server-side)", "", NEUTRAL, true);
    }

    private Metrics() {
    }

    private static void add(String name, String label, String unit, Direction direction, boolean independent) {
        CATALOG.put(name, new MetricInfo(name, label, unit, direction, independent));
    }

    /** The known metric, if the name is in the catalog. */
    public static Optional<MetricInfo> find(String name) {
        return Optional.ofNullable(CATALOG.get(name));
    }

    /** The known metric, or a neutral unit-less entry labelled with the raw name. */
    public static MetricInfo info(String name) {
        if (name.startsWith(Results.LATENCY_PREFIX)) {
            String rest = name.substring(Results.LATENCY_PREFIX.length()).replace('.', ' ');
            return new MetricInfo(name, "Latency " + rest, "ms", LOWER_IS_BETTER, false);
        }
        return CATALOG.getOrDefault(name, new MetricInfo(name, name, "", NEUTRAL, false));
    }

    /** All catalogued metrics in display order. */
    public static Iterable<MetricInfo> all() {
        return CATALOG.values();
    }

    /**
     * The run's metrics plus the derived per-MiB figures when they are absent and
     * {@code blob_bytes_copied} is positive (a re-run copying nothing has no per-MiB figure).
     */
    public static Map<String, Double> derive(Map<String, Double> metrics) {
        Map<String, Double> out = new LinkedHashMap<>(metrics);
        Double copied = metrics.get(BLOB_BYTES_COPIED);
        if (copied != null && copied > 0) {
            double mib = copied / MIB;
            Double requests = metrics.get(REQUESTS_TOTAL);
            if (requests != null) {
                out.putIfAbsent(REQUESTS_PER_MIB, requests / mib);
            }
            Double alloc = metrics.get(ALLOC_BYTES);
            if (alloc != null) {
                out.putIfAbsent(ALLOC_BYTES_PER_MIB, alloc / mib);
            }
        }
        return out;
    }
}
