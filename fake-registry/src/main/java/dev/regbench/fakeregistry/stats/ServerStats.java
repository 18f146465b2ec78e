package dev.regbench.fakeregistry.stats;

import dev.regbench.fakeregistry.http.Route;
import java.nio.channels.Channel;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The fake registry's counters: connections (counted by the accept listener), requests by route
 * and status, body bytes, injected faults and a latency histogram (HdrHistogram, microseconds)
 * per route. Thread-safe and cheap to record into: counters are {@link LongAdder}s and arrays
 * indexed by route and status, histograms are {@link ConcurrentHistogram}s. {@link #reset()}
 * swaps in a fresh window atomically; {@link #connectionsOpen()} is a gauge and is not reset.
 * The peak of requests in progress at once (arrived, not yet completed: the server's view of the
 * client's parallelism on this host) is kept per window.
 */
public final class ServerStats {
    /** 1 hour in microseconds: the largest latency recorded exactly. */
    private static final long MAX_MICROS = 3_600_000_000L;
    private static final Route[] ROUTES = Route.values();

    private final Set<Channel> open = ConcurrentHashMap.newKeySet();
    /** Requests arrived and not yet completed; a gauge, not reset (a request may span a reset). */
    private final AtomicLong inFlight = new AtomicLong();
    private volatile Window window = new Window();

    /** One reset period's counters. */
    private static final class Window {
        final LongAdder connectionsAccepted = new LongAdder();
        final LongAdder requests = new LongAdder();
        final LongAdder completed = new LongAdder();
        /** The most requests in progress at once since this window started. */
        final AtomicLong peakInFlight = new AtomicLong();
        final LongAdder bytesIn = new LongAdder();
        final LongAdder bytesOut = new LongAdder();
        final AtomicLongArray byRoute = new AtomicLongArray(ROUTES.length);
        /** By status; statuses outside 100..599 are counted under 0. */
        final AtomicLongArray byStatus = new AtomicLongArray(600);
        final ConcurrentHashMap<String, LongAdder> faults = new ConcurrentHashMap<>();
        final LongAdder slowClientsClosed = new LongAdder();
        /** Requests (streams, for HTTP/2) by the protocol they arrived in: "h1", "h2". */
        final ConcurrentHashMap<String, LongAdder> requestsByProtocol = new ConcurrentHashMap<>();
        /** Connections that carried a request, by protocol; one upgraded to h2c counts as h2 only. */
        final Set<Object> h1Connections = ConcurrentHashMap.newKeySet();
        final Set<Object> h2Connections = ConcurrentHashMap.newKeySet();
        final Histogram[] latency = new Histogram[ROUTES.length];

        Window() {
            for (int i = 0; i < latency.length; i++) {
                latency[i] = new ConcurrentHistogram(1, MAX_MICROS, 2);
            }
        }
    }

    /** Counts a connection the server just accepted, and tracks it until it closes. */
    public void connectionAccepted(Channel connection) {
        window.connectionsAccepted.increment();
        open.add(connection);
        if (open.size() > 4096) {
            prune();
        }
    }

    /** Connections open now. */
    public long connectionsOpen() {
        prune();
        return open.size();
    }

    private void prune() {
        for (Iterator<Channel> it = open.iterator(); it.hasNext(); ) {
            if (!it.next().isOpen()) {
                it.remove();
            }
        }
    }

    /**
     * Counts a request as it arrives (admin requests should not be counted). Counting on arrival
     * makes {@code requestsTotal} exact by the time the client has its response.
     */
    public void requestArrived(Route route) {
        Window w = window;
        w.requests.increment();
        w.byRoute.incrementAndGet(route.ordinal());
        long now = inFlight.incrementAndGet();
        if (now > w.peakInFlight.get()) {
            w.peakInFlight.accumulateAndGet(now, Math::max);
        }
    }

    /**
     * Notes the protocol a counted request arrived in ({@code HTTP/2.0} → h2, anything else → h1)
     * and on which connection: so every run can show what the server actually spoke, and a
     * variant that asked for HTTP/2 but got HTTP/1.1 can be failed. A connection upgraded to
     * h2c (its first request HTTP/1.1) is counted as h2 once an HTTP/2 stream arrives on it.
     */
    public void protocolSeen(Object connection, String protocol) {
        Window w = window;
        boolean h2 = protocol != null && protocol.startsWith("HTTP/2");
        w.requestsByProtocol.computeIfAbsent(h2 ? H2 : H1, k -> new LongAdder()).increment();
        if (h2) {
            w.h2Connections.add(connection);
            w.h1Connections.remove(connection);
        } else if (!w.h2Connections.contains(connection)) {
            w.h1Connections.add(connection);
        }
    }

    /** Protocol key of HTTP/1.x in {@link StatsSnapshot#requestsByProtocol()}. */
    public static final String H1 = "h1";
    /** Protocol key of HTTP/2 (h2 or h2c). */
    public static final String H2 = "h2";

    /** Records the outcome of a request counted by {@link #requestArrived}: status, latency, body bytes sent. */
    public void requestCompleted(Route route, int status, long latencyNanos, long bytesOut) {
        Window w = window;
        inFlight.decrementAndGet();
        w.completed.increment();
        w.byStatus.incrementAndGet(status >= 100 && status <= 599 ? status : 0);
        if (bytesOut > 0) {
            w.bytesOut.add(bytesOut);
        }
        long micros = Math.max(1, Math.min(MAX_MICROS, latencyNanos / 1000));
        w.latency[route.ordinal()].recordValue(micros);
    }

    /**
     * Waits, at most {@code max}, until every request counted since the last reset has
     * completed. Statuses, latencies and bytes sent are recorded when Undertow ends the
     * exchange, a moment after the client already has its response: a test that reads them
     * right after its last request calls this first. Returns whether all had completed.
     */
    public boolean awaitCompleted(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        Window w = window;
        while (w.completed.sum() < w.requests.sum()) {
            if (System.nanoTime() - deadline > 0 || Thread.currentThread().isInterrupted()) {
                return false;
            }
            LockSupport.parkNanos(100_000);
        }
        return true;
    }

    /** Adds request body bytes read. */
    public void addBytesIn(long bytes) {
        window.bytesIn.add(bytes);
    }

    /** Counts an injected fault of {@code kind} ({@code status503}, {@code reset}, ...) on {@code route}. */
    public void recordFault(Route route, String kind) {
        window.faults.computeIfAbsent(route.key() + "." + kind, k -> new LongAdder()).increment();
    }

    /** Counts a connection closed because its request body came too slowly (or too many did at once). */
    public void slowClientClosed() {
        window.slowClientsClosed.increment();
    }

    /** Starts a new window: every counter but {@link #connectionsOpen()} back to zero. */
    public void reset() {
        window = new Window();
    }

    /** The counters now. */
    public StatsSnapshot snapshot() {
        Window w = window;
        Map<String, Long> byRoute = new TreeMap<>();
        Map<String, LatencySummary> latency = new TreeMap<>();
        for (Route r : ROUTES) {
            long n = w.byRoute.get(r.ordinal());
            if (n > 0) {
                byRoute.put(r.key(), n);
            }
            Histogram h = w.latency[r.ordinal()];
            if (h.getTotalCount() > 0) {
                latency.put(r.key(), LatencySummary.ofMicros(h.copy()));
            }
        }
        Map<Integer, Long> byStatus = new TreeMap<>();
        for (int i = 0; i < w.byStatus.length(); i++) {
            long n = w.byStatus.get(i);
            if (n > 0) {
                byStatus.put(i, n);
            }
        }
        Map<String, Long> faults = new TreeMap<>();
        w.faults.forEach((k, v) -> faults.put(k, v.sum()));
        Map<String, Long> requestsByProtocol = new TreeMap<>();
        w.requestsByProtocol.forEach((k, v) -> requestsByProtocol.put(k, v.sum()));
        Map<String, Long> connectionsByProtocol = new TreeMap<>();
        if (!w.h1Connections.isEmpty()) {
            connectionsByProtocol.put(H1, (long) w.h1Connections.size());
        }
        if (!w.h2Connections.isEmpty()) {
            connectionsByProtocol.put(H2, (long) w.h2Connections.size());
        }
        return new StatsSnapshot(w.connectionsAccepted.sum(), connectionsOpen(), w.requests.sum(), byRoute,
                byStatus, w.bytesIn.sum(), w.bytesOut.sum(), faults, latency, w.peakInFlight.get(),
                w.slowClientsClosed.sum(), requestsByProtocol, connectionsByProtocol);
    }

    /** Route latencies as an enum map (for callers that prefer {@link Route} keys). */
    public Map<Route, LatencySummary> latencyByRoute() {
        Window w = window;
        Map<Route, LatencySummary> result = new EnumMap<>(Route.class);
        for (Route r : ROUTES) {
            result.put(r, LatencySummary.ofMicros(w.latency[r.ordinal()].copy()));
        }
        return result;
    }
}
