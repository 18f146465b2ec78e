package dev.regbench.service;

import com.github.benmanes.caffeine.cache.Ticker;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Objects;
import org.xnio.Options;

/**
 * The replication job service: REST for jobs, cache-aside listings, WebSocket watches, log
 * streams, Prometheus metrics; served by Undertow on 127.0.0.1 only.
 *
 * <pre>{@code
 * try (ReplicationService service = ReplicationService.builder()
 *         .config(ServiceConfig.DEFAULT.withPort(0))
 *         .runner(new ReplicatorJobRunner())
 *         .start()) {
 *     String url = service.url();   // http://127.0.0.1:PORT
 * }
 * }</pre>
 *
 * Routes: {@code POST /jobs}, {@code GET /jobs/active}, {@code GET /jobs/failed?limit=N},
 * {@code GET|DELETE /jobs/{id}}, {@code GET /jobs/{id}/logs?follow=true}, {@code GET /ws/jobs/{id}},
 * {@code GET /ws/jobs}, {@code GET /metrics}, {@code GET /healthz}. All handlers are non-blocking
 * and run on the I/O threads; jobs run on {@link ServiceConfig#maxRunning()} job threads.
 *
 * <p>Thread-safe. {@link #close()} cancels all jobs and stops every thread and socket it started.
 */
public final class ReplicationService implements AutoCloseable {

    private final Undertow server;
    private final JobScheduler scheduler;
    private final WsEndpoints webSockets;
    private final JobStore store;
    private final ListingCache cache;
    private final ServiceMetrics metrics;
    private final int port;

    private ReplicationService(Builder b) {
        ServiceConfig config = b.config;
        this.metrics = new ServiceMetrics();
        this.store = new JobStore(config.retainedJobs());
        this.cache = new ListingCache(config.cacheEnabled(), config.activeTtl(), config.failedTtl(), b.ticker, b.clock);
        this.scheduler = new JobScheduler(b.runner, store, config.maxRunning(), config.queueCapacity());
        this.webSockets = new WsEndpoints(store, config, metrics);
        JobsApi api = new JobsApi(config, store, scheduler, cache, metrics, new JobRequestParser(b.configs), b.clock);

        RoutingHandler routes = Handlers.routing()
                .post("/jobs", api.submit())
                .get("/jobs/active", api.active())
                .get("/jobs/failed", api.failed())
                .get("/jobs/{id}", api.get())
                .delete("/jobs/{id}", api.cancel())
                .get("/jobs/{id}/logs", api.logs())
                .get("/ws/jobs", webSockets.multiJob())
                .get("/ws/jobs/{id}", webSockets.singleJob())
                .get("/metrics", api.metrics())
                .get("/healthz", api.health())
                .setFallbackHandler(ex -> Http.error(ex, 404, null, "no such resource: " + ex.getRequestPath()))
                .setInvalidMethodHandler(ex -> Http.error(ex, 405, null,
                        ex.getRequestMethod() + " is not allowed on " + ex.getRequestPath()));

        Undertow.Builder builder = Undertow.builder()
                .addHttpListener(config.port(), "127.0.0.1")
                .setIoThreads(config.ioThreads())
                .setWorkerThreads(2) // nothing is dispatched to workers; Undertow wants some
                .setWorkerOption(Options.WORKER_NAME, "regbench-service")
                .setServerOption(UndertowOptions.SHUTDOWN_TIMEOUT, 5000)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, (long) config.maxRequestBytes())
                .setHandler(safe(routes));
        if (config.socketSendBuffer() > 0) {
            builder.setSocketOption(Options.SEND_BUFFER, config.socketSendBuffer());
        }
        this.server = builder.build();
        try {
            server.start();
        } catch (RuntimeException e) {
            scheduler.close();
            throw new IllegalStateException("cannot start the job service on 127.0.0.1:" + config.port() + ": "
                    + e.getMessage(), e);
        }
        this.port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The counters {@code /metrics} shows, as a record. */
    public ServiceStats stats() {
        return metrics.snapshot(store, cache);
    }

    /** Cancels every job, closes every socket and stops the server's threads. */
    @Override
    public void close() {
        scheduler.close();
        webSockets.closeAll();
        server.stop();
    }

    /** Any exception a handler lets through becomes a JSON 500; the service stays up. */
    private static HttpHandler safe(HttpHandler next) {
        return exchange -> {
            try {
                next.handleRequest(exchange);
            } catch (Exception | StackOverflowError e) {
                Http.error(exchange, 500, null, "internal error: " + JobScheduler.describe(e));
            }
        };
    }

    /** Builds and starts a service. Not thread-safe. */
    public static final class Builder {
        private ServiceConfig config = ServiceConfig.DEFAULT;
        private JobRunner runner;
        private ConfigResolver configs = ConfigResolver.builtIn();
        private Ticker ticker = Ticker.systemTicker();
        private Clock clock = Clock.systemUTC();

        public Builder config(ServiceConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** What runs the jobs (required). */
        public Builder runner(JobRunner runner) {
            this.runner = Objects.requireNonNull(runner, "runner");
            return this;
        }

        /** How {@code "config": "name"} is resolved; default {@link ConfigResolver#builtIn()}. */
        public Builder configs(ConfigResolver configs) {
            this.configs = Objects.requireNonNull(configs, "configs");
            return this;
        }

        /** The cache's time source and the listings' age; tests pass a manual one. Default: system. */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /** Wall-clock times of jobs and listings. Default: system UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public ReplicationService start() {
            if (runner == null) {
                throw new IllegalStateException("a JobRunner is required: builder().runner(...)");
            }
            return new ReplicationService(this);
        }
    }
}
