package dev.regbench.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.regbench.fakeregistry.FakeRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Job service instances as separate OS processes ({@link ServiceProcess}) killed with SIGKILL in
 * the middle of real replication jobs between two fake registries:
 * <ul>
 * <li>three instances on one PostgreSQL, one killed: every job still succeeds exactly once (one
 *     SUCCEEDED row, the destination manifest's digest equal to the source's), only the killed
 *     instance's running jobs run again, and each of those is re-claimed by a live instance after
 *     the kill, never while the killed one could still run it;</li>
 * <li>the single embedded instance (H2 file) killed and restarted on its data directory: no job lost.</li>
 * </ul>
 * The journal the processes write (one line per run start and end) is what "ran once" is checked
 * against. Counts only; {@code bench/service} prints the times (orphan waits). Skips without
 * PostgreSQL, unless required.
 */
class KillNineTest {

    private static final String TOKEN = AccessPolicy.randomToken();
    // long enough that a live instance stalled by a loaded machine keeps its jobs; short enough for a quick test
    private static final Duration LEASE = Duration.ofSeconds(5);
    private static FakeRegistry source;
    private static FakeRegistry destination;
    private static String repo;
    private static List<String> tags;

    @BeforeAll
    static void registries() throws Exception {
        // 20 ms per request to the source: a job takes a few hundred ms, so the kill finds jobs running
        source = FakeRegistry.builder().dataset("many-small").network("wan").start();
        destination = FakeRegistry.builder().start();
        repo = source.seeded().manifests().keySet().iterator().next();
        tags = List.copyOf(new TreeSet<>(source.seeded().manifests().get(repo).keySet()));
    }

    @AfterAll
    static void stopRegistries() {
        if (source != null) {
            source.close();
        }
        if (destination != null) {
            destination.close();
        }
    }

    /** One journal run: start line, and the end line when the run got to write it. */
    record Run(String job, String life, long startMs, Long endMs, boolean ok) {
        /** The instance id, without the process id. */
        String instance() {
            return life.substring(0, life.indexOf('@'));
        }
    }

