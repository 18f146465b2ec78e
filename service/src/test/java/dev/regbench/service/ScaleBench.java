package dev.regbench.service;

import dev.regbench.fakeregistry.FakeRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Benchmark (not a test) of the job service past one instance, with real replication (the
 * engine's {@link ReplicatorJobRunner}) between two fake registries:
 * <ol>
 * <li>3 instances on one PostgreSQL, 300 jobs submitted round-robin: every job succeeded exactly
 *     once (runs counted per job; destination manifest digests equal the source's; job rows),
 *     and jobs per instance.</li>
 * <li>The same with one instance halted mid-run (no more writes or renewals, as after kill -9):
 *     every job completes; how long the orphaned jobs waited (the store's {@code orphan_wait_ms}).</li>
 * <li>Restart: 50 jobs on the embedded (H2 file) store, the instance halted while jobs are queued
 *     and running, restarted on the same data directory: none lost.</li>
 * </ol>
 * Run: {@code java -cp <test classpath> dev.regbench.service.ScaleBench}.
 */
public final class ScaleBench {

    private static final String TOKEN = AccessPolicy.randomToken();

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        String only = args.length > 1 ? args[1] : "all"; // all | scale | kill | restart
        try (LocalPostgres pg = LocalPostgres.launch();
             FakeRegistry src = FakeRegistry.builder().dataset("many-small").start();
             FakeRegistry dst = FakeRegistry.builder().start()) {
            if (only.equals("all") || only.equals("scale")) {
                scaleOut(pg, src, dst, jobs, false);
            }
            if (only.equals("all") || only.equals("kill")) {
                scaleOut(pg, src, dst, jobs, true);
            }
        }
        if (only.equals("all") || only.equals("restart")) {
            restart(50);
        }
    }

    private static ReplicationService instance(String db, String name, Map<String, AtomicInteger> perInstance,
                                               Map<String, AtomicInteger> runs) {
        JobRunner real = new ReplicatorJobRunner();
        return ReplicationService.builder()
                .config(ServiceConfig.DEFAULT.withPort(0).withJobLimits(2, 10_000))
                .cluster(ClusterConfig.DEFAULT.withInstanceId(name).withLease(Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .access(AccessPolicy.of(List.of(TOKEN)))
                .database(db, "postgres", null)
                .runner((spec, ctx) -> {
                    runs.computeIfAbsent(ctx.jobId(), k -> new AtomicInteger()).incrementAndGet();
                    perInstance.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
                    real.run(spec, ctx);
                })
                .start();
    }

    private static void scaleOut(LocalPostgres pg, FakeRegistry src, FakeRegistry dst, int n, boolean kill) throws Exception {
        String db = pg.newDatabase();
        Map<String, AtomicInteger> perInstance = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        List<ReplicationService> three = new ArrayList<>();
        String prefix = kill ? "killed" : "scale";
        for (String name : List.of("a", "b", "c")) {
            three.add(instance(db, name, perInstance, runs));
        }
        String repo = src.seeded().manifests().keySet().iterator().next();
        List<String> tags = List.copyOf(new java.util.TreeSet<>(src.seeded().manifests().get(repo).keySet()));
        long t0 = System.nanoTime();
        java.util.concurrent.atomic.AtomicBoolean halted = new java.util.concurrent.atomic.AtomicBoolean();
        Thread killer = new Thread(() -> {
            // instance a is halted (no more writes or renewals: its running jobs are orphaned) once a third have ended
            while (kill && !halted.get()) {
                Map<JobState, Integer> counts = three.get(1).stats().jobs();
                int ended = counts.getOrDefault(JobState.SUCCEEDED, 0) + counts.getOrDefault(JobState.FAILED, 0);
                if (ended >= n / 3) {
                    three.get(0).halt();
                    halted.set(true);
                    System.out.println("halted instance a after " + ended + " of " + n + " jobs ended");
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-killer");
        killer.start();
        List<String> ids = new ArrayList<>();
        Map<String, String> tagOf = new ConcurrentHashMap<>();
        for (int i = 0; i < n; i++) {
            String tag = tags.get(i % tags.size());
            String id;
            try {
                id = new ServiceClient(three.get(halted.get() ? 1 + i % 2 : i % 3).url(), TOKEN).submit(src.host() + "/" + repo,
                        dst.host() + "/" + prefix + "/job" + i, Pattern.quote(tag));
            } catch (IllegalStateException e) { // instance a was halted under this request: a client retries elsewhere
                id = new ServiceClient(three.get(1).url(), TOKEN).submit(src.host() + "/" + repo,
                        dst.host() + "/" + prefix + "/job" + i, Pattern.quote(tag));
            }
            ids.add(id);
            tagOf.put(id, i + " " + tag);
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            Map<JobState, Integer> counts = three.get(1).stats().jobs();
            int ended = counts.getOrDefault(JobState.SUCCEEDED, 0) + counts.getOrDefault(JobState.FAILED, 0)
                    + counts.getOrDefault(JobState.CANCELLED, 0);
            if (ended >= n) {
                break;
            }
            Thread.sleep(500);
        }
        double wallS = (System.nanoTime() - t0) / 1e9;
        killer.interrupt();
        killer.join(5000);
        // every job: state, attempts, orphan wait; destination digest equals the source's
        Map<String, Integer> byState = new TreeMap<>();
        List<Long> orphanWaits = new ArrayList<>();
        int reattempted = 0;
        try (Connection c = DriverManager.getConnection(db, "postgres", null); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT state, attempt, orphan_wait_ms FROM jobs")) {
            while (rs.next()) {
                byState.merge(rs.getString(1), 1, Integer::sum);
                if (rs.getInt(2) > 1) {
                    reattempted++;
                    orphanWaits.add(rs.getLong(3));
                }
            }
        }
        HttpClient http = HttpClient.newHttpClient();
        int digestsOk = 0;
        for (String id : ids) {
            String[] it = tagOf.get(id).split(" ");
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(dst.url() + "/v2/" + prefix + "/job" + it[0]
                            + "/manifests/" + it[1])).method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .header("Accept", "application/vnd.oci.image.manifest.v1+json,application/vnd.docker.distribution.manifest.v2+json")
                    .build(), HttpResponse.BodyHandlers.discarding());
            String want = src.seeded().manifests().get(repo).get(it[1]);
            if (r.statusCode() == 200 && want.equals(r.headers().firstValue("Docker-Content-Digest").orElse(""))) {
                digestsOk++;
            }
        }
        long runsTotal = runs.values().stream().mapToInt(AtomicInteger::get).sum();
        long runOnce = runs.values().stream().filter(v -> v.get() == 1).count();
        Map<String, Integer> dist = new TreeMap<>();
        perInstance.forEach((k, v) -> dist.put(k, v.get()));
        orphanWaits.sort(null);
        System.out.printf(java.util.Locale.ROOT, "%s: %d jobs, 3 instances on one PostgreSQL, wall %.1f s; rows by state %s;"
                        + " runs %d (jobs run exactly once: %d, jobs started more than once: %d); runs per instance %s;"
                        + " destination digests equal to source: %d/%d; jobs re-claimed after their owner stopped: %d,"
                        + " orphan wait ms (sorted) %s%n",
                kill ? "scale-out with instance a halted mid-run" : "scale-out", n, wallS, byState, runsTotal, runOnce,
                runs.size() - runOnce, dist, digestsOk, n, reattempted, summarize(orphanWaits));
        for (int i = halted.get() ? 1 : 0; i < 3; i++) {
            three.get(i).close();
        }
    }

    private static String summarize(List<Long> v) {
        if (v.isEmpty()) {
            return "[]";
        }
        return "n=" + v.size() + " min=" + v.get(0) + " median=" + v.get(v.size() / 2) + " max=" + v.get(v.size() - 1);
    }

    private static void restart(int n) throws Exception {
        Path dir = Files.createTempDirectory("regbench-restart-");
        try {
            ReplicationService first = ReplicationService.builder()
                    .config(ServiceConfig.DEFAULT.withPort(0).withJobLimits(2, 1000))
                    .access(AccessPolicy.of(List.of(TOKEN))).dataDir(dir)
                    .runner((spec, ctx) -> Thread.sleep(300)).start();
            ServiceClient c = new ServiceClient(first.url(), TOKEN);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ids.add(c.submit("127.0.0.1:9/src/app", "127.0.0.1:9/dst/r" + i, ".*"));
            }
            Thread.sleep(1500);
            Map<JobState, Integer> before = first.stats().jobs();
            first.halt();
            long t0 = System.nanoTime();
            ReplicationService second = ReplicationService.builder()
                    .config(ServiceConfig.DEFAULT.withPort(0).withJobLimits(2, 1000))
                    .access(AccessPolicy.of(List.of(TOKEN))).dataDir(dir)
                    .runner((spec, ctx) -> Thread.sleep(300)).start();
            ServiceClient c2 = new ServiceClient(second.url(), TOKEN);
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() < deadline && second.stats().jobs().getOrDefault(JobState.SUCCEEDED, 0) < n) {
                Thread.sleep(200);
            }
            int found = 0;
            for (String id : ids) {
                if (c2.get("/jobs/" + id).status() == 200) {
                    found++;
                }
            }
            System.out.printf(java.util.Locale.ROOT, "restart (embedded H2 file store): %d jobs, at the halt %s; after restart"
                            + " %s within %.1f s; %d/%d ids answer 200%n", n, before, second.stats().jobs(),
                    (System.nanoTime() - t0) / 1e9, found, n);
            second.close();
        } finally {
            RealServers.deleteTree(dir);
        }
    }

    private ScaleBench() {
    }
}
