package dev.regbench.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Cache-aside on {@code /jobs/active} and {@code /jobs/failed} over real HTTP: hits within the
 * TTL (time moved by a manual ticker, no sleeping), expiry, invalidation on every state change,
 * the off switch, and the counters.
 */
class ListingCacheTest {

    private final ManualTicker ticker = new ManualTicker();
    private ReplicationService service;
    private ServiceClient client;
    private GatedRunner gated;

    @AfterEach
    void stop() {
        gated.open();
        service.close();
    }

    private void start(ServiceConfig config, JobRunner work) {
        gated = new GatedRunner(work);
        service = ReplicationService.builder().config(config.withPort(0)).runner(gated).ticker(ticker).start();
        client = new ServiceClient(service);
    }

    private String runningJob() {
        String id = client.submit("127.0.0.1:9/src/app", "127.0.0.1:9/dst/app", ".*");
        await().atMost(Duration.ofSeconds(10)).until(() -> client.state(id).equals("RUNNING"));
        return id;
    }

    @Test
    void activeListing_isServedFromCache_withinTtl_andSaysHowOld() {
        start(ServiceConfig.DEFAULT, (spec, ctx) -> { });
        String id = runningJob();

        ServiceClient.Reply first = client.get("/jobs/active");
        ticker.advance(Duration.ofSeconds(3));
        ServiceClient.Reply second = client.get("/jobs/active");

        assertThat(first.header("X-Cache")).isEqualTo("MISS");
        assertThat(first.json().get("ageMs").asLong()).isZero();
        assertThat(second.header("X-Cache")).isEqualTo("HIT");
        assertThat(second.json().get("cache").asText()).isEqualTo("HIT");
        assertThat(second.json().get("ageMs").asLong()).isEqualTo(3000);
        assertThat(second.json().get("asOf").asLong()).isEqualTo(first.json().get("asOf").asLong());
        assertThat(second.json().at("/jobs/0/id").asText()).isEqualTo(id);
        assertThat(service.stats().activeHits()).isEqualTo(1);
        assertThat(service.stats().activeMisses()).isEqualTo(1);
    }

    @Test
    void activeListing_isRecomputed_afterTtl() {
        start(ServiceConfig.DEFAULT, (spec, ctx) -> { });
        runningJob();
        client.get("/jobs/active");

        ticker.advance(Duration.ofSeconds(5).plusMillis(1));

        assertThat(client.get("/jobs/active").header("X-Cache")).isEqualTo("MISS");
    }

    @Test
    void anyStateChange_invalidatesCachedListings() {
        start(ServiceConfig.DEFAULT, (spec, ctx) -> { });
        String first = runningJob();
        client.get("/jobs/active");
        assertThat(client.get("/jobs/active").header("X-Cache")).isEqualTo("HIT");

        String second = client.submit("127.0.0.1:9/src/app", "127.0.0.1:9/dst/b", ".*");
        ServiceClient.Reply afterSubmit = client.get("/jobs/active");
        client.delete("/jobs/" + second);
        // a job already claimed by a runner ends when its runner notices the cancel: wait for the
        // state change itself (read by id, not through the listing), then list
        await().atMost(Duration.ofSeconds(10)).until(() -> client.state(second).equals("CANCELLED"));
        ServiceClient.Reply afterCancel = client.get("/jobs/active");

        assertThat(afterSubmit.header("X-Cache")).isEqualTo("MISS");
        assertThat(afterSubmit.json().get("count").asInt()).isEqualTo(2);
        assertThat(afterCancel.header("X-Cache")).isEqualTo("MISS");
        assertThat(afterCancel.json().get("count").asInt()).isEqualTo(1);
        assertThat(afterCancel.json().at("/jobs/0/id").asText()).isEqualTo(first);
    }

    @Test
    void failedListing_isCachedPerLimit_for30Seconds() {
        start(ServiceConfig.DEFAULT, (spec, ctx) -> {
            throw new java.io.IOException("source unreachable: " + spec.source());
        });
        gated.open();
        String id = client.submit("127.0.0.1:9/src/app", "127.0.0.1:9/dst/app", ".*");
        await().atMost(Duration.ofSeconds(10)).until(() -> client.state(id).equals("FAILED"));

        ServiceClient.Reply one = client.get("/jobs/failed?limit=1");
        ServiceClient.Reply oneAgain = client.get("/jobs/failed?limit=1");
        ServiceClient.Reply two = client.get("/jobs/failed?limit=2");
        ticker.advance(Duration.ofSeconds(29));
        ServiceClient.Reply stillCached = client.get("/jobs/failed?limit=1");
        ticker.advance(Duration.ofSeconds(2));
        ServiceClient.Reply expired = client.get("/jobs/failed?limit=1");

        assertThat(one.header("X-Cache")).isEqualTo("MISS");
        assertThat(one.json().at("/jobs/0/error").asText()).contains("source unreachable");
        assertThat(oneAgain.header("X-Cache")).isEqualTo("HIT");
        assertThat(two.header("X-Cache")).isEqualTo("MISS");
        assertThat(stillCached.header("X-Cache")).isEqualTo("HIT");
        assertThat(stillCached.json().get("ageMs").asLong()).isEqualTo(29_000);
        assertThat(expired.header("X-Cache")).isEqualTo("MISS");
        assertThat(service.stats().failedHits()).isEqualTo(2);
        assertThat(service.stats().failedMisses()).isEqualTo(3);
    }

    @Test
    void cacheSwitchedOff_computesEveryAnswer() {
        start(ServiceConfig.DEFAULT.withCacheEnabled(false), (spec, ctx) -> { });
        runningJob();

        for (int i = 0; i < 3; i++) {
            assertThat(client.get("/jobs/active").header("X-Cache")).isEqualTo("MISS");
        }

        assertThat(service.stats().activeHits()).isZero();
        assertThat(service.stats().activeMisses()).isEqualTo(3);
    }

    @Test
    void metrics_showCacheHitsAndMisses_inPrometheusText() {
        start(ServiceConfig.DEFAULT, (spec, ctx) -> { });
        runningJob();
        client.get("/jobs/active");
        client.get("/jobs/active");

        ServiceClient.Reply metrics = client.get("/metrics");

        assertThat(metrics.header("Content-Type")).startsWith("text/plain");
        assertThat(metrics.raw().body())
                .contains("regbench_cache_hits_total{listing=\"active\"} 1\n")
                .contains("regbench_cache_misses_total{listing=\"active\"} 1\n")
                .contains("regbench_jobs{state=\"running\"} 1\n")
                .contains("# TYPE regbench_websockets_open gauge");
    }
}
