package dev.regbench.harness.jmh;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Seed 001's asynchronous log aggregator, the subject of claim C12: callers put lines into a
 * bounded queue (1000, the seed's {@code LogChannelBuffer}) and return; one writer thread takes
 * up to {@code batchSize} lines, or whatever arrived within {@code maxDelay} of the first, and
 * writes them to the sink with one {@code write} and one {@code flush}. A full queue makes
 * callers wait (back-pressure, nothing unbounded). Thread-safe; {@link #close} drains and stops
 * the writer thread.
 */
final class BatchingLogAggregator implements AutoCloseable {

    private static final String POISON = new String("<close>");

    private final BlockingQueue<String> queue;
    private final OutputStream sink;
    private final int batchSize;
    private final long maxDelayNanos;
    private final Thread writer;
    private final AtomicLong written = new AtomicLong();
    private volatile IOException failure;

    BatchingLogAggregator(OutputStream sink, int batchSize, Duration maxDelay, int queueCapacity) {
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.sink = sink;
        this.batchSize = batchSize;
        this.maxDelayNanos = maxDelay.toNanos();
        this.writer = new Thread(this::drain, "log-aggregator");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Queues one line; waits when the queue is full. */
    void log(String line) throws InterruptedException {
        IOException f = failure;
        if (f != null) {
            throw new UncheckedIOException("log sink failed", f);
        }
        queue.put(line);
    }

    /** Lines written to the sink so far. */
    long written() {
        return written.get();
    }

    @Override
    public void close() throws InterruptedException {
        queue.put(POISON);
        writer.join(TimeUnit.SECONDS.toMillis(10));
    }

    private void drain() {
        List<String> batch = new ArrayList<>(batchSize);
        StringBuilder text = new StringBuilder(batchSize * 128);
        try {
            while (true) {
                String first = queue.take();
                boolean closing = first == POISON;
                if (!closing) {
                    batch.add(first);
                }
                long deadline = System.nanoTime() + maxDelayNanos;
                while (!closing && batch.size() < batchSize) {
                    long left = deadline - System.nanoTime();
                    String next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
                    if (next == null) {
                        break;
                    }
                    if (next == POISON) {
                        closing = true;
                    } else {
                        batch.add(next);
                    }
                }
                if (!batch.isEmpty()) {
                    text.setLength(0);
                    for (String line : batch) {
                        text.append(line).append('\n');
                    }
                    sink.write(text.toString().getBytes(StandardCharsets.UTF_8));
                    sink.flush();
                    written.addAndGet(batch.size());
                    batch.clear();
                }
                if (closing) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            failure = e;
        }
    }
}
