package dev.regbench.service;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.regbench.fakeregistry.server.SlowBodies;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xnio.Options;

/**
 * The replication job service: REST for jobs, cache-aside listings, WebSocket watches, log
 * streams, Prometheus metrics; served by Undertow on 127.0.0.1 only, behind an
 * {@link AccessPolicy} (bearer tokens, Host and Origin checks).
 *
 * <pre>{@code
 * try (ReplicationService service = ReplicationService.builder()
 *         .config(ServiceConfig.DEFAULT.withPort(0))
 *         .runner(new ReplicatorJobRunner())
 *         .dataDir(Path.of("regbench-data"))          // embedded H2; or .database("jdbc:postgresql://...")
 *         .start()) {
 *     String url = service.url();   // http://127.0.0.1:PORT
 * }
 * }</pre>
 *
 * Jobs live in a {@link JobRepository}: embedded H2 in the data directory (one instance), or
 * PostgreSQL shared by several instances, each claiming queued jobs with a lease
 * ({@link JobCoordinator}) and hearing the others' changes by LISTEN/NOTIFY
 * ({@link PgNotificationListener}). Listings are cached in Caffeine (default) or Redis.
 *
 * <p>Routes: {@code POST /jobs}, {@code GET /jobs/active}, {@code GET /jobs/failed?limit=N},
 * {@code GET|DELETE /jobs/{id}}, {@code GET /jobs/{id}/logs?follow=true}, {@code GET /ws/jobs/{id}},
 * {@code GET /ws/jobs}, {@code GET /metrics}, {@code GET /healthz}. Handlers run on worker threads
 * (the store is a database); log streams and WebSockets then continue without holding a thread.
 *
 * <p>Thread-safe. {@link #close()} gives running jobs back to the queue and stops every thread
 * and socket it started.
 */
public final class ReplicationService implements AutoCloseable {

    private final Undertow server;
    private final JobRepository store;
    private final JobCoordinator jobs;
    private final PgNotificationListener listener;
    private final WsEndpoints webSockets;
    private final ListingCache cache;
    private final ServiceMetrics metrics;
    private final String generatedToken;
    private final int port;

    private ReplicationService(Builder b, JdbcJobRepository store) {
        ServiceConfig config = b.config;
        this.store = store;
        this.metrics = new ServiceMetrics();
        ListingCache.Backend backend = !config.cacheEnabled() ? null
                : b.redisUrl != null ? new RedisListingBackend(b.redisUrl, b.redisPrefix, b.redisTimeout, b.clock)
                : new CaffeineListingBackend(b.ticker);
        this.cache = new ListingCache(backend, config.activeTtl(), config.failedTtl(), b.ticker, b.clock);
        JobRequestParser parser = new JobRequestParser(b.configs);
        boolean shared = store.dialect() == JdbcJobRepository.Dialect.POSTGRESQL;
        this.jobs = new JobCoordinator(store, b.runner, parser, config, b.cluster, metrics, b.clock,
                cache::invalidate, !shared);
        this.listener = shared ? new PgNotificationListener(b.jdbcUrl, b.dbUser, b.dbPassword, jobs) : null;
        this.webSockets = new WsEndpoints(jobs, config, metrics);
        JobsApi api = new JobsApi(config, store, jobs, cache, metrics, parser);
        AccessPolicy access = b.access;
        String token = null;
        if (access == null) {
            token = AccessPolicy.randomToken();
            access = AccessPolicy.of(List.of(token));
        }
        this.generatedToken = token;

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
        AccessGuard guard = new AccessGuard(access, metrics, routes);

        Undertow.Builder builder = Undertow.builder()
                .addHttpListener(config.port(), b.bindAddress)
                .setIoThreads(config.ioThreads())
                .setWorkerThreads(16) // handlers query the store; 16 keep 100 polling clients flowing
                .setWorkerOption(Options.WORKER_NAME, "regbench-service")
                .setServerOption(UndertowOptions.SHUTDOWN_TIMEOUT, 5000)
                .setHandler(new SlowBodies(config.bodyReadTimeout(), config.maxSlowBodies(),
                        metrics.slowBodiesClosed::increment).wrap(safe(guard)));
        if (config.socketSendBuffer() > 0) {
            builder.setSocketOption(Options.SEND_BUFFER, config.socketSendBuffer());
        }
        this.server = builder.build();
        try {
            server.start();
        } catch (RuntimeException e) {
            closeInternals();
            throw new IllegalStateException("cannot start the job service on 127.0.0.1:" + config.port() + ": "
                    + e.getMessage(), e);
        }
        this.port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        guard.port(port);
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

    /** The token made at start when no {@link AccessPolicy} was given (embedding, tests). */
    public Optional<String> generatedToken() {
        return Optional.ofNullable(generatedToken);
    }

    /** This instance's name in the store. */
    public String instanceId() {
        return jobs.instanceId();
    }

    /** {@code h2:...} or {@code postgresql://host:port/db}, without credentials. */
    public String storeDescription() {
        return store.describe();
    }

    /** {@code off}, {@code caffeine} or {@code redis}. */
    public String cacheKind() {
        return cache.kind();
    }

    /** The counters {@code /metrics} shows, as a record. */
    public ServiceStats stats() {
        return metrics.snapshot(store, jobs, cache);
    }

    /** Gives running jobs back to the queue, closes every socket and stops the server's threads. */
    @Override
    public void close() {
        jobs.closeLogs();
        webSockets.closeAll();
        server.stop();
        closeInternals();
    }

    /**
     * Stops at once as if the process had been killed: nothing more is written to the store, so
     * running jobs stay RUNNING with their leases (tests of restart and take-over use this).
     */
    void halt() {
        jobs.halt();
        webSockets.closeAll();
        server.stop();
        if (listener != null) {
            listener.close();
        }
        cache.close();
        store.close();
    }

    private void closeInternals() {
        if (listener != null) {
            listener.close();
        }
        jobs.close();
        cache.close();
        store.close();
    }

    /**
     * Runs handlers on a worker thread; a store that cannot be reached becomes 503 with
     * {@code Retry-After}, any other exception a JSON 500. The service stays up.
     */
    private static HttpHandler safe(HttpHandler next) {
        return new HttpHandler() {
            @Override
            public void handleRequest(io.undertow.server.HttpServerExchange exchange) {
                if (exchange.isInIoThread()) {
                    exchange.dispatch(this);
                    return;
                }
                try {
                    next.handleRequest(exchange);
                } catch (StoreUnavailableException e) {
                    exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "2");
                    Http.error(exchange, 503, null, "the job store is unavailable; retry later");
                } catch (Exception | StackOverflowError e) {
                    Http.error(exchange, 500, null, "internal error: " + JobCoordinator.describe(e));
                }
            }
        };
    }

