package dev.regbench.engine.stats;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The engine's recorder of what a run did: blobs, manifests, tags, requests per operation with
 * their HdrHistogram latencies, retries, failures and bytes. Called from every worker thread;
 * each call is one or two {@link LongAdder} increments (a request: one counter, one status
 * counter and a {@code Recorder} record; {@code requests_total} is the sum of the operations'),
 * allocation-free once an operation has been seen. {@link #snapshot} can be taken at any time,
 * also while the run is going. Thread-safe.
 *
 * <p>Operation names used by the engine: {@code manifest_get}, {@code manifest_head},
 * {@code manifest_put}, {@code blob_head}, {@code blob_get}, {@code blob_upload},
 * {@code blob_mount}, {@code tags_list}, {@code catalog}, {@code token}, {@code ping}; any other
 * name is accepted and reported as given.
 */
public final class TransferStats {

    /** The operation names of the registry client. */
    public static final String[] OPERATIONS = {"manifest_get", "manifest_head", "manifest_put", "blob_head",
        "blob_get", "blob_upload", "blob_mount", "tags_list", "catalog", "token", "ping"};

    private static final double MIB = 1024.0 * 1024.0;

    private final LongSupplier nanoClock;
    private final LongAdder blobBytesCopied = new LongAdder();
    private final LongAdder blobsCopied = new LongAdder();
    private final LongAdder blobsSkipped = new LongAdder();
    private final LongAdder blobsMounted = new LongAdder();
    private final LongAdder manifestsCopied = new LongAdder();
    private final LongAdder tagsCopied = new LongAdder();
    private final LongAdder tagsSkipped = new LongAdder();
    private final LongAdder tagsFailed = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder failedRequests = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final AtomicLongArray byStatus = new AtomicLongArray(600); // no boxing on the hot path
    private final ConcurrentHashMap<String, OperationStats> operations = new ConcurrentHashMap<>();
    private final AtomicLong startNanos = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong stopNanos = new AtomicLong(Long.MIN_VALUE);

    public TransferStats() {
        this(System::nanoTime);
    }

    /** With a clock for {@code wall_s}, for tests. */
    public TransferStats(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Marks the start of the run (wall time is measured from here); repeated calls restart it. */
    public void start() {
        startNanos.set(nanoClock.getAsLong());
        stopNanos.set(Long.MIN_VALUE);
    }

    /** Marks the end of the run; until then wall time runs on. */
    public void stop() {
        stopNanos.set(nanoClock.getAsLong());
    }

    /** A blob of {@code bytes} was written to the destination. */
    public void blobCopied(long bytes) {
        blobsCopied.increment();
        blobBytesCopied.add(bytes);
    }

    public void blobSkipped() {
        blobsSkipped.increment();
    }

    public void blobMounted() {
        blobsMounted.increment();
    }

    public void manifestCopied() {
        manifestsCopied.increment();
    }

    public void tagCopied() {
        tagsCopied.increment();
    }

    public void tagSkipped() {
        tagsSkipped.increment();
    }

    public void tagFailed() {
        tagsFailed.increment();
    }

    /**
     * One HTTP request that got a response: its operation, status and time to the response
     * (or to the end of the body, as the caller measures). Transport errors without a status are
     * {@link #failure}s only.
     */
    public void request(String operation, int status, long nanos) {
        if (status >= 0 && status < 600) {
            byStatus.incrementAndGet(status);
        }
        op(operation).record(nanos);
    }

    /** One more attempt after a failure. */
    public void retry() {
        retries.increment();
    }

    /** A request of {@code operation} failed for good (after any retries). */
    public void failure(String operation) {
        failedRequests.increment();
        op(operation).failures.increment();
    }

    public void bytesIn(long bytes) {
        bytesIn.add(bytes);
    }

    public void bytesOut(long bytes) {
        bytesOut.add(bytes);
    }

    /**
     * Copies of the cumulative latency histograms in microseconds, keyed by operation name
     * ({@link #OPERATIONS}, plus any other recorded), for HdrHistogram interval logs ({@code .hlog}).
     * Operations with no request have an empty histogram. Each call returns fresh copies the caller
     * owns; thread-safe.
     */
    public Map<String, org.HdrHistogram.Histogram> histograms() {
        Map<String, org.HdrHistogram.Histogram> out = new TreeMap<>();
        operations.forEach((name, s) -> out.put(name, s.histogram()));
        for (String name : OPERATIONS) {
            out.computeIfAbsent(name, k -> OperationStats.emptyHistogram());
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** The figures so far, without connection counts (the transport did not report them). */
    public TransferStatsSnapshot snapshot() {
        return snapshot(null);
    }

    /** The figures so far, with the connections the transport opened. */
    public TransferStatsSnapshot snapshot(long connectionsOpened) {
        return snapshot(Long.valueOf(connectionsOpened));
    }

    private TransferStatsSnapshot snapshot(Long connectionsOpened) {
        Map<String, Long> byRoute = new TreeMap<>();
        Map<String, Long> failedByRoute = new TreeMap<>();
        Map<String, LatencySummary> latency = new TreeMap<>();
        long total = 0;
        for (Map.Entry<String, OperationStats> e : operations.entrySet()) {
            String name = e.getKey();
            OperationStats s = e.getValue();
            long n = s.requests.sum();
            total += n;
            long f = s.failures.sum();
            if (n > 0) {
                byRoute.put(name, n);
                latency.put(name, s.latency());
            }
            if (f > 0) {
                failedByRoute.put(name, f);
            }
        }
        Map<Integer, Long> statuses = new TreeMap<>();
        for (int i = 0; i < byStatus.length(); i++) {
            long n = byStatus.get(i);
            if (n > 0) {
                statuses.put(i, n);
            }
        }
        long bytes = blobBytesCopied.sum();
        double wall = wallSeconds();
        double throughput = wall > 0 ? bytes / MIB / wall : 0.0;
        Double reuse = null;
        if (connectionsOpened != null) {
            reuse = total == 0 ? 0.0 : Math.max(0.0, 1.0 - (double) connectionsOpened / total);
        }
        return new TransferStatsSnapshot(bytes, throughput, wall, total, byRoute, statuses,
                bytesIn.sum(), bytesOut.sum(), retries.sum(), failedRequests.sum(), failedByRoute,
                blobsCopied.sum(), blobsSkipped.sum(), blobsMounted.sum(), manifestsCopied.sum(),
                tagsCopied.sum(), tagsSkipped.sum(), tagsFailed.sum(), connectionsOpened, reuse, latency);
    }

    private double wallSeconds() {
        long start = startNanos.get();
        if (start == Long.MIN_VALUE) {
            return 0.0;
        }
        long stop = stopNanos.get();
        long end = stop == Long.MIN_VALUE ? nanoClock.getAsLong() : stop;
        return Math.max(0, end - start) / 1e9;
    }

    /**
     * The stats of {@code operation}, made on its first request: an operation's histograms are
     * ~30 KB each, and a run uses few of the eleven (a new run's pre-made set was 2.3 MB of a warm
     * 168 MiB copy's 16 MB of allocation).
     */
    private OperationStats op(String operation) {
        OperationStats s = operations.get(operation);
        return s != null ? s : operations.computeIfAbsent(operation, k -> new OperationStats());
    }
}
