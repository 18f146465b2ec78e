package dev.regbench.engine.stats;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counters and latency histogram of one operation type ({@code blob_get}, ...). Recording is
 * wait-free and allocation-free ({@link Recorder} + {@link LongAdder}); {@link #latency()} drains
 * the recorder into a cumulative histogram under this object's lock. Thread-safe.
 *
 * <p>Latencies are kept in microseconds with 2 significant digits (1% precision) up to one hour:
 * plenty for percentiles in milliseconds, and about 30 KB per histogram instead of the ~190 KB
 * that 3 digits would cost (a Recorder holds two, plus the cumulative one).
 */
final class OperationStats {

    static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    final LongAdder requests = new LongAdder();
    final LongAdder failures = new LongAdder();
    private final Recorder recorder = new Recorder(HIGHEST_MICROS, 2);
    private final Histogram total = emptyHistogram();
    private Histogram interval;

    /** An empty latency histogram of the range and precision every operation uses. */
    static Histogram emptyHistogram() {
        return new Histogram(HIGHEST_MICROS, 2);
    }

    void record(long nanos) {
        requests.increment();
        long micros = nanos / 1000;
        recorder.recordValue(micros < 1 ? 1 : Math.min(micros, HIGHEST_MICROS));
    }

    synchronized LatencySummary latency() {
        drain();
        return LatencySummary.ofMicros(total);
    }

    /** A copy of the cumulative histogram (microseconds), after draining what was recorded since. */
    synchronized Histogram histogram() {
        drain();
        return total.copy();
    }

    private void drain() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
    }
}
