package dev.regbench.fakeregistry.faults;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.xnio.XnioExecutor;
import org.xnio.conduits.StreamSinkConduit;

/**
 * A response-body conduit that sends only what the {@link Throttle}'s token buckets grant.
 * Non-blocking writers get 0 from {@code write} and their write-ready callback delayed with
 * {@code executeAfter} on the connection's IO thread (never a sleep there); blocking writers
 * (worker threads) wait in {@link #awaitWritable()}. {@code onThrottled} runs the first time
 * a write of this response is cut short by the buckets.
 *
 * <p>Two rules keep a throttled response from burning its IO thread: a write that the buckets
 * refuse while writes are resumed suspends the socket's write interest and schedules the wake
 * (Undertow's async sender just returns on a 0 write and leaves writes resumed, so a writable
 * socket would otherwise re-fire at once, again and again, each time sending the few bytes
 * refilled since); and every wake is at least {@link #MIN_WAKE_NANOS} away, because XNIO's
 * {@code executeAfter} counts whole milliseconds and runs a sub-millisecond delay immediately.
 *
 * <p>Used by one exchange at a time, like every Undertow conduit; not thread-safe.
 */
final class ThrottlingConduit extends BodyLimitingConduit {
    /** XNIO timers have millisecond granularity; shorter delays would run at once (a spin). */
    static final long MIN_WAKE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Throttle throttle;
    private final Runnable onThrottled;
    private final LongSupplier clock;
    private boolean throttledOnce;
    private boolean resumeWanted;
    private XnioExecutor.Key pendingResume;

    ThrottlingConduit(StreamSinkConduit next, Throttle throttle, Runnable onThrottled) {
        this(next, throttle, onThrottled, System::nanoTime);
    }

    /** With a hand-driven clock (nanoseconds), for tests. */
    ThrottlingConduit(StreamSinkConduit next, Throttle throttle, Runnable onThrottled, LongSupplier clock) {
        super(next);
        this.throttle = throttle;
        this.onThrottled = onThrottled;
        this.clock = clock;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int wanted = src.remaining();
        if (wanted == 0) {
            return next.write(src);
        }
        long granted = take(wanted);
        if (granted == 0) {
            holdResumedWriter();
            return 0;
        }
        int limit = src.limit();
        src.limit(src.position() + (int) granted);
        try {
            int written = next.write(src);
            throttle.giveBack(granted - written);
            return written;
        } finally {
            src.limit(limit);
        }
    }

    @Override
    public long transferFrom(FileChannel src, long position, long count) throws IOException {
        long granted = take(count);
        if (granted == 0) {
            holdResumedWriter();
            return 0;
        }
        long written = next.transferFrom(src, position, granted);
        throttle.giveBack(granted - written);
        return written;
    }

    @Override
    public void resumeWrites() {
        resumeWanted = true;
        long wait = throttle.nanosUntilWritable(clock.getAsLong());
        if (wait == 0) {
            next.resumeWrites();
        } else {
            scheduleResume(wait);
        }
    }

    /**
     * A resumed (listener-driven) writer got nothing from the buckets: stop the socket's write
     * interest until they refill, else the writable socket fires the listener again at once.
     */
    private void holdResumedWriter() {
        if (resumeWanted) {
            scheduleResume(throttle.nanosUntilWritable(clock.getAsLong()));
        }
    }

    private void scheduleResume(long waitNanos) {
        next.suspendWrites();
        if (pendingResume != null) {
            return;
        }
        long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.max(waitNanos, MIN_WAKE_NANOS) + 999_999));
        pendingResume = getWriteThread().executeAfter(() -> {
            pendingResume = null;
            if (resumeWanted) {
                resumeWrites();
            }
        }, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void wakeupWrites() {
        resumeWrites();
    }

    @Override
    public void suspendWrites() {
        resumeWanted = false;
        if (pendingResume != null) {
            pendingResume.remove();
            pendingResume = null;
        }
        next.suspendWrites();
    }

    @Override
    public boolean isWriteResumed() {
        return resumeWanted || next.isWriteResumed();
    }

    @Override
    public void awaitWritable() throws IOException {
        pause(Long.MAX_VALUE);
        next.awaitWritable();
    }

    @Override
    public void awaitWritable(long time, TimeUnit timeUnit) throws IOException {
        long budget = timeUnit.toNanos(time);
        long paused = pause(budget);
        next.awaitWritable(Math.max(0, budget - paused), TimeUnit.NANOSECONDS);
    }

    @Override
    public void terminateWrites() throws IOException {
        if (pendingResume != null) {
            pendingResume.remove();
            pendingResume = null;
        }
        next.terminateWrites();
    }

    /** Blocking mode only (a worker thread): waits until the buckets allow a write. */
    private long pause(long maxNanos) throws IOException {
        long start = System.nanoTime();
        long wait;
        while ((wait = throttle.nanosUntilWritable(clock.getAsLong())) > 0) {
            long elapsed = System.nanoTime() - start;
            if (elapsed >= maxNanos) {
                break;
            }
            LockSupport.parkNanos(Math.min(wait, maxNanos - elapsed));
            if (Thread.interrupted()) {
                throw new InterruptedIOException("interrupted while throttled");
            }
        }
        return System.nanoTime() - start;
    }

    /**
     * Takes what the buckets grant, but never less than a worthwhile write
     * ({@link Throttle#MIN_WAKE_BYTES}, or all that is wanted if less): the buckets refill
     * continuously, so a writer that loops while {@code write} returns more than 0 (Undertow's
     * async sender does) would otherwise get a few bytes per call for the whole response and
     * never give its IO thread back; other connections on that thread would wait for it.
     */
    private long take(long wanted) {
        long granted = throttle.take(wanted, clock.getAsLong());
        if (granted > 0 && granted < Math.min(wanted, Throttle.MIN_WAKE_BYTES)) {
            throttle.giveBack(granted);
            granted = 0;
        }
        if (granted < wanted && !throttledOnce) {
            throttledOnce = true;
            onThrottled.run();
        }
        return granted;
    }
}