    /** Builds and starts a service. Not thread-safe. */
    public static final class Builder {
        private ServiceConfig config = ServiceConfig.DEFAULT;
        private ClusterConfig cluster = ClusterConfig.DEFAULT;
        private JobRunner runner;
        private ConfigResolver configs = ConfigResolver.builtIn();
        private Ticker ticker = Ticker.systemTicker();
        private Clock clock = Clock.systemUTC();
        private AccessPolicy access;
        private Path dataDir;
        private String jdbcUrl;
        private String dbUser;
        private String dbPassword;
        private int dbPoolSize = 10;
        private String redisUrl;
        private String redisPrefix = "regbench:jobs:";
        private Duration redisTimeout = Duration.ofSeconds(1);
        private String bindAddress = "127.0.0.1";

        public Builder config(ServiceConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Instance id, lease and renewal interval. Default {@link ClusterConfig#DEFAULT}. */
        public Builder cluster(ClusterConfig cluster) {
            this.cluster = Objects.requireNonNull(cluster, "cluster");
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

        /**
         * The address to listen on. Default 127.0.0.1: only a deployment whose clients are on other
         * hosts (a Kubernetes pod behind a Service) binds another, such as {@code 0.0.0.0}; its
         * clients' Host names then go in the access policy's allow-list.
         */
        public Builder bindAddress(String address) {
            this.bindAddress = Objects.requireNonNull(address, "bindAddress");
            return this;
        }

        /** Tokens and browser rules. Default: one random token ({@link #generatedToken()}), loopback hosts. */
        public Builder access(AccessPolicy access) {
            this.access = Objects.requireNonNull(access, "access");
            return this;
        }

        /** Embedded H2 store in {@code dir} (created if missing). Default: a private in-memory H2. */
        public Builder dataDir(Path dir) {
            this.dataDir = Objects.requireNonNull(dir, "dataDir");
            return this;
        }

        /** A JDBC store ({@code jdbc:postgresql://...} for several instances); wins over {@link #dataDir}. */
        public Builder database(String url, String user, String password) {
            this.jdbcUrl = Objects.requireNonNull(url, "url");
            this.dbUser = user;
            this.dbPassword = password;
            return this;
        }

        /** Connections in the store's pool. Default 10. */
        public Builder databasePoolSize(int n) {
            if (n < 2) {
                throw new IllegalArgumentException("database pool size: bad value " + n + " (at least 2)");
            }
            this.dbPoolSize = n;
            return this;
        }

        /** Cache listings in Redis ({@code redis://127.0.0.1:6379}) instead of in-process Caffeine. */
        public Builder redis(String url) {
            this.redisUrl = Objects.requireNonNull(url, "url");
            return this;
        }

        /** Prefix of this service's Redis keys (services sharing a store share it). Default {@code regbench:jobs:}. */
        public Builder redisPrefix(String prefix) {
            this.redisPrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /** How long a Redis lookup may take before the store answers instead. Default 1 s (the seed's). */
        public Builder redisTimeout(Duration timeout) {
            this.redisTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** The cache's time source and the listings' age; tests pass a manual one. Default: system. */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /** Wall-clock times of jobs, leases and listings. Default: system UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Opens the store (migrating its schema) and starts the service.
         *
         * @throws StoreUnavailableException (an {@link IllegalStateException} subclass is not used:
         *         callers tell "database down" apart to exit with its own code) when the store cannot be reached
         */
        public ReplicationService start() {
            if (runner == null) {
                throw new IllegalStateException("a JobRunner is required: builder().runner(...)");
            }
            JdbcJobRepository store;
            if (jdbcUrl != null) {
                store = JdbcJobRepository.open(jdbcUrl, dbUser, dbPassword, dbPoolSize);
            } else if (dataDir != null) {
                try {
                    java.nio.file.Files.createDirectories(dataDir);
                } catch (java.io.IOException e) {
                    throw new IllegalArgumentException("data directory " + dataDir + ": cannot create it (" + e.getMessage() + ")", e);
                }
                store = JdbcJobRepository.embedded(dataDir, dbPoolSize);
                jdbcUrl = null;
            } else {
                store = JdbcJobRepository.inMemory(dbPoolSize);
            }
            try {
                return new ReplicationService(this, store);
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
        }
    }

    /** True when {@code e} (or a cause) says the job store could not be reached. */
    public static boolean isStoreUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StoreUnavailableException) {
                return true;
            }
        }
        return false;
    }
}
