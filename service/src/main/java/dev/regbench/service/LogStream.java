package dev.regbench.service;

import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One client reading a job's log ({@code GET /jobs/{id}/logs[?follow=true]}): a chunked response
 * written in pieces of at most {@code chunkBytes}, each a read-only view of the shared
 * {@link JobLog} (nothing copied per reader). Without {@code follow} it ends at the current end of
 * the log; with it, it waits for more without holding a thread and ends when the job ends.
 *
 * <p>All writes happen on the exchange's I/O thread, one at a time (the next chunk is taken when
 * the previous one has been written), so a slow reader costs one pending view, not a growing
 * buffer. Not shared: one instance per request.
 */
final class LogStream implements IoCallback {

    private final HttpServerExchange exchange;
    private final Job job;
    private final JobLog log;
    private final boolean follow;
    private final int chunkBytes;
    private final ServiceMetrics metrics;
    private long offset;
    private volatile boolean done;

    LogStream(HttpServerExchange exchange, Job job, boolean follow, int chunkBytes, ServiceMetrics metrics) {
        this.exchange = exchange;
        this.job = job;
        this.log = job.jobLog();
        this.follow = follow;
        this.chunkBytes = chunkBytes;
        this.metrics = metrics;
        this.offset = log.startOffset();
    }

    /** Takes over the exchange: it stays open (dispatched) until the stream ends it. */
    void start() {
        exchange.dispatch(SameThreadExecutor.INSTANCE, this::begin);
    }

    private void begin() {
        metrics.logStreamsOpen.incrementAndGet();
        job.follow();
        exchange.addExchangeCompleteListener((ex, next) -> {
            finish();
            next.proceed();
        });
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
        exchange.getResponseHeaders().put(Headers.X_CONTENT_TYPE_OPTIONS, "nosniff");
        next();
    }

    /** Writes the next chunk, or waits for one, or ends. I/O thread only. */
    private void next() {
        if (done) {
            return;
        }
        long first = log.startOffset();
        if (offset < first) {
            String note = "[regbench: " + (first - offset) + " bytes of log dropped]\n";
            offset = first;
            send(ByteBuffer.wrap(note.getBytes(StandardCharsets.UTF_8)));
            return;
        }
        ByteBuffer chunk = log.slice(offset, chunkBytes);
        if (chunk.hasRemaining()) {
            offset += chunk.remaining();
            send(chunk);
            return;
        }
        boolean closed = log.isClosed();
        if (!follow || closed && offset >= log.endOffset()) {
            exchange.endExchange();
            return;
        }
        if (!log.awaitData(offset, () -> exchange.getIoThread().execute(this::next))) {
            exchange.getIoThread().execute(this::next);
        }
    }

    private void send(ByteBuffer chunk) {
        metrics.logBytesStreamed.add(chunk.remaining());
        exchange.getResponseSender().send(chunk, this);
    }

    @Override
    public void onComplete(HttpServerExchange ex, Sender sender) {
        next();
    }

    @Override
    public void onException(HttpServerExchange ex, Sender sender, IOException exception) {
        finish();
        ex.endExchange();
    }

    private void finish() {
        if (!done) {
            done = true;
            metrics.logStreamsOpen.decrementAndGet();
            job.unfollow();
        }
    }
}
