package dev.regbench.simulations;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Per-request outcomes of one simulation (or one phase of it), kept by the simulation itself
 * because Gatling 3.15 exports no machine-readable statistics.
 *
 * <p>Each request attempt is recorded once, by {@link RegistryChains}' hooks around the HTTP
 * action: its name, client-side latency (from just before Gatling's HTTP action to just after it,
 * so it includes Gatling's own dispatch, a few microseconds), the status ({@code -1} when no
 * response arrived: reset, refused, timeout) and whether Gatling counted it OK (status and every
 * check). Latencies go into an HdrHistogram in microseconds (3 significant digits) and into
 * one 2-digit histogram per elapsed second, so a simulation can cut the run into windows (the
 * stress levels).
 *
 * <p>Operations (a whole image pull or push) are counted started and succeeded, to give the
 * failure rate a user sees, as opposed to the request failure rate.
 *
 * <p>Thread-safe: Gatling records from its event-loop threads concurrently.
 */
final class RequestRecorder {

    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final String name;
    private final long originNanos;
    private final RequestRecorder parent;
    private final ConcurrentHistogram all = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    private final Map<Long, ConcurrentHistogram> perSecond = new ConcurrentHashMap<>();
    private final Map<Long, LongAdder> failuresPerSecond = new ConcurrentHashMap<>();
    private final Map<String, RequestCounts> byRequest = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final Map<String, LongAdder[]> operations = new ConcurrentHashMap<>();
    private final LongAdder requests = new LongAdder();
    private final LongAdder failures = new LongAdder();
    /** {@link System#currentTimeMillis()} when {@link #originNanos} was taken: turns nano times into epoch ms. */
    private final long originEpochMs = System.currentTimeMillis();
    private final AtomicLong firstStart = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastEnd = new AtomicLong(Long.MIN_VALUE);

    /** A recorder named {@code name} (a simulation or phase) whose clock starts now. */
    RequestRecorder(String name) {
        this(name, System.nanoTime(), null);
    }

    /**
     * A recorder whose per-second windows count from {@code originNanos} ({@link System#nanoTime()})
     * and that also records everything into {@code parent} (a whole run above its phases), if not null.
     */
    RequestRecorder(String name, long originNanos, RequestRecorder parent) {
        this.name = name;
        this.originNanos = originNanos;
        this.parent = parent;
    }

    /** A recorder for one phase of this one: what it records is recorded here too. */
    RequestRecorder phase(String phaseName) {
        return new RequestRecorder(phaseName, originNanos, this);
    }

    /** The simulation or phase name. */
    String name() {
        return name;
    }

    /** {@link System#nanoTime()} at which second 0 of {@link #window} starts. */
    long originNanos() {
        return originNanos;
    }

    /**
     * Records one request attempt.
     *
     * @param request the request's name ({@code manifest}, {@code blob}, …)
     * @param startNanos {@link System#nanoTime()} just before it was sent
     * @param endNanos {@link System#nanoTime()} once Gatling had the outcome
     * @param status the HTTP status, or -1 when no response arrived
     * @param ok whether Gatling counted it OK
     */
    void record(String request, long startNanos, long endNanos, int status, boolean ok) {
        long micros = Math.max(0, (endNanos - startNanos) / 1_000);
        long clamped = Math.min(micros, HIGHEST_MICROS);
        all.recordValue(clamped);
        long second = Math.max(0, (endNanos - originNanos) / 1_000_000_000L);
        perSecond.computeIfAbsent(second, s -> new ConcurrentHistogram(HIGHEST_MICROS, 2)).recordValue(clamped);
        requests.increment();
        if (!ok) {
            failures.increment();
            failuresPerSecond.computeIfAbsent(second, x -> new LongAdder()).increment();
        }
        byRequest.computeIfAbsent(request, r -> new RequestCounts()).add(ok);
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
        firstStart.accumulateAndGet(startNanos, Math::min);
        lastEnd.accumulateAndGet(endNanos, Math::max);
        if (parent != null) {
            parent.record(request, startNanos, endNanos, status, ok);
        }
    }

