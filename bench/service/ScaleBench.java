package dev.regbench.service;

import dev.regbench.fakeregistry.FakeRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Benchmark (not a test; {@code KillNineTest} checks the same behaviour without times) of the job
 * service past one instance, each instance its own OS process ({@link ServiceProcess}, the engine's
 * replicator, two jobs at once) copying one tag of the {@code many-small} dataset per job from a
 * fake registry with 20 ms per request ({@code wan}) to another:
 * <ol>
 * <li>{@code scale}: 3 instances on one PostgreSQL, N jobs submitted round-robin; wall time,
 *     jobs per instance, runs per job, destination digests.</li>
 * <li>{@code kill}: the same, instance a killed with SIGKILL once a third of the jobs succeeded
 *     while it runs some; how long its orphaned jobs waited for a new owner (the store's
 *     {@code orphan_wait_ms}: last renewal to re-claim) with lease 3 s and 15 s.</li>
 * <li>{@code restart}: 50 jobs on the embedded (H2 file) store, the instance killed (SIGKILL) and
 *     started again on the same data directory: jobs lost, time until all succeeded.</li>
 * </ol>
 * Run: {@code bench/service/run.sh scale|kill|restart|all [jobs]}.
 */
public final class ScaleBench {

    private static final String TOKEN = AccessPolicy.randomToken();
    /** One client per instance: a new HttpClient per request costs more than the request. */
    private static final Map<String, ServiceClient> CLIENTS = new java.util.concurrent.ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "all";
        int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        try (FakeRegistry src = FakeRegistry.builder().dataset("many-small").network("wan").start();
             FakeRegistry dst = FakeRegistry.builder().start()) {
            if (what.equals("all") || what.equals("scale") || what.equals("kill")) {
                try (LocalPostgres pg = LocalPostgres.launch()) {
                    if (!what.equals("kill")) {
                        scaleOut(pg, src, dst, jobs, false, Duration.ofSeconds(3));
                    }
                    if (!what.equals("scale")) {
                        scaleOut(pg, src, dst, jobs, true, Duration.ofSeconds(3));
                        scaleOut(pg, src, dst, jobs, true, ClusterConfig.DEFAULT.lease());
                    }
                }
            }
            if (what.equals("all") || what.equals("restart")) {
                restart(src, dst, 50);
            }
        }
    }

    private static String repo(FakeRegistry src) {
        return src.seeded().manifests().keySet().iterator().next();
    }

    private static List<String> tags(FakeRegistry src) {
        return List.copyOf(new TreeSet<>(src.seeded().manifests().get(repo(src)).keySet()));
    }

    private static String submit(String url, FakeRegistry src, FakeRegistry dst, String prefix, int i) {
        List<String> tags = tags(src);
        return CLIENTS.computeIfAbsent(url, u -> new ServiceClient(u, TOKEN)).submit(src.host() + "/" + repo(src), dst.host() + "/" + prefix + "/job" + i,
                Pattern.quote(tags.get(i % tags.size())));
    }

    private static List<String> column(Connection c, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static void scaleOut(LocalPostgres pg, FakeRegistry src, FakeRegistry dst, int n, boolean kill, Duration lease)
            throws Exception {
        String url = pg.newDatabase();
        String prefix = "bench" + System.nanoTime();
        Path journal = Files.createTempFile("regbench-bench-runs-", ".log");
        List<ServiceProcess> three = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(url, "postgres", null)) {
            for (String name : List.of("a", "b", "c")) {
                three.add(ServiceProcess.start(url, name, lease, journal, TOKEN));
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                submit(three.get(i % 3).url(), src, dst, prefix, i);
            }
            double submitS = (System.nanoTime() - t0) / 1e9;
            long killedAt = 0;
            int orphans = 0;
            if (kill) {
                while (!column(db, "SELECT COUNT(*) FILTER (WHERE state = 'SUCCEEDED') >= " + n / 3
                        + " AND COUNT(*) FILTER (WHERE state = 'RUNNING' AND owner = 'a') > 0 FROM jobs").get(0).equals("t")) {
                    if (System.nanoTime() - t0 > Duration.ofMinutes(5).toNanos()) {
                        throw new IllegalStateException("instance a never ran a job after a third had ended");
                    }
                    Thread.sleep(10);
                }
                three.get(0).kill();
                killedAt = System.currentTimeMillis();
                orphans = column(db, "SELECT id FROM jobs WHERE state = 'RUNNING' AND owner = 'a'").size();
            }
            while (!column(db, "SELECT id FROM jobs WHERE state IN ('QUEUED', 'RUNNING')").isEmpty()) {
                if (System.nanoTime() - t0 > Duration.ofMinutes(10).toNanos()) {
                    throw new IllegalStateException("jobs still open after 10 min");
                }
                Thread.sleep(100);
            }
            double wallS = (System.nanoTime() - t0) / 1e9;
            Map<String, Integer> byState = new TreeMap<>();
            column(db, "SELECT state FROM jobs").forEach(s -> byState.merge(s, 1, Integer::sum));
            Map<String, List<KillNineTest.Run>> runs = KillNineTest.runsByJob(journal);
            Map<String, Integer> finishedBy = new TreeMap<>();
            runs.values().forEach(r -> finishedBy.merge(r.get(r.size() - 1).instance(), 1, Integer::sum));
            long ranTwice = runs.values().stream().filter(r -> r.size() > 1).count();
            List<Long> waits = new ArrayList<>();
            column(db, "SELECT orphan_wait_ms FROM jobs WHERE attempt > 1").forEach(w -> waits.add(Long.parseLong(w)));
            waits.sort(null);
            long lastReclaim = 0;
            for (List<KillNineTest.Run> r : runs.values()) {
                if (r.size() > 1) {
                    lastReclaim = Math.max(lastReclaim, r.get(r.size() - 1).startMs() - killedAt);
                }
            }
            System.out.printf(Locale.ROOT, "%s (lease %d s): %d jobs over 3 processes on one PostgreSQL; submitted in %.1f s,"
                            + " all ended in %.1f s; rows %s; jobs finished per instance %s; jobs run more than once %d;"
                            + " destination digests equal to the source's %d/%d%n",
                    kill ? "kill -9 of instance a" : "scale-out", lease.toSeconds(), n, submitS, wallS, byState, finishedBy,
                    ranTwice, digests(src, dst, prefix, n), n);
            if (kill) {
                System.out.printf(Locale.ROOT, "  orphans (RUNNING on a at the kill) %d; re-claimed %d; orphan wait ms"
                                + " (last renewal to re-claim) %s; last re-claimed run started %d ms after the kill%n",
                        orphans, waits.size(), summary(waits), lastReclaim);
            }
        } finally {
            three.forEach(ServiceProcess::close);
            Files.deleteIfExists(journal);
        }
    }

    private static int digests(FakeRegistry src, FakeRegistry dst, String prefix, int n) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        List<String> tags = tags(src);
        int ok = 0;
        for (int i = 0; i < n; i++) {
            String tag = tags.get(i % tags.size());
            var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(dst.url() + "/v2/" + prefix + "/job"
                            + i + "/manifests/" + tag)).method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())
                    .header("Accept", "application/vnd.oci.image.manifest.v1+json,"
                            + "application/vnd.docker.distribution.manifest.v2+json").build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() == 200 && src.seeded().manifests().get(repo(src)).get(tag)
                    .equals(r.headers().firstValue("Docker-Content-Digest").orElse(""))) {
                ok++;
            }
        }
        return ok;
    }

    private static String summary(List<Long> sorted) {
        if (sorted.isEmpty()) {
            return "none";
        }
        return "n=" + sorted.size() + " min " + sorted.get(0) + " median " + sorted.get(sorted.size() / 2) + " max "
                + sorted.get(sorted.size() - 1);
    }

    private static void restart(FakeRegistry src, FakeRegistry dst, int n) throws Exception {
        Path dir = Files.createTempDirectory("regbench-bench-restart-");
        Path journal = dir.resolve("runs.log");
        String prefix = "restart" + System.nanoTime();
        ServiceProcess second = null;
        try (ServiceProcess first = ServiceProcess.start(dir.toString(), "solo", ClusterConfig.DEFAULT.lease(), journal, TOKEN)) {
            ServiceClient c = new ServiceClient(first.url(), TOKEN);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ids.add(submit(first.url(), src, dst, prefix, i));
            }
            Map<String, Integer> atKill;
            long t0 = System.nanoTime();
            while (true) {
                atKill = new TreeMap<>();
                for (String id : ids) {
                    atKill.merge(c.state(id), 1, Integer::sum);
                }
                if (atKill.getOrDefault("SUCCEEDED", 0) >= 5 && atKill.getOrDefault("RUNNING", 0) >= 1) {
                    break;
                }
                if (System.nanoTime() - t0 > Duration.ofMinutes(2).toNanos()) {
                    throw new IllegalStateException("no job ran within 2 min: " + atKill);
                }
            }
            first.kill();
            long killed = System.nanoTime();
            second = ServiceProcess.start(dir.toString(), "solo", ClusterConfig.DEFAULT.lease(), journal, TOKEN);
            double upS = (System.nanoTime() - killed) / 1e9;
            ServiceClient c2 = new ServiceClient(second.url(), TOKEN);
            Map<String, Integer> after;
            while (true) {
                after = new TreeMap<>();
                for (String id : ids) {
                    after.merge(c2.get("/jobs/" + id).status() == 404 ? "LOST" : c2.state(id), 1, Integer::sum);
                }
                if (after.getOrDefault("SUCCEEDED", 0) + after.getOrDefault("LOST", 0) + after.getOrDefault("FAILED", 0) >= n
                        || System.nanoTime() - killed > Duration.ofMinutes(5).toNanos()) {
                    break;
                }
                Thread.sleep(200);
            }
            long twice = KillNineTest.runsByJob(journal).values().stream().filter(r -> r.size() > 1).count();
            System.out.printf(Locale.ROOT, "restart (embedded H2 file store): %d jobs, at the kill %s; serving again %.1f s"
                            + " after the kill; then %s within %.1f s of the kill; jobs run twice %d; destination digests"
                            + " %d/%d%n", n, atKill, upS, after, (System.nanoTime() - killed) / 1e9, twice,
                    digests(src, dst, prefix, n), n);
        } finally {
            if (second != null) {
                second.close();
            }
            RealServers.deleteTree(dir);
        }
    }

    private ScaleBench() {
    }
}
