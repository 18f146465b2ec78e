package dev.regbench.engine.transport;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The whole-exchange deadline of one request ({@code timeouts.manifest/blob/upload}): when it
 * passes, the abort action runs (the Apache kind cancels the request, which shuts its socket), and
 * the failure the caller sees becomes a {@link SocketTimeoutException} that names the request and
 * the deadline. Thread-safe.
 */
final class Deadline {
    private static final Deadline NONE = new Deadline(null, null, null, new AtomicBoolean());

    private final ScheduledFuture<?> future;
    private final Duration after;
    /** The request, named only when its deadline is reported (a string per request cost ~5% of a run's allocations). */
    private final TransportRequest what;
    private final AtomicBoolean fired;

    private Deadline(ScheduledFuture<?> future, Duration after, TransportRequest what, AtomicBoolean fired) {
        this.future = future;
        this.after = after;
        this.what = what;
        this.fired = fired;
    }

    static Deadline start(Watchdog watchdog, TransportRequest request, Runnable abort) {
        Duration d = request.deadline();
        if (d == null || d.isZero() || d.isNegative()) {
            return NONE;
        }
        AtomicBoolean fired = new AtomicBoolean();
        ScheduledFuture<?> future = watchdog.schedule(() -> {
            fired.set(true);
            abort.run();
        }, d);
        return new Deadline(future, d, request, fired);
    }

    boolean fired() {
        return fired.get();
    }

    void cancel() {
        if (future != null) {
            future.cancel(false);
        }
    }

    /** The exception to throw for {@code e}: a timeout naming the deadline when it fired. */
    IOException translate(Exception e) {
        if (fired()) {
            SocketTimeoutException timeout = new SocketTimeoutException(
                    "deadline of " + after.toMillis() + " ms exceeded: " + what);
            timeout.initCause(e);
            return timeout;
        }
        if (e instanceof IOException io) {
            return io;
        }
        throw (RuntimeException) e;
    }

    /** Wraps a body stream so a read failed by the deadline reports the deadline. */
    InputStream guard(InputStream in) {
        if (future == null) {
            return in;
        }
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (IOException | RuntimeException e) {
                    throw translate(e);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (IOException | RuntimeException e) {
                    throw translate(e);
                }
            }
        };
    }
}
