package dev.regbench.service;

import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * One WebSocket watcher: the jobs it watches and a bounded queue of messages waiting for its
 * socket. Jobs hand it events with {@link #offer}, which never blocks: a newer progress event of a
 * job replaces one still waiting (conflation), other messages take a slot, and a client whose
 * queue is full, whose write has not finished within the write deadline, or who has not answered
 * pings within the pong timeout is dropped (socket closed) without slowing anyone else.
 *
 * <p>One message is in flight at a time; writes and timers run on the socket's XNIO I/O thread.
 * Thread-safe: the queue and flags are guarded by this object's monitor.
 */
final class WatchSession implements Consumer<JobEvent> {

    /** What a client's text messages mean; the per-job socket ignores them, the multi-job one parses them. */
    interface MessageHandler {
        void onMessage(WatchSession client, String text);
    }

    /** A queued message; a progress slot's event may be replaced until it is sent. */
    private static final class Slot {
        JobEvent event;
        final String text;

        Slot(JobEvent event, String text) {
            this.event = event;
            this.text = text;
        }

        String json() {
            return event != null ? event.json() : text;
        }
    }

    private final WebSocketChannel channel;
    private final ServiceConfig config;
    private final ServiceMetrics metrics;
    private final boolean closeOnFinal;
    private final MessageHandler handler;
    private final java.util.Set<WatchSession> open;

    private final ArrayDeque<Slot> queue = new ArrayDeque<>();
    private final Map<String, Slot> pendingProgress = new HashMap<>();
    private final Map<String, Job> watched = new LinkedHashMap<>();
    private boolean inFlight;
    private long inFlightSince;
    private boolean pumpScheduled;
    private boolean closed;
    private volatile long lastHeardNanos = System.nanoTime();
    private volatile long lastPingNanos = System.nanoTime();
    private XnioExecutor.Key ticker;

    /**
     * @param closeOnFinal close the socket (1000) after sending a job's final state: the per-job socket
     */
    WatchSession(WebSocketChannel channel, ServiceConfig config, ServiceMetrics metrics, boolean closeOnFinal,
             MessageHandler handler, java.util.Set<WatchSession> open) {
        this.open = open;
        this.channel = channel;
        this.config = config;
        this.metrics = metrics;
        this.closeOnFinal = closeOnFinal;
        this.handler = handler;
    }

    /** Starts reading, the heartbeat timer and the bookkeeping on close. */
    void start() {
        metrics.webSocketsOpen.incrementAndGet();
        metrics.webSocketsOpened.increment();
        open.add(this);
        channel.addCloseTask(ch -> onClosed());
        long tick = Math.max(10, Math.min(config.heartbeatInterval().toMillis(),
                Math.min(config.pongTimeout().toMillis(), config.writeDeadline().toMillis())) / 4);
        ticker = channel.getIoThread().executeAtInterval(this::tick, tick, TimeUnit.MILLISECONDS);
        channel.getReceiveSetter().set(new Receiver());
        channel.resumeReceives();
    }

    /** Watches {@code job}: sends its snapshot now, then its events. */
    void watch(Job job) {
        synchronized (this) {
            if (closed || watched.containsKey(job.id())) {
                return;
            }
            watched.put(job.id(), job);
        }
        job.addWatcher(this);
        accept(job.event(JobEvent.SNAPSHOT));
    }

    /** Stops watching the job; true when it was watched. */
    boolean unwatch(String jobId) {
        Job job;
        synchronized (this) {
            job = watched.remove(jobId);
            Slot s = pendingProgress.remove(jobId);
            if (s != null) {
                queue.remove(s);
            }
        }
        if (job != null) {
            job.removeWatcher(this);
        }
        return job != null;
    }

    synchronized int watchedCount() {
        return watched.size();
    }

    synchronized boolean isWatching(String jobId) {
        return watched.containsKey(jobId);
    }

    /** Queues a job event (called on the job's thread; never blocks). */
    @Override
    public void accept(JobEvent event) {
        offer(event, null);
    }

    /** Queues a reply that is not a job event (subscription acknowledgements, errors). */
    void reply(String json) {
        offer(null, json);
    }

    private void offer(JobEvent event, String text) {
        boolean schedule;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (event != null && event.isProgress()) {
                Slot waiting = pendingProgress.get(event.getJob());
                if (waiting != null) {
                    waiting.event = event;
                    metrics.progressConflated.increment();
                    return;
                }
            }
            if (queue.size() >= config.sendQueueLimit()) {
                schedule = false;
            } else {
                Slot slot = new Slot(event, text);
                queue.addLast(slot);
                if (event != null) {
                    if (event.isProgress()) {
                        pendingProgress.put(event.getJob(), slot);
                    } else {
                        pendingProgress.remove(event.getJob()); // later progress must queue behind this
                    }
                }
                schedule = !inFlight && !pumpScheduled;
                if (schedule) {
                    pumpScheduled = true;
                }
                event = null;
                text = null;
            }
        }
        if (event != null || text != null) {
            drop("send_queue_full");
        } else if (schedule) {
            channel.getIoThread().execute(this::pump);
        }
    }

    /** Sends the next queued message if none is in flight. I/O thread only. */
    private void pump() {
        Slot next;
        synchronized (this) {
            pumpScheduled = false;
            if (closed || inFlight) {
                return;
            }
            next = queue.pollFirst();
            if (next == null) {
                return;
            }
            if (next.event != null && pendingProgress.get(next.event.getJob()) == next) {
                pendingProgress.remove(next.event.getJob());
            }
            inFlight = true;
            inFlightSince = System.nanoTime();
        }
        JobEvent event = next.event;
        WebSockets.sendText(next.json(), channel, new WebSocketCallback<Void>() {
            @Override
            public void complete(WebSocketChannel ch, Void context) {
                metrics.messagesSent.increment();
                synchronized (WatchSession.this) {
                    inFlight = false;
                }
                if (event != null && event.isFinal()) {
                    finished(event.getJob());
                }
                pump();
            }

            @Override
            public void onError(WebSocketChannel ch, Void context, Throwable throwable) {
                drop("write_error");
            }
        });
    }

    /** After a job's final state went out: the per-job socket closes, the multi-job one forgets the job. */
    private void finished(String jobId) {
        unwatch(jobId);
        if (closeOnFinal) {
            closeNormally("job ended");
        }
    }

    /** Heartbeat and deadlines, every quarter of the shortest of them. I/O thread. */
    private void tick() {
        long now = System.nanoTime();
        boolean stuck;
        synchronized (this) {
            if (closed) {
                return;
            }
            stuck = inFlight && now - inFlightSince > config.writeDeadline().toNanos();
        }
        if (stuck) {
            drop("write_deadline");
        } else if (now - lastHeardNanos > config.pongTimeout().toNanos()) {
            drop("heartbeat_timeout");
        } else if (now - lastPingNanos >= config.heartbeatInterval().toNanos()) {
            lastPingNanos = now;
            WebSockets.sendPing(ByteBuffer.allocate(0), channel, new WebSocketCallback<Void>() {
                @Override
                public void complete(WebSocketChannel ch, Void context) {
                }

                @Override
                public void onError(WebSocketChannel ch, Void context, Throwable throwable) {
                    drop("write_error");
                }
            });
        }
    }

    /** Closes the socket on a misbehaving client and counts why. */
    void drop(String reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        metrics.dropped(reason);
        IoUtils.safeClose(channel);
    }

    private void closeNormally(String reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        WebSockets.sendClose(new CloseMessage(CloseMessage.NORMAL_CLOSURE, reason), channel, new WebSocketCallback<Void>() {
            @Override
            public void complete(WebSocketChannel ch, Void context) {
            }

            @Override
            public void onError(WebSocketChannel ch, Void context, Throwable throwable) {
                IoUtils.safeClose(ch);
            }
        });
        // a peer that never answers the close frame is cut off after the write deadline
        channel.getIoThread().executeAfter(() -> IoUtils.safeClose(channel),
                config.writeDeadline().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void onClosed() {
        List<Job> jobs;
        synchronized (this) {
            closed = true;
            queue.clear();
            pendingProgress.clear();
            jobs = List.copyOf(watched.values());
            watched.clear();
        }
        for (Job j : jobs) {
            j.removeWatcher(this);
        }
        if (ticker != null) {
            ticker.remove();
        }
        if (open.remove(this)) {
            metrics.webSocketsOpen.decrementAndGet();
        }
    }

    /** Closes the socket at shutdown (not counted as a drop). */
    void shutdown() {
        synchronized (this) {
            closed = true;
        }
        IoUtils.safeClose(channel);
    }

    /** Reads client frames: text goes to the handler, pongs (and any frame) prove the client alive. */
    private final class Receiver extends AbstractReceiveListener {
        @Override
        protected long getMaxTextBufferSize() {
            return config.readLimitBytes();
        }

        @Override
        protected long getMaxBinaryBufferSize() {
            return config.readLimitBytes();
        }

        @Override
        protected void onFullTextMessage(WebSocketChannel ch, BufferedTextMessage message) {
            lastHeardNanos = System.nanoTime();
            handler.onMessage(WatchSession.this, message.getData());
        }

        @Override
        protected void onFullBinaryMessage(WebSocketChannel ch, BufferedBinaryMessage message) {
            lastHeardNanos = System.nanoTime();
            message.getData().free();
            reply("{\"type\":\"error\",\"error\":\"binary messages are not understood; send JSON text\"}");
        }

        @Override
        protected void onFullPongMessage(WebSocketChannel ch, BufferedBinaryMessage message) {
            lastHeardNanos = System.nanoTime();
            message.getData().free();
        }

        @Override
        protected void onFullPingMessage(WebSocketChannel ch, BufferedBinaryMessage message) throws java.io.IOException {
            lastHeardNanos = System.nanoTime();
            super.onFullPingMessage(ch, message);
        }

        @Override
        protected void onError(WebSocketChannel ch, Throwable error) {
            String m = String.valueOf(error.getMessage()).toLowerCase(java.util.Locale.ROOT);
            drop(m.contains("too big") || m.contains("too large") || m.contains("size") ? "read_limit" : "read_error");
        }
    }
}
