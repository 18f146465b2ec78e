package dev.regbench.service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Benchmark (not a test) of claim C17 as seed 003 states it: PostgreSQL with 10,000 jobs in the
 * table, 100 clients polling {@code GET /jobs/active} once a second each, against three
 * instances on that database: listing cache off (every poll queries PostgreSQL), Caffeine, Redis.
 * Phases of {@code phaseS} seconds rotate off, caffeine, redis, then reversed (ABC CBA ...), so
 * the three see the same machine; a churn job changes state every 2 s (invalidations). Then a
 * Redis phase with Redis stopped in its middle third: failed requests and the fallback period's
 * latency separately. Latency: HdrHistogram of each request (send to full body), µs.
 *
 * <p>Run: {@code bench/service/run.sh listing [phaseS] [rounds]} (defaults 15, 2).
 */
public final class ListingBench {

    private static final String TOKEN = AccessPolicy.randomToken();

    record Phase(String mode, int index, Histogram latency, long ok, long failed, Map<String, Long> cache) {
    }

    public static void main(String[] args) throws Exception {
        int phaseS = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int clients = 100;
        int seeded = 10_000;
        try (LocalPostgres pg = LocalPostgres.launch(); LocalRedis redis = LocalRedis.launch()) {
            String db = pg.newDatabase();
            List<ReplicationService> services = new ArrayList<>();
            try {
                // the schema comes with the first instance
                ReplicationService off = start(services, db, false, null);
                seed(db, seeded);
                ReplicationService caffeine = start(services, db, true, null);
                ReplicationService viaRedis = start(services, db, true, redis.url());
                Map<String, ReplicationService> byMode = new LinkedHashMap<>();
                byMode.put("off", off);
                byMode.put("caffeine", caffeine);
                byMode.put("redis", viaRedis);
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                AtomicBoolean churning = new AtomicBoolean(true);
                Thread churn = new Thread(() -> churn(off, churning), "bench-churn");
                churn.start();
                List<Phase> phases = new ArrayList<>();
                for (ReplicationService s : byMode.values()) {
                    poll(http, s.url(), clients, 10, "warmup", 0); // JIT, pools and connections; not in the figures
                }
                List<String> order = new ArrayList<>(byMode.keySet());
                int idx = 0;
                for (int r = 0; r < rounds; r++) {
                    List<String> o = new ArrayList<>(order);
                    if (r % 2 == 1) {
                        java.util.Collections.reverse(o);
                    }
                    for (String mode : o) {
                        phases.add(poll(http, byMode.get(mode).url(), clients, phaseS, mode, ++idx));
                    }
                }
                // Redis stopped in the middle third of a Redis phase
                int third = Math.max(5, phaseS);
                Phase before = poll(http, viaRedis.url(), clients, third, "redis-before-stop", ++idx);
                redis.stop();
                Phase during = poll(http, viaRedis.url(), clients, third, "redis-stopped", ++idx);
                redis.start();
                Phase after = poll(http, viaRedis.url(), clients, third, "redis-restarted", ++idx);
                churning.set(false);
                churn.join(10_000);
                report(phases, List.of(before, during, after), viaRedis.stats(), caffeine.stats(), seeded, clients, phaseS);
            } finally {
                for (ReplicationService s : services) {
                    s.close();
                }
            }
        }
    }

    private static ReplicationService start(List<ReplicationService> services, String db, boolean cache, String redisUrl) {
        ReplicationService.Builder b = ReplicationService.builder()
                .config(ServiceConfig.DEFAULT.withPort(0).withCacheEnabled(cache).withJobLimits(2, 100_000))
                .access(AccessPolicy.of(List.of(TOKEN)))
                .database(db, "postgres", null).databasePoolSize(20)
                .runner((spec, ctx) -> Thread.sleep(500));
        if (redisUrl != null) {
            b.redis(redisUrl);
        }
        ReplicationService s = b.start();
        services.add(s);
        return s;
    }

