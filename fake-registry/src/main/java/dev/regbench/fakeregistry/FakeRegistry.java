package dev.regbench.fakeregistry;

import dev.regbench.fakeregistry.auth.AuthConfig;
import dev.regbench.fakeregistry.auth.TokenService;
import dev.regbench.fakeregistry.dataset.Dataset;
import dev.regbench.fakeregistry.dataset.SeedResult;
import dev.regbench.fakeregistry.faults.FaultController;
import dev.regbench.fakeregistry.faults.FaultProfile;
import dev.regbench.fakeregistry.faults.NetworkProfile;
import dev.regbench.fakeregistry.http.Limits;
import dev.regbench.fakeregistry.server.RegistryServer;
import dev.regbench.fakeregistry.server.SelfSignedCertificate;
import dev.regbench.fakeregistry.server.SlowBodies;
import dev.regbench.fakeregistry.stats.ServerStats;
import dev.regbench.fakeregistry.stats.StatsSnapshot;
import dev.regbench.fakeregistry.storage.Digest;
import dev.regbench.fakeregistry.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * An embedded fake OCI registry: OCI Distribution v1.1 on Undertow, bound to 127.0.0.1, with
 * a synthetic dataset, network and fault emulation, optional token auth, TLS and HTTP/2, and
 * server-side stats. Start one with {@link #builder()}; {@link #close()} frees every thread
 * and socket.
 *
 * <pre>{@code
 * try (FakeRegistry reg = FakeRegistry.builder().dataset("tiny").start()) {
 *     URI base = URI.create(reg.url());
 * }
 * }</pre>
 *
 * Thread-safe.
 */
public final class FakeRegistry implements AutoCloseable {
    /** {@link Builder#bodyReadTimeout}'s default. */
    public static final Duration DEFAULT_BODY_READ_TIMEOUT = Duration.ofSeconds(30);
    private final RegistryServer server;
    private final Storage storage;
    private final ServerStats stats;
    private final FaultController controls;
    private final SeedResult seeded;
    private final TokenService tokens;
    private final Path caCertificate;
    private final String scheme;
    private final RegistryServer adminServer;
    private final String adminToken;
    private boolean closed;

    FakeRegistry(RegistryServer server, Storage storage, ServerStats stats, FaultController controls,
                 SeedResult seeded, TokenService tokens, Path caCertificate, RegistryServer adminServer, String adminToken) {
        this.server = server;
        this.adminServer = adminServer;
        this.adminToken = adminToken;
        this.storage = storage;
        this.stats = stats;
        this.controls = controls;
        this.seeded = seeded;
        this.tokens = tokens;
        this.caCertificate = caCertificate;
        this.scheme = caCertificate != null ? "https" : "http";
    }

    /** A builder with the defaults: no dataset, loopback network, no faults, no auth, memory, plain HTTP/1.1. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:PORT} ({@code https://} with TLS). */
    public String url() {
        return scheme + "://" + host();
    }

    /** {@code 127.0.0.1:PORT}, as in image references. */
    public String host() {
        return "127.0.0.1:" + port();
    }

    public int port() {
        return server.port();
    }

    /** What the dataset seeded (empty without a dataset). */
    public SeedResult seeded() {
        return seeded;
    }

    /**
     * Where the admin API ({@code /_regbench/stats}, {@code /_regbench/faults}) answers: this
     * registry's {@link #url()}, or {@code http://127.0.0.1:PORT} of its own port when
     * {@link Builder#adminPort} gave it one.
     */
    public String adminUrl() {
        return adminServer == null ? url() : "http://127.0.0.1:" + adminServer.port();
    }

    /**
     * The bearer token the admin API requires ({@code Authorization: Bearer <token>}); empty when
     * it is open. A registry with token auth always has one (random unless
     * {@link Builder#adminToken} set it).
     */
    public Optional<String> adminToken() {
        return Optional.ofNullable(adminToken);
    }

    /** The counters now. */
    public StatsSnapshot stats() {
        return stats.snapshot();
    }

    /**
     * The counters once every request received so far has completed (waiting at most 5 s):
     * statuses, latencies and bytes sent are recorded a moment after the client has its
     * response, so read them through this after the last request.
     */
    public StatsSnapshot settledStats() {
        stats.awaitCompleted(Duration.ofSeconds(5));
        return stats.snapshot();
    }

    /** Zeroes every counter but open connections. */
    public void resetStats() {
        stats.reset();
    }

    /** The live counters (for decorators and tests). */
    public ServerStats serverStats() {
        return stats;
    }

    /** Changes network and fault profiles while running. */
    public FaultController controls() {
        return controls;
    }

    /** The token service (auth off: passes everything through; {@code /token} answers 404). */
    public TokenService tokens() {
        return tokens;
    }

    public Storage storage() {
        return storage;
    }

    /** The PEM file of the CA that signed the server certificate (present with TLS). */
    public Optional<Path> caCertificate() {
        return Optional.ofNullable(caCertificate);
    }

    /** Stops the listener, closes every connection, ends every thread, frees the storage. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            controls.close();
        } finally {
            try {
                if (adminServer != null) {
                    adminServer.close();
                }
                server.close();
            } finally {
                try {
                    storage.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot close the registry storage", e);
                } finally {
                    if (caCertificate != null) {
                        caCertificate.toFile().delete();
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return "FakeRegistry[" + url() + "]";
    }

    /** Configures and starts a {@link FakeRegistry}. Not thread-safe; one start per builder use. */
    public static final class Builder {
        private Dataset dataset;
        private NetworkProfile network = NetworkProfile.loopback();
        private FaultProfile faults = FaultProfile.none();
        private AuthConfig auth = AuthConfig.none();
        private Path storageDir;
        private boolean tls;
        private boolean http2;
        private int port;
        private long maxUploadBytes = Limits.DEFAULT_MAX_UPLOAD;
        private long maxManifestBytes = Limits.DEFAULT_MAX_MANIFEST;
        private int ioThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
        private int workerThreads = Math.max(16, 8 * Runtime.getRuntime().availableProcessors());
        private int adminPort = -1;
        private String bindAddress = RegistryServer.LOOPBACK;
        private String adminToken;
        private Duration bodyReadTimeout = DEFAULT_BODY_READ_TIMEOUT;
        private int maxSlowBodies = -1;

        Builder() {
        }

        /**
         * The address the registry port listens on. Default 127.0.0.1; a deployment whose clients
         * are on other hosts (a Kubernetes pod behind a Service) binds {@code 0.0.0.0}. The admin
         * API's own port ({@link #adminPort}) always stays on 127.0.0.1.
         */
        public Builder bindAddress(String address) {
            this.bindAddress = java.util.Objects.requireNonNull(address, "bindAddress");
            return this;
        }

        /**
         * Gives the admin API a listener of its own on 127.0.0.1 ({@code 0}: a free port; plain
         * HTTP); the registry port then answers {@code 404} under {@code /_regbench/}. Default
         * ({@code -1}): the admin API shares the registry port.
         */
        public Builder adminPort(int port) {
            if (port < -1 || port > 65535) {
                throw new IllegalArgumentException("adminPort must be -1 (the registry port), 0 (a free port) or 1..65535, got "
                        + port);
            }
            this.adminPort = port;
            return this;
        }

        /**
         * The bearer token the admin API requires. Default: none, so the admin API is open, unless
         * token auth is on: then a random token is made at start ({@link FakeRegistry#adminToken()}),
         * so the admin API is never open on a registry that protects its {@code /v2} API.
         */
        public Builder adminToken(String token) {
            if (token != null && token.isBlank()) {
                throw new IllegalArgumentException("adminToken must not be blank");
            }
            this.adminToken = token;
            return this;
        }

        /**
         * How long a request body may take: this plus 1 s per {@value SlowBodies#MIN_RATE} bytes
         * received; slower bodies fail and their connection is closed (counted as
         * {@code slowClientsClosed}). Default: 30 s.
         */
        public Builder bodyReadTimeout(Duration timeout) {
            this.bodyReadTimeout = Objects.requireNonNull(timeout, "bodyReadTimeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("bodyReadTimeout must be positive, got " + timeout);
            }
            return this;
        }

        /**
         * How many request bodies slower than {@value SlowBodies#MIN_RATE} bytes/s may be read at
         * once (each holds a worker thread); a further one is closed as soon as it turns slow.
         * Default: a quarter of the worker threads (at least 1), so slow clients can never hold
         * every worker.
         */
        public Builder maxSlowBodies(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxSlowBodies must be >= 0, got " + max);
            }
            this.maxSlowBodies = max;
            return this;
        }

        /** A built-in dataset name ({@code tiny}, {@code standard}, ...) or a YAML file path. Default: none. */
        public Builder dataset(String nameOrFile) {
            this.dataset = Dataset.resolve(Objects.requireNonNull(nameOrFile, "dataset"));
            return this;
        }

        public Builder dataset(Dataset dataset) {
            this.dataset = dataset;
            return this;
        }

        /** A network profile name ({@code loopback}, {@code wan}) or file. Default: loopback. */
        public Builder network(String nameOrFile) {
            this.network = NetworkProfile.resolve(Objects.requireNonNull(nameOrFile, "network"));
            return this;
        }

        public Builder network(NetworkProfile network) {
            this.network = Objects.requireNonNull(network, "network");
            return this;
        }

        /** A fault profile name ({@code none}, {@code flaky}) or file. Default: none. */
        public Builder faults(String nameOrFile) {
            this.faults = FaultProfile.resolve(Objects.requireNonNull(nameOrFile, "faults"));
            return this;
        }

        public Builder faults(FaultProfile faults) {
            this.faults = Objects.requireNonNull(faults, "faults");
            return this;
        }

        /** Default: {@link AuthConfig#none()}. */
        public Builder auth(AuthConfig auth) {
            this.auth = Objects.requireNonNull(auth, "auth");
            return this;
        }

        /** Keep blobs and the index under {@code dir} instead of in memory. */
        public Builder storage(Path dir) {
            this.storageDir = dir;
            return this;
        }

        /** HTTPS with a certificate made at start. Default: false. */
        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        /** h2 over TLS (ALPN) or h2c in the clear. Default: false. */
        public Builder http2(boolean http2) {
            this.http2 = http2;
            return this;
        }

        /** 0 (default) picks a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** Largest blob upload; default 2 GiB - 1. Larger uploads are SIZE_INVALID (413). */
        public Builder maxUploadBytes(long bytes) {
            this.maxUploadBytes = bytes;
            return this;
        }

        /** Largest manifest; default 4 MiB. Larger manifests are SIZE_INVALID (413). */
        public Builder maxManifestBytes(long bytes) {
            this.maxManifestBytes = bytes;
            return this;
        }

        /** IO threads; default max(2, cores). */
        public Builder ioThreads(int threads) {
            this.ioThreads = positive(threads, "ioThreads");
            return this;
        }

        /** Worker threads for blocking work (uploads); default max(16, 8 x cores). */
        public Builder workerThreads(int threads) {
            this.workerThreads = positive(threads, "workerThreads");
            return this;
        }

        private static int positive(int value, String key) {
            if (value <= 0) {
                throw new IllegalArgumentException(key + " must be > 0, got " + value);
            }
            return value;
        }

        /** Seeds the dataset, binds 127.0.0.1 and starts serving. */
        public FakeRegistry start() throws IOException {
            Digest.warmUp();
            Limits limits = new Limits(maxUploadBytes, maxManifestBytes);
            Storage storage = storageDir == null ? Storage.inMemory() : Storage.onDisk(storageDir);
            Path caFile = null;
            FaultController controls = null;
            try {
                SeedResult seeded = dataset == null ? SeedResult.empty() : dataset.seedInto(storage);
                ServerStats stats = new ServerStats();
                controls = new FaultController(network, faults, stats);
                SelfSignedCertificate certificate = tls ? SelfSignedCertificate.generate() : null;
                caFile = certificate == null ? null : certificate.writeCaPem();
                BaseUrl baseUrl = new BaseUrl(tls ? "https" : "http");
                TokenService tokens = new TokenService(auth, baseUrl);
                String adminSecret = adminToken != null ? adminToken : auth.enabled() ? AdminApi.randomToken() : null;
                SlowBodies slowBodies = new SlowBodies(bodyReadTimeout,
                        maxSlowBodies >= 0 ? maxSlowBodies : Math.max(1, workerThreads / 4), stats::slowClientClosed);
                HandlerChain chain = new HandlerChain(storage, limits, stats, controls, tokens, slowBodies,
                        new AdminApi(stats, controls, adminSecret), adminPort < 0);
                RegistryServer server = RegistryServer.start(new RegistryServer.Settings(port,
                        certificate == null ? null : certificate.serverContext(), http2, ioThreads, workerThreads,
                        bindAddress),
                        chain.root(), stats::connectionAccepted);
                RegistryServer adminServer = null;
                if (adminPort >= 0) {
                    try {
                        adminServer = RegistryServer.start(new RegistryServer.Settings(adminPort, null, false, 1, 2),
                                chain.adminRoot(), connection -> { });
                    } catch (IOException | RuntimeException e) {
                        server.close();
                        throw e;
                    }
                }
                baseUrl.setPort(server.port());
                return new FakeRegistry(server, storage, stats, controls, seeded, tokens, caFile, adminServer, adminSecret);
            } catch (IOException | RuntimeException | Error e) {
                if (controls != null) {
                    controls.close();
                }
                storage.close();
                if (caFile != null) {
                    Files.deleteIfExists(caFile);
                }
                throw e;
            }
        }
    }
}
