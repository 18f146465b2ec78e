package dev.regbench.simulations.service;

import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.regbench.service.AccessPolicy;
import dev.regbench.service.JobRunner;
import dev.regbench.service.LocalPostgres;
import dev.regbench.service.LocalRedis;
import dev.regbench.service.ReplicationService;
import dev.regbench.service.ReplicatorJobRunner;
import dev.regbench.service.ServiceConfig;
import dev.regbench.service.ServiceStats;
import dev.regbench.fakeregistry.FakeRegistry;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Claim C17: "a 5 s cache-aside on active jobs cuts polling latency 50-80%; 100 clients polling
 * 1/s stay under 10 ms p95".
 *
 * <p>Two job services run side by side in this JVM, one with the listing cache on (5 s TTL), one
 * with it off, each running the same real replication jobs (the engine's Replicator) from a fake
 * registry with the {@code wan} profile to another. {@code users} dashboard clients poll
 * {@code GET /jobs/active} once a second, against the cache-on service and the cache-off service
 * in alternating phases (on, off, on, off, ...), so both see the same machine load. Latency is
 * measured by the simulation around each request (HdrHistogram, µs).
 *
 * <p>Properties (quick / full): {@code regbench.polling.users} (100 / 100),
 * {@code regbench.polling.phaseS} (10 / 60), {@code regbench.polling.rounds} (2 / 3),
 * {@code regbench.polling.jobs} (40 / 100), {@code regbench.polling.tagsPerJob} (20 / 20).
 * Writes {@code <regbench.out>/gatling/JobPollingSimulation-summary.json}.
 *
 * <p>{@link ServiceBench}, {@link Meter} and {@link Cpu} below are shared by the three service
 * simulations of this package.
 */
public class JobPollingSimulation extends Simulation {

    /** Polls may not fail (percent). */
    static final Assertion NO_FAILED_POLLS = global().failedRequests().percent().lte(1.0);

    private final Props props = new Props("polling");
    private final int users = props.integer("users", 100, 100);
    private final Duration phase = Duration.ofSeconds(props.integer("phaseS", 10, 60));
    private final int rounds = props.integer("rounds", 2, 3);
    private final int jobs = props.integer("jobs", 40, 100);
    private final int tagsPerJob = props.integer("tagsPerJob", 20, 20);
    private final ServiceBench bench;
    private final ReplicationService cacheOn;
    private final ReplicationService cacheOff;
    private final Map<String, Meter> meters = new ConcurrentHashMap<>();
    private final Map<String, Object> listingSizes = new ConcurrentHashMap<>();

    public JobPollingSimulation() {
        bench = ServiceBench.start("many-small", "wan");
        try {
            ServiceConfig base = ServiceConfig.DEFAULT.withPort(0).withJobLimits(2, 10_000);
            cacheOn = bench.service(base, new ReplicatorJobRunner());
            cacheOff = bench.service(base.withCacheEnabled(false), new ReplicatorJobRunner());
            bench.submit(cacheOn, "on", jobs, tagsPerJob);
            bench.submit(cacheOff, "off", jobs, tagsPerJob);
        } catch (RuntimeException e) {
            bench.close();
            throw e;
        }
        List<PopulationBuilder> phases = new ArrayList<>();
        phases.add(poll("warmup-on", 0, cacheOn));   // JIT and connection warm-up, not in the figures
        phases.add(poll("warmup-off", 0, cacheOff));
        for (int round = 1; round <= rounds; round++) { // on/off order alternates to cancel drift
            phases.add(round % 2 == 1 ? poll("on", round, cacheOn) : poll("off", round, cacheOff));
            phases.add(round % 2 == 1 ? poll("off", round, cacheOff) : poll("on", round, cacheOn));
        }
        PopulationBuilder chain = phases.get(phases.size() - 1);
        for (int i = phases.size() - 2; i >= 0; i--) {
            chain = phases.get(i).andThen(chain);
        }
        setUp(chain).assertions(NO_FAILED_POLLS)
                .maxDuration(phase.plusSeconds(5).multipliedBy(2L * rounds).plusMinutes(2));
    }

    private PopulationBuilder poll(String mode, int round, ReplicationService service) {
        String key = mode + "#" + round;
        Meter meter = meters.computeIfAbsent(key, Meter::new);
        ChainBuilder pollOnce = exec(s -> s.set("t0", System.nanoTime()))
                .exec(http("active cache-" + mode).get("/jobs/active")
                        .check(status().is(200), header("X-Cache").saveAs("xcache")))
                .exec(s -> {
                    meter.record(System.nanoTime() - s.getLong("t0"), !s.isFailed(), s.getString("xcache"));
                    return s;
                });
        return scenario("poll cache-" + key)
                .exec(during(phase).on(pollOnce.pause(Duration.ofSeconds(1))))
                .exec(s -> {
                    listingSizes.put(key, bench.activeCount(service));
                    return s;
                })
                .injectOpen(rampUsers(users).during(Duration.ofSeconds(1)))
                .protocols(http.baseUrl(service.url()).authorizationHeader("Bearer " + bench.token).disableWarmUp().disableCaching().shareConnections());
    }

    @Override
    public void after() {
        try {
            Map<String, Object> on = Meter.pooled("on", meters);
            Map<String, Object> off = Meter.pooled("off", meters);
            double p50Cut = 1 - (double) on.get("p50Ms") / (double) off.get("p50Ms");
            double p95Cut = 1 - (double) on.get("p95Ms") / (double) off.get("p95Ms");
            ServiceStats onStats = cacheOn.stats();
            Map<String, Object> s = bench.summaryHeader("JobPollingSimulation", props, on, off);
            s.put("users", users);
            s.put("loadAverageAtEnd", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            s.put("phaseS", phase.toSeconds());
            s.put("rounds", rounds);
            s.put("jobsPerService", jobs);
            s.put("cacheOn", on);
            s.put("cacheOff", off);
            s.put("byPhase", Meter.each(meters));
            s.put("activeJobsAtPhaseEnd", new java.util.TreeMap<>(listingSizes));
            s.put("cacheHits", onStats.activeHits());
            s.put("cacheMisses", onStats.activeMisses());
            s.put("hitRatio", Meter.round((double) onStats.activeHits() / Math.max(1, onStats.activeHits() + onStats.activeMisses())));
            s.put("p50Reduction", Meter.round(p50Cut));
            s.put("p95Reduction", Meter.round(p95Cut));
            s.put("jobsOn", onStats.jobs());
            s.put("jobsOff", cacheOff.stats().jobs());
            s.put("verdictC17", String.format(Locale.ROOT,
                    "cache cut p50 by %.0f%% and p95 by %.0f%% (claim: 50-80%%); cache-on p95 %.2f ms (claim: < 10 ms)",
                    100 * p50Cut, 100 * p95Cut, (double) on.get("p95Ms")));
            ServiceBench.write("JobPollingSimulation", s);
        } finally {
            bench.close();
        }
    }

    // ---------------------------------------------------------------------------------------
    // Shared by the service simulations of this package.

    /** {@code -Dregbench.<sim>.<key>} with quick/full defaults chosen by {@code regbench.scale}. */
    static final class Props {
        private final String prefix;
        final boolean full;

        Props(String simulation) {
            this.prefix = "regbench." + simulation + ".";
            this.full = "full".equalsIgnoreCase(System.getProperty("regbench.scale", "quick").trim());
        }

        int integer(String key, int quick, int fullDefault) {
            String raw = System.getProperty(prefix + key);
            if (raw == null || raw.isBlank()) {
                return full ? fullDefault : quick;
            }
            try {
                return Integer.parseInt(raw.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-D" + prefix + key + " must be an integer, was '" + raw + "'", e);
            }
        }

        String scale() {
            return full ? "full" : "quick";
        }
    }

    /**
     * The system under load: a source fake registry (seeded), an empty destination, and job
     * services started on them. Thread-safe; {@link #close()} stops everything.
     */
    static final class ServiceBench implements AutoCloseable {
        private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        final FakeRegistry source;
        final FakeRegistry destination;
        final String repo;
        final List<String> tags;
        final String description;
        /** The bearer token every request of the simulations carries. */
        final String token = AccessPolicy.randomToken();
        /** {@code embedded} (in-memory H2 + Caffeine) or {@code pg-redis} (-Dregbench.service.infra). */
        final String infra = System.getProperty("regbench.service.infra", "embedded").trim();
        private LocalPostgres postgres;
        private LocalRedis redis;
        private final List<ReplicationService> services = new ArrayList<>();
        private final HttpClient http = HttpClient.newHttpClient();

        private ServiceBench(FakeRegistry source, FakeRegistry destination, String description) {
            this.source = source;
            this.destination = destination;
            this.description = description;
            this.repo = source.seeded().manifests().keySet().iterator().next();
            this.tags = List.copyOf(new java.util.TreeSet<>(source.seeded().manifests().get(repo).keySet()));
        }

        static ServiceBench start(String dataset, String network) {
            try {
                FakeRegistry src = FakeRegistry.builder().dataset(dataset).network(network).start();
                FakeRegistry dst = FakeRegistry.builder().network(network).start();
                return new ServiceBench(src, dst, "embedded job service; jobs copy dataset " + dataset
                        + " between two fake registries, network " + network);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the fake registries", e);
            }
        }

        /**
         * A service with this bench's token; with {@code pg-redis} its jobs are in a new database
         * of a throwaway PostgreSQL and its listings (when cached) in a throwaway Redis.
         */
        synchronized ReplicationService service(ServiceConfig config, JobRunner runner) {
            ReplicationService.Builder b = ReplicationService.builder().config(config).runner(runner)
                    .access(AccessPolicy.of(List.of(token)));
            switch (infra) {
                case "embedded" -> { }
                case "pg-redis" -> {
                    try {
                        if (postgres == null) {
                            postgres = LocalPostgres.launch();
                            redis = LocalRedis.launch();
                        }
                        b.database(postgres.newDatabase(), "postgres", null).databasePoolSize(20);
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot start PostgreSQL / Redis for the bench: " + e.getMessage(), e);
                    }
                    if (config.cacheEnabled()) {
                        b.redis(redis.url()).redisPrefix("regbench:bench:" + services.size() + ":");
                    }
                }
                default -> throw new IllegalArgumentException("-Dregbench.service.infra must be embedded or pg-redis, was '"
                        + infra + "'");
            }
            ReplicationService s = b.start();
            services.add(s);
            return s;
        }

        /** What the service simulations write as {@code target}. */
        String target() {
            return infra.equals("pg-redis") ? "job service on PostgreSQL + Redis" : "embedded job service (H2 + Caffeine)";
        }

        /** Submits {@code count} jobs, each copying {@code tagsPerJob} tags to {@code <prefix>/job<i>}; returns ids. */
        List<String> submit(ReplicationService service, String prefix, int count, int tagsPerJob) {
            return submit(service, prefix, count, tagsPerJob, null);
        }

        /** As above, with an inline tuning config (JSON object text), or null for the default. */
        List<String> submit(ReplicationService service, String prefix, int count, int tagsPerJob, String configJson) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                List<String> pick = new ArrayList<>();
                for (int k = 0; k < Math.min(tagsPerJob, tags.size()); k++) {
                    pick.add(Pattern.quote(tags.get((i * tagsPerJob + k) % tags.size())));
                }
                String regex = tagsPerJob >= tags.size() ? ".*" : String.join("|", pick);
                String body = "{\"source\":\"" + source.host() + "/" + repo + "\",\"destination\":\"" + destination.host()
                        + "/" + prefix + "/job" + i + "\",\"tags\":" + jsonString(regex)
                        + (configJson == null ? "" : ",\"config\":" + configJson) + "}";
                ids.add(post(service.url() + "/jobs", body));
            }
            return ids;
        }

        int activeCount(ReplicationService service) {
            Map<?, Integer> byState = service.stats().jobs();
            int n = 0;
            for (Map.Entry<?, Integer> e : byState.entrySet()) {
                String k = e.getKey().toString();
                if (k.equals("QUEUED") || k.equals("RUNNING")) {
                    n += e.getValue();
                }
            }
            return n;
        }

        private String post(String url, String body) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 201) {
                    throw new IllegalStateException("POST " + url + " answered " + r.statusCode() + ": " + r.body());
                }
                return JSON.readTree(r.body()).get("id").asText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static String jsonString(String s) {
            try {
                return JSON.writeValueAsString(s);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The summary's common first fields, as the registry simulations write them. */
        static Map<String, Object> header(String simulation, Props props, Map<String, Object> main, Map<String, Object> other) {
            return header(simulation, "embedded job service", props, main, other);
        }

        Map<String, Object> summaryHeader(String simulation, Props props, Map<String, Object> main, Map<String, Object> other) {
            return header(simulation, target(), props, main, other);
        }

        private static Map<String, Object> header(String simulation, String target, Props props, Map<String, Object> main,
                                                  Map<String, Object> other) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("simulation", simulation);
            s.put("target", target);
            s.put("scale", props.scale());
            long requests = ((Number) main.getOrDefault("requests", 0L)).longValue()
                    + (other == null ? 0 : ((Number) other.getOrDefault("requests", 0L)).longValue());
            long failures = ((Number) main.getOrDefault("failures", 0L)).longValue()
                    + (other == null ? 0 : ((Number) other.getOrDefault("failures", 0L)).longValue());
            s.put("requests", requests);
            s.put("failures", failures);
            for (String k : List.of("p50Ms", "p95Ms", "p99Ms", "maxMs")) {
                if (main.containsKey(k)) {
                    s.put(k.replace("Ms", ""), main.get(k));
                }
            }
            return s;
        }

        /** Writes {@code <regbench.out>/gatling/<simulation>-summary.json} and prints it on one line. */
        static void write(String simulation, Map<String, Object> summary) {
            String out = System.getProperty("regbench.out");
            Path root = out != null && !out.isBlank() && !out.contains("${") ? Path.of(out) : Path.of("target", "regbench");
            Path file = root.resolve("gatling").resolve(simulation + "-summary.json");
            try {
                Files.createDirectories(file.getParent());
                JSON.writeValue(file.toFile(), summary);
                System.out.println("regbench " + simulation + ": " + new ObjectMapper().writeValueAsString(summary) + " -> " + file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }

        @Override
        public synchronized void close() {
            for (ReplicationService s : services) {
                s.close();
            }
            services.clear();
            destination.close();
            source.close();
            if (postgres != null) {
                postgres.close();
            }
            if (redis != null) {
                try {
                    redis.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Latencies (µs HdrHistogram) and outcomes of one phase. Thread-safe. */
    static final class Meter {
        final String name;
        final Histogram micros = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(5), 3);
        final LongAdder ok = new LongAdder();
        final LongAdder failed = new LongAdder();
        final Map<String, LongAdder> tags = new ConcurrentHashMap<>();
        volatile long first = Long.MAX_VALUE;
        volatile long last = Long.MIN_VALUE;

        Meter(String name) {
            this.name = name;
        }

        void record(long nanos, boolean success, String tag) {
            micros.recordValue(Math.min(Math.max(0, nanos / 1000), micros.getHighestTrackableValue()));
            (success ? ok : failed).increment();
            if (tag != null) {
                tags.computeIfAbsent(tag, t -> new LongAdder()).increment();
            }
        }

        Map<String, Object> figures() {
            return figures(micros, ok.sum(), failed.sum(), tags);
        }

        static Map<String, Object> figures(Histogram h, long ok, long failed, Map<String, LongAdder> tags) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("requests", ok + failed);
            m.put("failures", failed);
            m.put("p50Ms", ms(h, 50));
            m.put("p90Ms", ms(h, 90));
            m.put("p95Ms", ms(h, 95));
            m.put("p99Ms", ms(h, 99));
            m.put("maxMs", h.getTotalCount() == 0 ? 0.0 : round(h.getMaxValue() / 1000.0));
            m.put("meanMs", h.getTotalCount() == 0 ? 0.0 : round(h.getMean() / 1000.0));
            if (tags != null && !tags.isEmpty()) {
                Map<String, Long> t = new java.util.TreeMap<>();
                tags.forEach((k, v) -> t.put(k, v.sum()));
                m.put("xCache", t);
            }
            return m;
        }

        /** Every phase whose name starts with {@code mode + "#"} pooled into one. */
        static Map<String, Object> pooled(String mode, Map<String, Meter> meters) {
            Histogram all = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
            long ok = 0;
            long failed = 0;
            Map<String, LongAdder> tags = new ConcurrentHashMap<>();
            for (Meter m : meters.values()) {
                if (m.name.startsWith(mode + "#")) {
                    all.add(m.micros);
                    ok += m.ok.sum();
                    failed += m.failed.sum();
                    m.tags.forEach((k, v) -> tags.computeIfAbsent(k, x -> new LongAdder()).add(v.sum()));
                }
            }
            return figures(all, ok, failed, tags);
        }

        static Map<String, Object> each(Map<String, Meter> meters) {
            Map<String, Object> m = new java.util.TreeMap<>();
            meters.forEach((k, v) -> m.put(k, v.figures()));
            return m;
        }

        private static double ms(Histogram h, double p) {
            return h.getTotalCount() == 0 ? 0.0 : round(h.getValueAtPercentile(p) / 1000.0);
        }

        static double round(double v) {
            return Math.round(v * 1000.0) / 1000.0;
        }
    }

    /**
     * CPU time by thread group (service I/O threads, job and engine threads, everything) and heap,
     * sampled at the start and end of a window. Thread-safe (each snapshot is independent).
     */
    static final class Cpu {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        record Snapshot(long wallNanos, long processCpuNanos, Map<String, Long> groupCpuNanos, long heapUsedBytes) {
        }

        /** Snapshot; with {@code gc} the heap figure is taken right after a full collection. */
        static Snapshot take(boolean gc) {
            if (gc) {
                System.gc();
            }
            Map<String, Long> groups = new LinkedHashMap<>();
            groups.put("serviceIo", 0L);
            groups.put("jobs", 0L);
            groups.put("gatling", 0L);
            for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
                if (info == null) {
                    continue;
                }
                long cpu = THREADS.getThreadCpuTime(info.getThreadId());
                if (cpu < 0) {
                    continue;
                }
                String n = info.getThreadName();
                String group = n.startsWith("regbench-service") ? "serviceIo"
                        : n.startsWith("regbench-job") || n.startsWith("regbench-tag") || n.startsWith("regbench-blob") ? "jobs"
                        : n.startsWith("gatling") || n.contains("GatlingSystem") ? "gatling" : null;
                if (group != null) {
                    groups.merge(group, cpu, Long::sum);
                }
            }
            long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            return new Snapshot(System.nanoTime(), process, groups, heap);
        }

        /** CPU use between two snapshots as percent of one core, and of the machine, per group. */
        static Map<String, Object> between(Snapshot a, Snapshot b) {
            double wall = (b.wallNanos() - a.wallNanos()) / 1e9;
            int cores = Runtime.getRuntime().availableProcessors();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seconds", Meter.round(wall));
            m.put("cores", cores);
            m.put("processCpuPctOfMachine", Meter.round(100.0 * (b.processCpuNanos() - a.processCpuNanos()) / 1e9 / wall / cores));
            b.groupCpuNanos().forEach((g, v) -> m.put(g + "CpuPctOfMachine",
                    Meter.round(100.0 * Math.max(0, v - a.groupCpuNanos().getOrDefault(g, 0L)) / 1e9 / wall / cores)));
            m.put("heapUsedMiBAtEnd", Meter.round(b.heapUsedBytes() / 1048576.0));
            return m;
        }
    }
}