    /** 10,000 rows: 9,800 succeeded, 150 failed, 50 running on an instance that holds a far lease. */
    private static void seed(String db, int n) throws Exception {
        try (Connection c = DriverManager.getConnection(db, "postgres", null)) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO jobs (id, state, source, destination, tags,"
                    + " config_name, request, created_at, started_at, finished_at, error, owner, attempt, lease_until,"
                    + " bytes, blobs, tags_done, tags_planned) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                long now = System.currentTimeMillis();
                for (int i = 0; i < n; i++) {
                    String state = i < 50 ? "RUNNING" : i < 200 ? "FAILED" : "SUCCEEDED";
                    ps.setString(1, java.util.UUID.randomUUID().toString());
                    ps.setString(2, state);
                    ps.setString(3, "http://127.0.0.1:5001/team/app" + (i % 40));
                    ps.setString(4, "http://127.0.0.1:5002/team/app" + (i % 40));
                    ps.setString(5, ".*");
                    ps.setString(6, "optimized");
                    ps.setString(7, "{\"source\":\"127.0.0.1:5001/team/app\",\"destination\":\"127.0.0.1:5002/team/app\"}");
                    ps.setLong(8, now - (n - i) * 1000L);
                    ps.setLong(9, now - (n - i) * 1000L + 10);
                    if (state.equals("RUNNING")) {
                        ps.setNull(10, java.sql.Types.BIGINT);
                        ps.setNull(11, java.sql.Types.VARCHAR);
                        ps.setString(12, "seed-instance");
                        ps.setInt(13, 1);
                        ps.setLong(14, Long.MAX_VALUE / 2);
                    } else {
                        ps.setLong(10, now - (n - i) * 1000L + 900);
                        ps.setString(11, state.equals("FAILED") ? "source unreachable: 503 after 3 attempts" : null);
                        ps.setNull(12, java.sql.Types.VARCHAR);
                        ps.setInt(13, 1);
                        ps.setNull(14, java.sql.Types.BIGINT);
                    }
                    ps.setLong(15, 12_345_678L);
                    ps.setInt(16, 30);
                    ps.setInt(17, 10);
                    ps.setInt(18, 10);
                    ps.addBatch();
                    if (i % 1000 == 999) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            c.commit();
            try (var st = c.createStatement()) {
                st.execute("ANALYZE jobs");
            }
        }
    }

    /** A job submitted every 2 s (queued, running, succeeded: three state changes each). */
    private static void churn(ReplicationService s, AtomicBoolean on) {
        ServiceClient c = new ServiceClient(s.url(), TOKEN);
        int i = 0;
        while (on.get()) {
            try {
                c.submit("127.0.0.1:9/src/app", "127.0.0.1:9/dst/churn" + (i++), ".*");
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the store may be busy; the next one follows
            }
        }
    }

    /** {@code clients} each polling once a second (random start offset) for {@code seconds}. */
    private static Phase poll(HttpClient http, String url, int clients, int seconds, String mode, int index)
            throws InterruptedException {
        Histogram h = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3);
        LongAdder ok = new LongAdder();
        LongAdder failed = new LongAdder();
        Map<String, LongAdder> cache = new ConcurrentHashMap<>();
        ScheduledExecutorService ex = Executors.newScheduledThreadPool(clients);
        HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/jobs/active")).header("Authorization", "Bearer " + TOKEN)
                .timeout(Duration.ofSeconds(10)).build();
        for (int c = 0; c < clients; c++) {
            ex.scheduleAtFixedRate(() -> {
                long t0 = System.nanoTime();
                try {
                    HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                    h.recordValue(Math.min((System.nanoTime() - t0) / 1000, h.getHighestTrackableValue()));
                    if (r.statusCode() == 200) {
                        ok.increment();
                        cache.computeIfAbsent(r.headers().firstValue("X-Cache").orElse("?"), k -> new LongAdder()).increment();
                    } else {
                        failed.increment();
                    }
                } catch (Exception e) {
                    failed.increment();
                }
            }, ThreadLocalRandom.current().nextLong(1000), 1000, TimeUnit.MILLISECONDS);
        }
        Thread.sleep(seconds * 1000L);
        ex.shutdown(); // no new polls; those in flight finish and count
        ex.awaitTermination(15, TimeUnit.SECONDS);
        Map<String, Long> tags = new java.util.TreeMap<>();
        cache.forEach((k, v) -> tags.put(k, v.sum()));
        Phase p = new Phase(mode, index, h, ok.sum(), failed.sum(), tags);
        System.out.println("phase " + index + " " + mode + ": " + line(p.latency()) + " ok=" + p.ok() + " failed="
                + p.failed() + " cache=" + tags);
        return p;
    }

    private static String line(Histogram h) {
        return String.format(Locale.ROOT, "n=%d p50=%.2fms p95=%.2fms p99=%.2fms max=%.1fms", h.getTotalCount(),
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(95) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
    }

    private static void report(List<Phase> phases, List<Phase> redisStop, ServiceStats redisStats, ServiceStats caffeineStats,
                               int seeded, int clients, int phaseS) {
        System.out.println();
        System.out.println("C17 on PostgreSQL, " + seeded + " jobs in the table, " + clients
                + " clients polling /jobs/active 1/s, phases of " + phaseS + " s interleaved (ABC CBA)");
        for (String mode : List.of("off", "caffeine", "redis")) {
            Histogram all = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            List<Double> p50s = new ArrayList<>();
            List<Double> p95s = new ArrayList<>();
            List<Double> p99s = new ArrayList<>();
            List<Double> hitRatios = new ArrayList<>();
            long failed = 0;
            for (Phase p : phases) {
                if (p.mode().equals(mode)) {
                    all.add(p.latency());
                    p50s.add(p.latency().getValueAtPercentile(50) / 1000.0);
                    p95s.add(p.latency().getValueAtPercentile(95) / 1000.0);
                    p99s.add(p.latency().getValueAtPercentile(99) / 1000.0);
                    long hits = p.cache().getOrDefault("HIT", 0L);
                    hitRatios.add((double) hits / Math.max(1, p.ok()));
                    failed += p.failed();
                }
            }
            System.out.println(String.format(Locale.ROOT, "  %-8s pooled %s failed=%d | per-phase (n=%d, range) p50 %s p95 %s p99 %s hit ratio %s",
                    mode, line(all), failed, p50s.size(), range(p50s), range(p95s), range(p99s), range(hitRatios)));
        }
        System.out.println("  redis stopped mid-run:");
        for (Phase p : redisStop) {
            System.out.println("    " + p.mode() + ": " + line(p.latency()) + " ok=" + p.ok() + " failed=" + p.failed()
                    + " cache=" + p.cache());
        }
        System.out.println("  redis instance counters: hits=" + redisStats.activeHits() + " misses=" + redisStats.activeMisses()
                + " fallbacks=" + redisStats.activeFallbacks() + "; caffeine instance: hits=" + caffeineStats.activeHits()
                + " misses=" + caffeineStats.activeMisses());
    }

    private static String range(List<Double> v) {
        double min = v.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = v.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        return String.format(Locale.ROOT, "%.3f [%.3f..%.3f]", mean, min, max);
    }

    private ListingBench() {
    }
}
