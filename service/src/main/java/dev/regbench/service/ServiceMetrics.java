package dev.regbench.service;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The service's counters and their Prometheus text rendering ({@code GET /metrics}, text format
 * 0.0.4). Thread-safe (adders and atomics).
 */
final class ServiceMetrics {

    final LongAdder submitted = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder bytesReplicated = new LongAdder();
    final AtomicInteger webSocketsOpen = new AtomicInteger();
    final LongAdder webSocketsOpened = new LongAdder();
    final LongAdder messagesSent = new LongAdder();
    final LongAdder progressConflated = new LongAdder();
    final AtomicInteger logStreamsOpen = new AtomicInteger();
    final LongAdder logBytesStreamed = new LongAdder();
    /** Log lines deleted from the store by the retention sweep ({@link LogRetention}). */
    final LongAdder logLinesPruned = new LongAdder();
    /** Connections closed because their request body came too slowly ({@code SlowBodies}). */
    final LongAdder slowBodiesClosed = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> dropped = new ConcurrentHashMap<>();

    private final ConcurrentHashMap<String, LongAdder> refused = new ConcurrentHashMap<>();

    /** A request refused by the access guard: {@code host}, {@code origin} or {@code token}. */
    void refused(String reason) {
        refused.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    void dropped(String reason) {
        dropped.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    ServiceStats snapshot(JobRepository store, JobCoordinator jobs, ListingCache cache) {
        Map<String, Long> drops = new TreeMap<>();
        dropped.forEach((k, v) -> drops.put(k, v.sum()));
        Map<JobState, Integer> counts;
        try {
            counts = store.countByState();
        } catch (StoreUnavailableException e) {
            counts = Map.of();
        }
        return new ServiceStats(counts, submitted.sum(), rejected.sum(),
                cache.activeCounters.hits.sum(), cache.activeCounters.misses.sum(),
                cache.failedCounters.hits.sum(), cache.failedCounters.misses.sum(),
                cache.activeCounters.fallbacks.sum(), cache.failedCounters.fallbacks.sum(),
                cache.activeCounters.stale.sum() + cache.failedCounters.stale.sum(),
                webSocketsOpen.get(), webSocketsOpened.sum(), Map.copyOf(drops), messagesSent.sum(),
                progressConflated.sum(), logStreamsOpen.get(), logBytesStreamed.sum(), bytesReplicated.sum(),
                jobs.logRetainedBytes());
    }

    String prometheus(ServiceStats s, int running, String cacheKind) {
        StringBuilder b = new StringBuilder(2048);
        help(b, "regbench_jobs", "gauge", "Jobs in the store, by state.");
        s.jobs().forEach((state, n) -> b.append("regbench_jobs{state=\"")
                .append(state.name().toLowerCase(java.util.Locale.ROOT)).append("\"} ").append(n).append('\n'));
        gauge(b, "regbench_jobs_running_threads", "Job threads of this instance busy now.", running);
        counter(b, "regbench_jobs_submitted_total", "Jobs accepted.", s.submitted());
        counter(b, "regbench_jobs_rejected_total", "Submissions refused because the queue was full.", s.rejected());
        help(b, "regbench_cache_hits_total", "counter", "Listing answers served from the cache.");
        b.append("regbench_cache_hits_total{listing=\"active\"} ").append(s.activeHits()).append('\n');
        b.append("regbench_cache_hits_total{listing=\"failed\"} ").append(s.failedHits()).append('\n');
        help(b, "regbench_cache_misses_total", "counter", "Listing answers computed from the jobs.");
        b.append("regbench_cache_misses_total{listing=\"active\"} ").append(s.activeMisses()).append('\n');
        b.append("regbench_cache_misses_total{listing=\"failed\"} ").append(s.failedMisses()).append('\n');
        help(b, "regbench_cache_fallbacks_total", "counter",
                "Listing answers computed from the store because the cache did not answer within its timeout or erred.");
        b.append("regbench_cache_fallbacks_total{listing=\"active\"} ").append(s.activeFallbacks()).append('\n');
        b.append("regbench_cache_fallbacks_total{listing=\"failed\"} ").append(s.failedFallbacks()).append('\n');
        counter(b, "regbench_listings_stale_total",
                "Listings served from the last good answer while the store was unreachable.", s.staleServed());
        help(b, "regbench_cache_backend", "gauge", "The listing cache in use (1 for the one named).");
        b.append("regbench_cache_backend{kind=\"").append(cacheKind).append("\"} 1\n");
        help(b, "regbench_requests_refused_total", "counter", "Requests refused by the access guard, by reason.");
        for (String reason : new String[] {"host", "origin", "token"}) {
            LongAdder n = refused.get(reason);
            b.append("regbench_requests_refused_total{reason=\"").append(reason).append("\"} ")
                    .append(n == null ? 0 : n.sum()).append('\n');
        }
        gauge(b, "regbench_websockets_open", "WebSockets open now.", s.webSocketsOpen());
        counter(b, "regbench_websockets_opened_total", "WebSockets accepted.", s.webSocketsOpened());
        help(b, "regbench_websockets_dropped_total", "counter", "WebSockets closed by the server on a misbehaving client.");
        s.webSocketsDropped().forEach((reason, n) -> b.append("regbench_websockets_dropped_total{reason=\"")
                .append(reason).append("\"} ").append(n).append('\n'));
        counter(b, "regbench_websocket_messages_sent_total", "WebSocket messages written.", s.messagesSent());
        counter(b, "regbench_websocket_progress_conflated_total",
                "Progress events replaced by a newer one before they were sent.", s.progressConflated());
        gauge(b, "regbench_log_streams_open", "Log streams open now.", s.logStreamsOpen());
        counter(b, "regbench_log_bytes_streamed_total", "Log bytes written to clients.", s.logBytesStreamed());
        counter(b, "regbench_bytes_replicated_total", "Blob bytes copied by jobs.", s.bytesReplicated());
        gauge(b, "regbench_log_retained_bytes", "Memory held by job logs.", s.logRetainedBytes());
        counter(b, "regbench_job_log_lines_pruned_total", "Job log lines deleted from the store by retention.",
                logLinesPruned.sum());
        counter(b, "regbench_slow_bodies_closed_total",
                "Connections closed because a request body came too slowly or too many came slowly at once.",
                slowBodiesClosed.sum());
        return b.toString();
    }

    private static void help(StringBuilder b, String name, String type, String help) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void gauge(StringBuilder b, String name, String help, long v) {
        help(b, name, "gauge", help);
        b.append(name).append(' ').append(v).append('\n');
    }

    private static void counter(StringBuilder b, String name, String help, long v) {
        help(b, name, "counter", help);
        b.append(name).append(' ').append(v).append('\n');
    }
}
