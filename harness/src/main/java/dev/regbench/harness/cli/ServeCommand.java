package dev.regbench.harness.cli;

import dev.regbench.engine.config.Durations;
import dev.regbench.service.AccessPolicy;
import dev.regbench.service.ClusterConfig;
import dev.regbench.service.ConfigResolver;
import dev.regbench.service.JobRunner;
import dev.regbench.service.LogRetention;
import dev.regbench.service.PullOnlyJobRunner;
import dev.regbench.service.ReplicationService;
import dev.regbench.service.ReplicatorJobRunner;
import dev.regbench.service.ServiceConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code regbench serve}: runs the replication job service on 127.0.0.1 until stopped (Ctrl-C).
 * Jobs are submitted with {@code POST /jobs}; {@code --configs} is where named tuning configs
 * ({@code "config": "baseline"} → {@code configs/baseline.yaml}) are looked up.
 *
 * <p>Jobs are kept in an embedded H2 database under {@code --data-dir} (one command, no set-up),
 * or in PostgreSQL ({@code --db jdbc:postgresql://...}) shared by several instances. Every request
 * that changes state or reads logs needs a bearer token: from {@code --token-file} or
 * {@code $REGBENCH_SERVICE_TOKEN}, never an argument; without either a token is made once and
 * kept in {@code <data-dir>/token} (mode 600). A database that cannot be reached at start ends the
 * command with one line and exit code 3.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the replication job service (REST, WebSocket watches, log streams) on 127.0.0.1 until stopped.")
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", description = "Port on the bind address (0 = a free one). Default: ${DEFAULT-VALUE}.")
    int port = 8080;

    @Option(names = "--bind", converter = BindAddress.class, description = "IP address to listen on. Default: "
            + "${DEFAULT-VALUE}; 0.0.0.0 only where clients on other hosts must reach it (a Kubernetes pod), with the "
            + "names they use in --allow-host.")
    String bind = BindAddress.LOOPBACK;

    @Option(names = "--max-running", description = "Jobs running at once. Default: ${DEFAULT-VALUE}.")
    int maxRunning = ServiceConfig.DEFAULT.maxRunning();

    @Option(names = "--queue", description = "Jobs waiting beyond those running; more are refused with 503. Default: ${DEFAULT-VALUE}.")
    int queue = ServiceConfig.DEFAULT.queueCapacity();

    @Option(names = "--cache-ttl-active", description = "How long GET /jobs/active may be served from cache. Default: ${DEFAULT-VALUE}.")
    String activeTtl = "5s";

    @Option(names = "--cache-ttl-failed", description = "How long GET /jobs/failed may be served from cache. Default: ${DEFAULT-VALUE}.")
    String failedTtl = "30s";

    @Option(names = "--no-cache", description = "Compute every listing (cache-aside off).")
    boolean noCache;

    @Option(names = "--heartbeat", description = "WebSocket ping interval. Default: ${DEFAULT-VALUE}.")
    String heartbeat = "54s";

    @Option(names = "--pong-timeout", description = "Drop a WebSocket silent for this long. Default: ${DEFAULT-VALUE}.")
    String pongTimeout = "60s";

    @Option(names = "--configs", description = "Folder of named tuning configs (<name>.yaml). Default: ${DEFAULT-VALUE}.")
    Path configs = Path.of("configs");

    @Option(names = "--data-dir", description = "Where the embedded job store (H2) and the generated token live. Default: ${DEFAULT-VALUE}.")
    Path dataDir = Path.of("regbench-service");

    @Option(names = "--db", description = "A shared job store instead of the embedded one: jdbc:postgresql://host:port/db "
            + "(password from --db-password-file, $REGBENCH_DB_PASSWORD or $PGPASSWORD, never here).")
    String db;

    @Option(names = "--db-user", description = "Database user for --db.")
    String dbUser;

    @Option(names = "--db-password-file", description = "File holding the database password for --db.")
    Path dbPasswordFile;

    @Option(names = "--redis", description = "Cache the listings in Redis (redis://127.0.0.1:6379) shared by instances; default in-process Caffeine.")
    String redis;

    @Option(names = "--instance-id", description = "This instance's name in a shared store. Default: i-<random>.")
    String instanceId;

    @Option(names = "--lease", description = "How long a claimed job stays this instance's without a heartbeat. Default: ${DEFAULT-VALUE}.")
    String lease = "15s";

    @Option(names = "--token-file", description = "Bearer tokens, one per line (else $REGBENCH_SERVICE_TOKEN, else <data-dir>/token, made once).")
    Path tokenFile;

    @Option(names = "--public-reads", description = "Listings, job views, watches and metrics without a token (logs and changes still need one).")
    boolean publicReads;

    @Option(names = "--allow-host", description = "Also accept this Host name (besides 127.0.0.1, localhost, [::1]); repeatable.")
    List<String> allowHosts = new ArrayList<>();

    @Option(names = "--allow-origin", description = "Also accept this browser Origin (e.g. https://dash.example); repeatable.")
    List<String> allowOrigins = new ArrayList<>();

    @Option(names = "--body-read-timeout", description = "How long a request body may take to arrive (plus 1 s per KiB); "
            + "slower ones get 408 and are closed. Default: ${DEFAULT-VALUE}.")
    String bodyReadTimeout = "10s";

    @Option(names = "--max-slow-bodies", description = "Request bodies slower than 1 KiB/s read at once; more are closed. "
            + "Default: ${DEFAULT-VALUE}.")
    int maxSlowBodies = ServiceConfig.DEFAULT.maxSlowBodies();

    @Option(names = "--log-lines-per-job", description = "Log lines the store keeps per job (the newest). Default: ${DEFAULT-VALUE}.")
    int logLinesPerJob = LogRetention.DEFAULT.linesPerJob();

    @Option(names = "--log-retention", description = "Delete the log of a job that ended longer ago than this. Default: ${DEFAULT-VALUE} (7 days).")
    String logRetention = "168h";

    @Option(names = "--runner", description = "replicate (the engine copies) or pull-only (read and verify the source only). Default: ${DEFAULT-VALUE}.")
    String runner = "replicate";

    private static Duration duration(String option, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " '" + text + "': " + e.getMessage(), e);
        }
    }

    private LogRetention logRetention() {
        Duration age = duration("--log-retention", logRetention);
        try {
            return new LogRetention(logLinesPerJob, age, LogRetention.DEFAULT.sweepInterval());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--log-lines-per-job " + logLinesPerJob + " / --log-retention "
                    + logRetention + ": " + e.getMessage(), e);
        }
    }

    /** The password for --db: its file, else $REGBENCH_DB_PASSWORD, else libpq's $PGPASSWORD, else none. */
    private String dbPassword() throws IOException {
        if (dbPasswordFile != null) {
            try {
                return Files.readString(dbPasswordFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("--db-password-file " + dbPasswordFile + ": cannot read it ("
                        + e.getMessage() + ")", e);
            }
        }
        String env = System.getenv("REGBENCH_DB_PASSWORD");
        return env != null ? env : System.getenv("PGPASSWORD");
    }

    /** The token kept in {@code file}, made (256 random bits, mode 600, written atomically) when missing. */
    static String tokenIn(Path file) throws IOException {
        if (Files.exists(file)) {
            return AccessPolicy.readTokenFile(file).get(0);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        String token = AccessPolicy.randomToken();
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".token", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return token;
    }

    @Override
    public Integer call() throws Exception {
        ServiceConfig config = ServiceConfig.DEFAULT
                .withPort(port)
                .withJobLimits(maxRunning, queue)
                .withCache(!noCache, duration("--cache-ttl-active", activeTtl),
                        duration("--cache-ttl-failed", failedTtl))
                .withHeartbeat(duration("--heartbeat", heartbeat), duration("--pong-timeout", pongTimeout),
                        ServiceConfig.DEFAULT.writeDeadline())
                .withSlowBodies(duration("--body-read-timeout", bodyReadTimeout), maxSlowBodies)
                .withLogRetention(logRetention());
        JobRunner jobs;
        switch (runner) {
            case "replicate" -> jobs = new ReplicatorJobRunner();
            case "pull-only" -> jobs = new PullOnlyJobRunner();
            default -> throw new IllegalArgumentException("--runner '" + runner + "' is not one of: replicate, pull-only");
        }
        Duration leaseTime = duration("--lease", lease);
        ClusterConfig cluster = ClusterConfig.DEFAULT.withInstanceId(instanceId)
                .withLease(leaseTime, ClusterConfig.DEFAULT.renewInterval());
        String tokenSource;
        List<String> tokens;
        if (tokenFile != null) {
            tokens = AccessPolicy.readTokenFile(tokenFile);
            tokenSource = tokenFile.toString();
        } else if (System.getenv(AccessPolicy.TOKEN_ENV) != null) {
            tokens = AccessPolicy.tokensFromEnv(System.getenv(AccessPolicy.TOKEN_ENV));
            tokenSource = "$" + AccessPolicy.TOKEN_ENV;
        } else {
            Path generated = dataDir.resolve("token");
            tokens = List.of(tokenIn(generated));
            tokenSource = generated + " (send it as Authorization: Bearer <token>)";
        }
        Set<String> hosts = new HashSet<>(AccessPolicy.LOOPBACK_HOSTS);
        hosts.addAll(allowHosts);
        AccessPolicy access = AccessPolicy.of(tokens).withPublicReads(publicReads).withAllowedHosts(hosts)
                .withAllowedOrigins(Set.copyOf(allowOrigins));
        ReplicationService.Builder builder = ReplicationService.builder()
                .config(config)
                .cluster(cluster)
                .access(access)
                .runner(jobs)
                .configs(ConfigResolver.directory(configs))
                .bindAddress(bind);
        if (db != null) {
            builder.database(db, dbUser, dbPassword());
        } else {
            builder.dataDir(dataDir);
        }
        if (redis != null) {
            builder.redis(redis);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        ReplicationService service;
        try {
            service = builder.start();
        } catch (RuntimeException e) {
            if (ReplicationService.isStoreUnavailable(e)) {
                spec.commandLine().getErr().println("regbench serve: " + e.getMessage());
                spec.commandLine().getErr().flush();
                return 3;
            }
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "regbench-serve-shutdown"));
        String url = service.url();
        System.out.println("regbench job service listening on " + url);
        System.out.println("  POST " + url + "/jobs   GET " + url + "/jobs/active   GET " + url + "/jobs/failed?limit=20");
        System.out.println("  GET " + url + "/jobs/{id}[/logs?follow=true]   DELETE " + url + "/jobs/{id}");
        System.out.println("  WS  " + url.replace("http", "ws") + "/ws/jobs[/{id}]   GET " + url + "/metrics   GET " + url + "/healthz");
        System.out.println("  cache " + (noCache ? "off" : service.cacheKind() + " (active " + activeTtl + ", failed "
                + failedTtl + ")") + ", " + maxRunning + " jobs at once, queue " + queue + ", runner " + runner);
        System.out.println("  store " + service.storeDescription() + ", instance " + service.instanceId()
                + ", lease " + lease);
        System.out.println("  token from " + tokenSource + (publicReads ? "; reads are public" : ""));
        System.out.flush();
        stopped.await();
        return 0;
    }
}
