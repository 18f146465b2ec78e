package dev.regbench.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several service instances on one real PostgreSQL (started by the test in a temp directory):
 * each job runs exactly once, a job whose instance stops renewing is taken over after the lease,
 * watchers and log followers on one instance see jobs running on another, and a database that
 * goes away and comes back. Skips when PostgreSQL is not installed, unless required.
 */
class SharedPostgresTest {

    private static final String TOKEN = "test-token-0123456789abcdef";
    private static LocalPostgres pg;
    private final List<ReplicationService> services = new ArrayList<>();

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = LocalPostgres.launch();
    }

    @AfterAll
    static void stopPostgres() {
        if (pg != null) {
            pg.close();
        }
    }

    @AfterEach
    void stopServices() {
        for (ReplicationService s : services) {
            s.close();
        }
    }

    private ReplicationService instance(String db, String id, ClusterConfig cluster, JobRunner runner, int maxRunning) {
        ReplicationService s = ReplicationService.builder()
                .config(ServiceConfig.DEFAULT.withPort(0).withJobLimits(maxRunning, 1000))
                .cluster(cluster.withInstanceId(id))
                .access(AccessPolicy.of(List.of(TOKEN)))
                .database(db, "postgres", null)
                .runner(runner)
                .start();
        services.add(s);
        return s;
    }

    private static String submit(ServiceClient c, int i) {
        return c.submit("127.0.0.1:9/src/app", "127.0.0.1:9/dst/job" + i, ".*");
    }

    @Test
    void threeInstances_runEveryJobExactlyOnce() throws Exception {
        String db = pg.newDatabase();
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> perInstance = new ConcurrentHashMap<>();
        List<ReplicationService> three = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            three.add(instance(db, name, ClusterConfig.DEFAULT, (spec, ctx) -> {
                runs.computeIfAbsent(ctx.jobId(), k -> new AtomicInteger()).incrementAndGet();
                perInstance.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
                Thread.sleep(30);
            }, 2));
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ids.add(submit(new ServiceClient(three.get(i % 3).url(), TOKEN), i));
        }
        ServiceClient any = new ServiceClient(three.get(0).url(), TOKEN);

        await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().allMatch(id -> any.state(id).equals("SUCCEEDED")));

        assertThat(runs).hasSize(60);
        assertThat(runs.values()).allSatisfy(n -> assertThat(n.get()).as("runs of one job").isEqualTo(1));
        assertThat(perInstance.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(60);
        assertThat(three.get(0).stats().jobs().get(JobState.SUCCEEDED)).isEqualTo(60);
    }

    @Test
    void jobOfAnInstanceThatStopsRenewing_isTakenOverAfterTheLease_andFinishes() throws Exception {
        String db = pg.newDatabase();
        ClusterConfig shortLease = ClusterConfig.DEFAULT.withLease(Duration.ofMillis(1500), Duration.ofMillis(300));
        CountDownLatch neverOpens = new CountDownLatch(1);
        List<String> ranOn = new CopyOnWriteArrayList<>();
        ReplicationService a = instance(db, "a", shortLease, (spec, ctx) -> {
            ranOn.add("a");
            neverOpens.await();
        }, 1);
        ServiceClient ca = new ServiceClient(a.url(), TOKEN);
        String id = submit(ca, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> ca.state(id).equals("RUNNING"));

        a.halt(); // like kill -9: the job stays RUNNING with a lease nobody renews
        services.remove(a);
        ReplicationService b = instance(db, "b", shortLease, (spec, ctx) -> ranOn.add("b"), 1);
        ServiceClient cb = new ServiceClient(b.url(), TOKEN);

        await().atMost(Duration.ofSeconds(15)).until(() -> cb.state(id).equals("SUCCEEDED"));
        assertThat(ranOn).containsExactly("a", "b");
        String log = cb.get("/jobs/" + id + "/logs").raw().body();
        assertThat(log).contains("instance a stopped renewing its lease; re-claimed by b after").contains("(attempt 2)");
    }

    @Test
    void watcherAndFollowerOnOneInstance_seeAJobRunningOnAnother() throws Exception {
        String db = pg.newDatabase();
        CountDownLatch gate = new CountDownLatch(1);
        JobRunner stepping = (spec, ctx) -> {
            ctx.tagsPlanned(3);
            for (int i = 0; i < 3; i++) {
                gate.await(10, TimeUnit.SECONDS);
                ctx.progress(1000, 1, 1);
                ctx.log("step " + i + " done");
            }
        };
        ReplicationService runner = instance(db, "runner", ClusterConfig.DEFAULT, stepping, 1);
        ServiceClient cr = new ServiceClient(runner.url(), TOKEN);
        String id = submit(cr, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> cr.state(id).equals("RUNNING"));
        // an instance that runs nothing: every job it shows runs on the other one
        ReplicationService viewer = instance(db, "viewer", ClusterConfig.DEFAULT, (spec, ctx) -> { }, 1);
        ServiceClient cv = new ServiceClient(viewer.url(), TOKEN);
        HttpClient http = HttpClient.newHttpClient();
        WsRecorder watcher = WsRecorder.connect(http, viewer.url().replace("http", "ws") + "/ws/jobs/" + id, true, TOKEN);
        CompletableFuture<HttpResponse<String>> follower = http.sendAsync(
                cv.request(cv.uri("/jobs/" + id + "/logs?follow=true")).build(), HttpResponse.BodyHandlers.ofString());

        gate.countDown();

        assertThat(watcher.closed.get(20, TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(watcher.messages.get(0).get("type").asText()).isEqualTo("snapshot");
        assertThat(watcher.last().get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(watcher.last().get("bytes").asLong()).isEqualTo(3000);
        String log = follower.get(20, TimeUnit.SECONDS).body();
        assertThat(log).contains(" job " + id + " queued: ").contains("step 2 done").endsWith("job succeeded\n");
    }

    @Test
    void logRetention_prunesOnPostgres() throws Exception {
        try (JdbcJobRepository store = JdbcJobRepository.open(pg.newDatabase(), "postgres", null, 2)) {
            LogRetentionTest.pruneScenario(store);
        }
    }

    @Test
    void databaseDownAtStart_isAClearStoreUnavailableError() throws Exception {
        int nothing = RealServers.freePort();
        assertThatThrownBy(() -> ReplicationService.builder().runner((spec, ctx) -> { })
                .database("jdbc:postgresql://127.0.0.1:" + nothing + "/jobs?password=secret-pw", "postgres", null).start())
                .satisfies(e -> assertThat(ReplicationService.isStoreUnavailable(e)).isTrue())
                .hasMessageContaining("cannot reach the job store jdbc:postgresql://127.0.0.1:" + nothing + "/jobs")
                .hasMessageNotContaining("secret-pw");
    }

    @Test
    void databaseGoingAway_answers503OnWrites_servesCachedReads_andRecovers() throws Exception {
        String db = pg.newDatabase();
        ReplicationService s = instance(db, "solo", ClusterConfig.DEFAULT, (spec, ctx) -> { }, 1);
        ServiceClient c = new ServiceClient(s.url(), TOKEN);
        String done = submit(c, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> c.state(done).equals("SUCCEEDED"));
        assertThat(c.get("/jobs/active").status()).isEqualTo(200);

        pg.stop();
        try {
            ServiceClient.Reply write = c.post("/jobs", ServiceClient.json(Map.of(
                    "source", "127.0.0.1:9/src/app", "destination", "127.0.0.1:9/dst/x")));
            ServiceClient.Reply read = c.get("/jobs/active");
            ServiceClient.Reply health = c.get("/healthz");

            assertThat(write.status()).isEqualTo(503);
            assertThat(write.header("Retry-After")).isEqualTo("2");
            assertThat(write.json().get("error").asText()).contains("job store is unavailable");
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.header("X-Cache")).isIn("HIT", "STALE");
            assertThat(health.status()).isEqualTo(503);
        } finally {
            pg.start();
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> c.post("/jobs",
                ServiceClient.json(Map.of("source", "127.0.0.1:9/src/app", "destination", "127.0.0.1:9/dst/y")))
                .status() == 201);
        assertThat(c.get("/healthz").status()).isEqualTo(200);
    }
}
