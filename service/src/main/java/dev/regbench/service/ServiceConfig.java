package dev.regbench.service;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link ReplicationService}. Immutable; start from {@link #DEFAULT} and change
 * what you need with the {@code withX} methods.
 *
 * @param port                 TCP port on 127.0.0.1; 0 picks a free one. Default 8080.
 * @param maxRunning           jobs running at once. Default 2: a replication job is I/O heavy and
 *                             already parallel inside, so two keep a small machine busy.
 * @param queueCapacity        jobs waiting to run; a submission beyond it is refused with 503.
 *                             Default 100.
 * @param logRetention         how much of the jobs' logs the store keeps. Default {@link LogRetention#DEFAULT}.
 * @param cacheEnabled         cache-aside for the listings on or off. Default on.
 * @param activeTtl            how long {@code GET /jobs/active} may serve a cached answer. Default 5 s (the seed's).
 * @param failedTtl            the same for {@code GET /jobs/failed}. Default 30 s (the seed's).
 * @param heartbeatInterval    WebSocket ping interval. Default 54 s (the seed's; under common 60 s proxy idle timeouts).
 * @param pongTimeout          a WebSocket with no pong for this long is dropped. Default 60 s.
 * @param writeDeadline        a WebSocket message not written within this is a slow client, dropped. Default 10 s.
 * @param readLimitBytes       largest client WebSocket message; larger closes the socket (1009). Default 512.
 * @param sendQueueLimit       messages queued per WebSocket client before it counts as slow and is dropped.
 *                             Progress of one job is conflated (only the newest waits), so only state
 *                             changes and distinct jobs take room. Default 64.
 * @param maxSubscriptions     jobs one {@code /ws/jobs} socket may watch. Default 100.
 * @param logChunkBytes        bytes per write of a log stream (its bounded buffer). Default 4096 (the seed's).
 * @param logMaxBytes          log bytes kept per job; older output is dropped. Default 8 MiB.
 * @param maxRequestBytes      largest request body. Default 64 KiB.
 * @param ioThreads            Undertow I/O threads (every handler is non-blocking). Default 2.
 * @param socketSendBuffer     SO_SNDBUF of accepted sockets in bytes, 0 = the OS default. Default 0.
 * @param bodyReadTimeout      how long a request body may take to arrive, plus 1 s per KiB received; a
 *                             slower one is answered 408 and its connection closed, so a client trickling
 *                             a body cannot hold a worker thread. Default 10 s (a job is a few hundred bytes).
 * @param maxSlowBodies        request bodies arriving slower than 1 KiB/s read at once (each holds one of
 *                             the 16 worker threads); more are closed as soon as they turn slow. Default 4.
 */
public record ServiceConfig(
        int port,
        int maxRunning,
        int queueCapacity,
        LogRetention logRetention,
        boolean cacheEnabled,
        Duration activeTtl,
        Duration failedTtl,
        Duration heartbeatInterval,
        Duration pongTimeout,
        Duration writeDeadline,
        int readLimitBytes,
        int sendQueueLimit,
        int maxSubscriptions,
        int logChunkBytes,
        long logMaxBytes,
        int maxRequestBytes,
        int ioThreads,
        int socketSendBuffer,
        Duration bodyReadTimeout,
        int maxSlowBodies) {

    public static final ServiceConfig DEFAULT = new ServiceConfig(8080, 2, 100, LogRetention.DEFAULT, true,
            Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(54), Duration.ofSeconds(60),
            Duration.ofSeconds(10), 512, 64, 100, 4096, 8L << 20, 64 << 10, 2, 0, Duration.ofSeconds(10), 4);

    public ServiceConfig {
        check(port >= 0 && port <= 65535, "port", port);
        check(maxRunning >= 1, "maxRunning", maxRunning);
        check(queueCapacity >= 0, "queueCapacity", queueCapacity);
        Objects.requireNonNull(logRetention, "logRetention");
        positive(activeTtl, "activeTtl");
        positive(failedTtl, "failedTtl");
        positive(heartbeatInterval, "heartbeatInterval");
        positive(pongTimeout, "pongTimeout");
        positive(writeDeadline, "writeDeadline");
        check(readLimitBytes >= 16, "readLimitBytes", readLimitBytes);
        check(sendQueueLimit >= 1, "sendQueueLimit", sendQueueLimit);
        check(maxSubscriptions >= 1, "maxSubscriptions", maxSubscriptions);
        check(logChunkBytes >= 64, "logChunkBytes", logChunkBytes);
        check(logMaxBytes >= logChunkBytes, "logMaxBytes", logMaxBytes);
        check(maxRequestBytes >= 1024, "maxRequestBytes", maxRequestBytes);
        check(ioThreads >= 1, "ioThreads", ioThreads);
        check(socketSendBuffer >= 0, "socketSendBuffer", socketSendBuffer);
        positive(bodyReadTimeout, "bodyReadTimeout");
        check(maxSlowBodies >= 0, "maxSlowBodies", maxSlowBodies);
    }

    private static void check(boolean ok, String key, Object value) {
        if (!ok) {
            throw new IllegalArgumentException("service config " + key + ": bad value " + value);
        }
    }

    private static void positive(Duration d, String key) {
        Objects.requireNonNull(d, key);
        check(!d.isNegative() && !d.isZero(), key, d);
    }

    public ServiceConfig withPort(int v) {
        return new ServiceConfig(v, maxRunning, queueCapacity, logRetention, cacheEnabled, activeTtl, failedTtl,
                heartbeatInterval, pongTimeout, writeDeadline, readLimitBytes, sendQueueLimit, maxSubscriptions,
                logChunkBytes, logMaxBytes, maxRequestBytes, ioThreads, socketSendBuffer, bodyReadTimeout, maxSlowBodies);
    }

    public ServiceConfig withJobLimits(int running, int queue) {
        return new ServiceConfig(port, running, queue, logRetention, cacheEnabled, activeTtl, failedTtl,
                heartbeatInterval, pongTimeout, writeDeadline, readLimitBytes, sendQueueLimit, maxSubscriptions,
                logChunkBytes, logMaxBytes, maxRequestBytes, ioThreads, socketSendBuffer, bodyReadTimeout, maxSlowBodies);
    }

    public ServiceConfig withLogRetention(LogRetention v) {
        return new ServiceConfig(port, maxRunning, queueCapacity, v, cacheEnabled, activeTtl, failedTtl,
                heartbeatInterval, pongTimeout, writeDeadline, readLimitBytes, sendQueueLimit, maxSubscriptions,
                logChunkBytes, logMaxBytes, maxRequestBytes, ioThreads, socketSendBuffer, bodyReadTimeout, maxSlowBodies);
    }

    public ServiceConfig withCache(boolean enabled, Duration active, Duration failed) {
        return new ServiceConfig(port, maxRunning, queueCapacity, logRetention, enabled, active, failed,
                heartbeatInterval, pongTimeout, writeDeadline, readLimitBytes, sendQueueLimit, maxSubscriptions,
                logChunkBytes, logMaxBytes, maxRequestBytes, ioThreads, socketSendBuffer, bodyReadTimeout, maxSlowBodies);
    }

    public ServiceConfig withCacheEnabled(boolean enabled) {
        return withCache(enabled, activeTtl, failedTtl);
    }

    public ServiceConfig withHeartbeat(Duration interval, Duration pong, Duration write) {
        return new ServiceConfig(port, maxRunning, queueCapacity, logRetention, cacheEnabled, activeTtl, failedTtl,
                interval, pong, write, readLimitBytes, sendQueueLimit, maxSubscriptions,
                logChunkBytes, logMaxBytes, maxRequestBytes, ioThreads, socketSendBuffer, bodyReadTimeout, maxSlowBodies);
    }

    public ServiceConfig withWebSocketLimits(int readLimit, int sendQueue, int subscriptions) {
        return new ServiceConfig(port, maxRunning, queueCapacity, logRetention, cacheEnabled, activeTtl, failedTtl,
                heartbeatInterval, pongTimeout, writeDeadline, readLimit, sendQueue, subscriptions,
                logChunkBytes, logMaxBytes, maxRequestBytes, ioThreads, socketSendBuffer, bodyReadTimeout, maxSlowBodies);
    }

    public ServiceConfig withLogs(int chunkBytes, long maxBytes) {
        return new ServiceConfig(port, maxRunning, queueCapacity, logRetention, cacheEnabled, activeTtl, failedTtl,
                heartbeatInterval, pongTimeout, writeDeadline, readLimitBytes, sendQueueLimit, maxSubscriptions,
                chunkBytes, maxBytes, maxRequestBytes, ioThreads, socketSendBuffer, bodyReadTimeout, maxSlowBodies);
    }

    public ServiceConfig withSlowBodies(Duration timeout, int maxSlow) {
        return new ServiceConfig(port, maxRunning, queueCapacity, logRetention, cacheEnabled, activeTtl, failedTtl,
                heartbeatInterval, pongTimeout, writeDeadline, readLimitBytes, sendQueueLimit, maxSubscriptions,
                logChunkBytes, logMaxBytes, maxRequestBytes, ioThreads, socketSendBuffer, timeout, maxSlow);
    }

    public ServiceConfig withSocketSendBuffer(int bytes) {
        return new ServiceConfig(port, maxRunning, queueCapacity, logRetention, cacheEnabled, activeTtl, failedTtl,
                heartbeatInterval, pongTimeout, writeDeadline, readLimitBytes, sendQueueLimit, maxSubscriptions,
                logChunkBytes, logMaxBytes, maxRequestBytes, ioThreads, bytes, bodyReadTimeout, maxSlowBodies);
    }
}