    /** Counts the start of one {@code operation} (e.g. {@code pull}). */
    void operationStarted(String operation) {
        operationCounters(operation)[0].increment();
        if (parent != null) {
            parent.operationStarted(operation);
        }
    }

    /** Counts one {@code operation} that completed with every request OK. */
    void operationSucceeded(String operation) {
        operationCounters(operation)[1].increment();
        if (parent != null) {
            parent.operationSucceeded(operation);
        }
    }

    private LongAdder[] operationCounters(String operation) {
        return operations.computeIfAbsent(operation, o -> new LongAdder[] {new LongAdder(), new LongAdder()});
    }

    /** Request attempts recorded. */
    long requests() {
        return requests.sum();
    }

    /** Request attempts Gatling counted KO. */
    long failures() {
        return failures.sum();
    }

    /** Seconds from the first request's start to the last one's end; 0 before two records. */
    double activeSeconds() {
        long first = firstStart.get();
        long last = lastEnd.get();
        return last <= first ? 0.0 : (last - first) / 1e9;
    }

    /**
     * Writes the latency histogram of all requests (tag {@code all}, microseconds) as an
     * HdrHistogram interval log covering the active window (first request sent to last answered,
     * epoch ms), so that {@code regbench merge} joins several injectors exactly. Returns the file.
     */
    Path writeHlog(Path file) {
        long first = firstStart.get();
        long last = lastEnd.get();
        long startMs = first == Long.MAX_VALUE ? originEpochMs : originEpochMs + (first - originNanos) / 1_000_000L;
        long endMs = last == Long.MIN_VALUE ? startMs : originEpochMs + (last - originNanos) / 1_000_000L;
        Histogram h = all.copy();
        h.setTag("all");
        h.setStartTimeStamp(startMs);
        h.setEndTimeStamp(Math.max(endMs, startMs + 1));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, "UTF-8")) {
                HistogramLogWriter log = new HistogramLogWriter(out);
                log.outputComment("regbench " + name + "; values in microseconds; tag all = every request attempt");
                log.outputLogFormatVersion();
                log.outputStartTime(startMs);
                log.setBaseTime(startMs);
                log.outputBaseTime(startMs);
                log.outputLegend();
                log.outputIntervalHistogram(h);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the interval log " + file, e);
        }
        return file;
    }

    /** A copy of the latency histogram of all requests, in microseconds. */
    Histogram histogram() {
        return all.copy();
    }

    /**
     * Latencies of requests that ended in seconds {@code [fromSecond, toSecond)} after the origin,
     * merged (2 significant digits), in microseconds.
     */
    Histogram window(long fromSecond, long toSecond) {
        Histogram merged = new Histogram(HIGHEST_MICROS, 2);
        for (long s = fromSecond; s < toSecond; s++) {
            ConcurrentHistogram h = perSecond.get(s);
            if (h != null) {
                merged.add(h);
            }
        }
        return merged;
    }

    /** Failed attempts that ended in seconds {@code [fromSecond, toSecond)} after the origin. */
    long failuresIn(long fromSecond, long toSecond) {
        long sum = 0;
        for (long s = fromSecond; s < toSecond; s++) {
            LongAdder f = failuresPerSecond.get(s);
            sum += f == null ? 0 : f.sum();
        }
        return sum;
    }

    /** Requests and failures per request name, sorted by name. */
    Map<String, long[]> byRequest() {
        Map<String, long[]> out = new TreeMap<>();
        byRequest.forEach((k, v) -> out.put(k, new long[] {v.count.sum(), v.failures.sum()}));
        return out;
    }

    /** Attempts per HTTP status ({@code -1}: no response), sorted. */
    Map<Integer, Long> byStatus() {
        Map<Integer, Long> out = new TreeMap<>();
        byStatus.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Per operation: {started, succeeded}, sorted by name. */
    Map<String, long[]> operations() {
        Map<String, long[]> out = new TreeMap<>();
        operations.forEach((k, v) -> out.put(k, new long[] {v[0].sum(), v[1].sum()}));
        return out;
    }

    private static final class RequestCounts {
        final LongAdder count = new LongAdder();
        final LongAdder failures = new LongAdder();

        void add(boolean ok) {
            count.increment();
            if (!ok) {
                failures.increment();
            }
        }
    }
}