    static Map<String, List<Run>> runsByJob(Path journal) throws Exception {
        Map<String, List<Run>> open = new HashMap<>();
        Map<String, List<Run>> out = new HashMap<>();
        for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
            String[] f = line.split(" ");
            if (f[0].equals("start")) {
                Run r = new Run(f[1], f[2], Long.parseLong(f[3]), null, false);
                open.computeIfAbsent(f[1] + " " + f[2], k -> new ArrayList<>()).add(r);
                out.computeIfAbsent(f[1], k -> new ArrayList<>()).add(r);
            } else {
                Run started = open.get(f[1] + " " + f[2]).remove(0);
                List<Run> runs = out.get(f[1]);
                runs.set(runs.indexOf(started), new Run(f[1], f[2], started.startMs(), Long.parseLong(f[3]),
                        f[4].equals("ok")));
            }
        }
        return out;
    }

    /** Jobs whose destination {@code prefix/job<i>} holds the source manifest of the tag job i copied. */
    static int digestsMatching(String prefix, int n) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        int ok = 0;
        for (int i = 0; i < n; i++) {
            String tag = tags.get(i % tags.size());
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(destination.url() + "/v2/" + prefix
                            + "/job" + i + "/manifests/" + tag)).method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .header("Accept", "application/vnd.oci.image.manifest.v1+json,"
                            + "application/vnd.docker.distribution.manifest.v2+json").build(),
                    HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() == 200 && source.seeded().manifests().get(repo).get(tag)
                    .equals(r.headers().firstValue("Docker-Content-Digest").orElse(""))) {
                ok++;
            }
        }
        return ok;
    }

    /** One client per instance: a new HttpClient per request costs more than the request. */
    private static final Map<String, ServiceClient> CLIENTS = new java.util.concurrent.ConcurrentHashMap<>();

    static String submit(String url, String prefix, int i) {
        return CLIENTS.computeIfAbsent(url, u -> new ServiceClient(u, TOKEN)).submit(source.host() + "/" + repo, destination.host() + "/" + prefix
                + "/job" + i, Pattern.quote(tags.get(i % tags.size())));
    }

    /** Waits for {@code done}; on time-out fails with the rows by state and owner. */
    private static void awaitRows(Connection db, Duration atMost, java.util.concurrent.Callable<Boolean> done) throws Exception {
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(done);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("jobs by state and owner after " + atMost + ": "
                    + column(db, "SELECT state || '/' || COALESCE(owner, '-') || '=' || COUNT(*) FROM jobs GROUP BY state, owner"), e);
        }
    }

    private static List<String> column(Connection db, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void threeProcessesOnOnePostgres_oneKilledMidRun_everyJobSucceedsExactlyOnce() throws Exception {
        int n = 300;
        Path journal = Files.createTempFile("regbench-runs-", ".log");
        List<ServiceProcess> three = new ArrayList<>();
        try (LocalPostgres pg = LocalPostgres.launch()) {
            String url = pg.newDatabase();
            for (String name : List.of("a", "b", "c")) {
                three.add(ServiceProcess.start(url, name, LEASE, journal, TOKEN));
            }
            Connection db = DriverManager.getConnection(url, "postgres", null); // closed with the server
            for (int i = 0; i < n; i++) {
                submit(three.get(i % 3).url(), "kill9", i);
            }
            // kill a once a third of the jobs ended, at a moment it is running some
            awaitRows(db, Duration.ofSeconds(60), () ->
                    column(db, "SELECT COUNT(*) FILTER (WHERE state = 'SUCCEEDED') >= " + n / 3
                            + " AND COUNT(*) FILTER (WHERE state = 'RUNNING' AND owner = 'a') > 0 FROM jobs").get(0).equals("t"));
            int status = three.get(0).kill();
            long killedAt = System.currentTimeMillis();
            List<String> orphans = column(db, "SELECT id FROM jobs WHERE state = 'RUNNING' AND owner = 'a'");

            awaitRows(db, Duration.ofSeconds(90), () ->
                    column(db, "SELECT id FROM jobs WHERE state IN ('QUEUED', 'RUNNING')").isEmpty());

            assertThat(status).as("exit status of SIGKILL").isEqualTo(128 + 9);
            assertThat(orphans).as("jobs the killed instance was running").isNotEmpty();
            assertThat(column(db, "SELECT state FROM jobs")).hasSize(n).containsOnly("SUCCEEDED");
            assertThat(digestsMatching("kill9", n)).as("destination digests equal to the source's").isEqualTo(n);
            Map<String, List<Run>> runs = runsByJob(journal);
            assertThat(runs).hasSize(n);
            Map<String, Integer> attempts = new HashMap<>();
            for (String row : column(db, "SELECT id || ' ' || attempt FROM jobs")) {
                attempts.put(row.split(" ")[0], Integer.parseInt(row.split(" ")[1]));
            }
            for (Map.Entry<String, List<Run>> e : runs.entrySet()) {
                List<Run> r = e.getValue();
                Run last = r.get(r.size() - 1);
                assertThat(last.ok()).as("job %s's last run", e.getKey()).isTrue();
                // a claim cut by the kill before its run began leaves no journal line
                assertThat(r.size()).as("runs of job %s <= its claims", e.getKey()).isLessThanOrEqualTo(attempts.get(e.getKey()));
                if (orphans.contains(e.getKey())) {
                    assertThat(r.subList(0, r.size() - 1)).as("orphan %s: earlier runs on a", e.getKey())
                            .allSatisfy(run -> assertThat(run.instance()).isEqualTo("a"));
                    assertThat(last.instance()).as("orphan %s: run again by a live instance", e.getKey()).isIn("b", "c");
                    assertThat(last.startMs()).as("re-claimed after the kill").isGreaterThanOrEqualTo(killedAt);
                    assertThat(attempts.get(e.getKey())).isEqualTo(2);
                } else {
                    assertThat(r).as("job %s ran once", e.getKey()).hasSize(1);
                    assertThat(attempts.get(e.getKey())).isEqualTo(1);
                }
            }
            Map<String, Integer> finishedBy = new HashMap<>();
            runs.values().forEach(r -> finishedBy.merge(r.get(r.size() - 1).instance(), 1, Integer::sum));
            assertThat(finishedBy.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(n);
            assertThat(finishedBy).containsKeys("a", "b", "c");
            assertThat(column(db, "SELECT orphan_wait_ms FROM jobs WHERE attempt > 1")).hasSize(orphans.size())
                    .allSatisfy(ms -> assertThat(Long.parseLong(ms)).isPositive());
        } finally {
            three.forEach(ServiceProcess::close);
            Files.deleteIfExists(journal);
        }
    }

    @Test
    void embeddedInstanceKilledAndRestarted_losesNoJob() throws Exception {
        int n = 50;
        Path dataDir = Files.createTempDirectory("regbench-kill9-h2-");
        Path journal = dataDir.resolve("runs.log");
        ServiceProcess second = null;
        try (ServiceProcess first = ServiceProcess.start(dataDir.toString(), "solo", LEASE, journal, TOKEN)) {
            ServiceClient c1 = new ServiceClient(first.url(), TOKEN);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ids.add(submit(first.url(), "restart", i));
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                Map<String, Integer> by = states(c1, ids);
                return by.getOrDefault("SUCCEEDED", 0) >= 5 && by.getOrDefault("RUNNING", 0) >= 1
                        && by.getOrDefault("QUEUED", 0) >= 10;
            });
            assertThat(first.kill()).isEqualTo(128 + 9);

            second = ServiceProcess.start(dataDir.toString(), "solo", LEASE, journal, TOKEN);
            ServiceClient c2 = new ServiceClient(second.url(), TOKEN);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> states(c2, ids).getOrDefault("SUCCEEDED", 0) == n);

            assertThat(digestsMatching("restart", n)).isEqualTo(n);
            Map<String, List<Run>> runs = runsByJob(journal);
            assertThat(runs).hasSize(n);
            assertThat(runs.values()).allSatisfy(r -> assertThat(r.get(r.size() - 1).ok()).isTrue());
            // only jobs in flight at the kill ran again: at most the 2 job threads' (a run ended but not yet
            // stored counts as in flight: its end is not in the store)
            assertThat(runs.values().stream().filter(r -> r.size() > 1).count()).isLessThanOrEqualTo(2L);
        } finally {
            if (second != null) {
                second.close();
            }
            RealServers.deleteTree(dataDir);
        }
    }

    private static Map<String, Integer> states(ServiceClient c, List<String> ids) {
        Map<String, Integer> by = new HashMap<>();
        for (String id : ids) {
            by.merge(c.state(id), 1, Integer::sum);
        }
        return by;
    }
}
