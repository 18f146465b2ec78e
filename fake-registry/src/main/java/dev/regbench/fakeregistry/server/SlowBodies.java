package dev.regbench.fakeregistry.server;

import io.undertow.server.ConduitWrapper;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.ConduitFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.StreamSourceConduit;

/**
 * Keeps slow request bodies from holding the worker threads, in the manner of Apache's
 * {@code mod_reqtimeout} ({@code body=T,MinRate=R}): a body must arrive within
 * {@code timeout} plus one second per {@value #MIN_RATE} bytes received; and a body that, after
 * {@value #GRACE_MILLIS} ms, arrives slower than {@value #MIN_RATE} bytes/s counts as slow, of
 * which at most {@code maxSlow} may be read at once. A body over either limit fails its read
 * with an {@link IOException} naming the limit (the handler answers and the connection is
 * closed: it is marked not persistent) and is reported through {@code onClosed}. Trickling a
 * byte now and then does not escape the deadline; a blocked read wakes at least every
 * {@value #POLL_MILLIS} ms to check it.
 *
 * <p>Thread-safe: the permits are shared, each conduit belongs to one request.
 */
public final class SlowBodies {
    /** Bytes per second below which a body is slow; each such many bytes extend the deadline by 1 s. */
    public static final long MIN_RATE = 1024;
    /** A body is judged slow only after this long. */
    public static final long GRACE_MILLIS = 1000;
    private static final long POLL_MILLIS = 200;

    private final long timeoutNanos;
    private final int maxSlow;
    private final Semaphore slowPermits;
    private final Runnable onClosed;

    /**
     * @param timeout  the base time a body may take (plus 1 s per {@link #MIN_RATE} bytes received)
     * @param maxSlow  slow bodies read at once; more are closed as soon as they turn slow
     * @param onClosed called once for each body closed for being slow
     */
    public SlowBodies(Duration timeout, int maxSlow, Runnable onClosed) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("bodyReadTimeout must be positive, got " + timeout);
        }
        if (maxSlow < 0) {
            throw new IllegalArgumentException("maxSlowBodies must be >= 0, got " + maxSlow);
        }
        this.timeoutNanos = timeout.toNanos();
        this.maxSlow = maxSlow;
        this.slowPermits = new Semaphore(maxSlow);
        this.onClosed = onClosed;
    }

    /** Slow bodies being read now. */
    public int slowNow() {
        return maxSlow - slowPermits.availablePermits();
    }

    /** {@code next} with every request body read through these limits. */
    public HttpHandler wrap(HttpHandler next) {
        ConduitWrapper<StreamSourceConduit> wrapper = this::conduit;
        return exchange -> {
            if (!exchange.isRequestComplete()) {
                exchange.addRequestWrapper(wrapper);
            }
            next.handleRequest(exchange);
        };
    }

    private StreamSourceConduit conduit(ConduitFactory<StreamSourceConduit> factory, HttpServerExchange exchange) {
        return new Guarded(factory.create(), exchange);
    }

    /** One request body's reads. */
    private final class Guarded extends AbstractStreamSourceConduit<StreamSourceConduit> {
        private final HttpServerExchange exchange;
        private long startNanos;
        private long bytes;
        private volatile boolean permit; // written under this
        private boolean done; // guarded by this
        private volatile String failure;

        Guarded(StreamSourceConduit next, HttpServerExchange exchange) {
            super(next);
            this.exchange = exchange;
            // a body left unread (an error answered early) gives its slow permit back with the exchange
            exchange.addExchangeCompleteListener((ex, nextListener) -> {
                finish();
                nextListener.proceed();
            });
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            failIfFailed();
            return counted(next.read(dst));
        }

        @Override
        public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
            failIfFailed();
            return counted(next.read(dsts, offs, len));
        }

        @Override
        public long transferTo(long position, long count, FileChannel target) throws IOException {
            failIfFailed();
            return counted(next.transferTo(position, count, target));
        }

        @Override
        public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
            failIfFailed();
            return counted(next.transferTo(count, throughBuffer, target));
        }

        @Override
        public void awaitReadable() throws IOException {
            next.awaitReadable(POLL_MILLIS, TimeUnit.MILLISECONDS);
        }

        @Override
        public void awaitReadable(long time, TimeUnit timeUnit) throws IOException {
            next.awaitReadable(Math.min(timeUnit.toMillis(time), POLL_MILLIS), TimeUnit.MILLISECONDS);
        }

        @Override
        public void terminateReads() throws IOException {
            finish();
            next.terminateReads();
        }

        /** Counts what a read returned; a read that found nothing (the client has not sent more yet) is checked. */
        private long counted(long n) throws IOException {
            if (n > 0) {
                bytes += n;
            } else if (n < 0) {
                finish();
            } else {
                check();
            }
            return n;
        }

        private int counted(int n) throws IOException {
            counted((long) n);
            return n;
        }

        private void failIfFailed() throws IOException {
            String failed = failure;
            if (failed != null) {
                throw new IOException(failed);
            }
        }

        /**
         * Judges the body while the reader waits for more of it. Time counts from when the
         * request arrived (its headers were parsed), so a slow body that waited for a worker is
         * judged at once; a body that is already all there never waits, so it is never slow.
         */
        private void check() throws IOException {
            if (startNanos == 0) {
                long arrived = exchange.getRequestStartTime();
                startNanos = arrived > 0 ? arrived : System.nanoTime();
            }
            synchronized (this) {
                if (done) {
                    return;
                }
            }
            long now = System.nanoTime();
            long elapsed = now - startNanos;
            long allowed = timeoutNanos + bytes * 1_000_000_000L / MIN_RATE;
            if (elapsed > allowed) {
                fail("request body too slow: " + bytes + " bytes in " + TimeUnit.NANOSECONDS.toMillis(elapsed)
                        + " ms (allowed: the body read timeout of " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos)
                        + " ms plus 1 s per " + MIN_RATE + " bytes)");
            }
            if (!permit && elapsed > TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS)
                    && bytes * 1_000_000_000L < MIN_RATE * elapsed) {
                if (!slowPermits.tryAcquire()) {
                    fail("request body too slow: " + bytes + " bytes in " + TimeUnit.NANOSECONDS.toMillis(elapsed)
                            + " ms while " + maxSlow + " other slow bodies are being read (the limit)");
                }
                boolean keep;
                synchronized (this) {
                    keep = !done;
                    permit = keep;
                }
                if (!keep) {
                    slowPermits.release();
                }
            }
        }

        private void fail(String message) throws IOException {
            failure = message;
            finish();
            exchange.setPersistent(false);
            onClosed.run();
            throw new IOException(message);
        }

        private synchronized void finish() {
            if (!done) {
                done = true;
                if (permit) {
                    permit = false;
                    slowPermits.release();
                }
            }
        }
    }
}
