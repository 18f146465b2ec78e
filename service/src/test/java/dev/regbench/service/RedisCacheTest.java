package dev.regbench.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Redis listing cache against a real redis-server (started by the test): shared between
 * instances, invalidated by a state change on any of them, and never an error to a client when
 * Redis is down or too slow (the store answers, counted as a fallback). Skips when redis-server
 * is not installed, unless required.
 */
class RedisCacheTest {

    private static LocalRedis redis;
    private final List<ReplicationService> services = new ArrayList<>();
    private final CountDownLatch gate = new CountDownLatch(1);

    @BeforeAll
    static void startRedis() throws Exception {
        redis = LocalRedis.launch();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    @AfterEach
    void stop() {
        gate.countDown();
        for (ReplicationService s : services) {
            s.close();
        }
    }

    private ServiceClient start(String prefix) {
        ReplicationService s = ReplicationService.builder().config(ServiceConfig.DEFAULT.withPort(0))
                .redis(redis.url()).runner((spec, ctx) -> gate.await()).start();
        services.add(s);
        return new ServiceClient(s);
    }

    @Test
    void listing_isCachedInRedis_andAStateChangeInvalidatesIt() {
        ServiceClient c = start("a");
        String id = c.submit("127.0.0.1:9/src/app", "127.0.0.1:9/dst/app", ".*");
        await().atMost(Duration.ofSeconds(10)).until(() -> c.state(id).equals("RUNNING"));

        ServiceClient.Reply first = c.get("/jobs/active");
        ServiceClient.Reply second = c.get("/jobs/active");
        c.submit("127.0.0.1:9/src/app", "127.0.0.1:9/dst/b", ".*");
        ServiceClient.Reply afterSubmit = c.get("/jobs/active");

        assertThat(services.get(0).cacheKind()).isEqualTo("redis");
        assertThat(first.header("X-Cache")).isEqualTo("MISS");
        assertThat(second.header("X-Cache")).isEqualTo("HIT");
        assertThat(second.json().at("/jobs/0/id").asText()).isEqualTo(id);
        assertThat(afterSubmit.header("X-Cache")).isEqualTo("MISS");
        assertThat(afterSubmit.json().get("count").asInt()).isEqualTo(2);
        assertThat(c.get("/metrics").raw().body()).contains("regbench_cache_hits_total{listing=\"active\"} 1\n")
                .contains("regbench_cache_backend{kind=\"redis\"} 1");
    }

    @Test
    void redisDown_listingsStillAnswer_fromTheStore_countedAsFallbacks_thenHitsAgain() throws Exception {
        ServiceClient c = start("b");
        c.get("/jobs/failed?limit=3");
        redis.stop();
        List<Integer> statuses = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                ServiceClient.Reply r = c.get("/jobs/failed?limit=3");
                statuses.add(r.status());
                assertThat(r.header("X-Cache")).isEqualTo("FALLBACK");
            }
        } finally {
            redis.start();
        }
        assertThat(statuses).containsOnly(200);
        assertThat(services.get(0).stats().failedFallbacks()).isEqualTo(5);
        assertThat(c.get("/metrics").raw().body()).contains("regbench_cache_fallbacks_total{listing=\"failed\"} 5\n");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                .until(() -> "HIT".equals(c.get("/jobs/failed?limit=3").header("X-Cache")));
    }

    @Test
    void redisTooSlow_answersWithinTheTimeout_fromTheStore() throws Exception {
        ServiceClient c = start("c");
        c.get("/jobs/active");
        long pid = redis.pid();
        new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start().waitFor();
        ServiceClient.Reply r;
        try {
            r = c.get("/jobs/active");
        } finally {
            new ProcessBuilder("kill", "-CONT", Long.toString(pid)).start().waitFor();
        }
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-Cache")).isEqualTo("FALLBACK");
        assertThat(services.get(0).stats().activeFallbacks()).isEqualTo(1);
    }
}
