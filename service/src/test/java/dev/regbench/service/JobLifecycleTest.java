package dev.regbench.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.regbench.fakeregistry.FakeRegistry;
import dev.regbench.fakeregistry.dataset.SeedResult;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Submit, run, succeed, fail and cancel jobs over real HTTP, with real pulls from a fake registry. */
class JobLifecycleTest {

    private FakeRegistry registry;
    private ReplicationService service;
    private ServiceClient client;
    private GatedRunner gated;

    @BeforeEach
    void startRegistry() throws Exception {
        registry = FakeRegistry.builder().dataset("tiny").start();
    }

    @AfterEach
    void stop() {
        if (gated != null) {
            gated.open();
        }
        if (service != null) {
            service.close();
        }
        registry.close();
    }

    private void start(ServiceConfig config, JobRunner runner) {
        service = ReplicationService.builder().config(config.withPort(0)).runner(runner).start();
        client = new ServiceClient(service);
    }

    private void startGated(ServiceConfig config) {
        gated = new GatedRunner(new PullOnlyJobRunner());
        start(config, gated);
    }

    private String repo() {
        return registry.seeded().manifests().keySet().iterator().next();
    }

    private String source() {
        return registry.host() + "/" + repo();
    }

    private void awaitState(String id, String state) {
        await().atMost(Duration.ofSeconds(15)).until(() -> client.state(id).equals(state));
    }

    @Test
    void submit_runsJobToSuccess_countingEveryTagBlobAndByte() {
        start(ServiceConfig.DEFAULT, new PullOnlyJobRunner());
        registry.resetStats();

        ServiceClient.Reply created = client.post("/jobs", ServiceClient.json(java.util.Map.of(
                "source", source(), "destination", "127.0.0.1:9/copy/app", "config", "optimized")));

        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.header("Location")).isEqualTo("/jobs/" + id);
        assertThat(created.json().get("config").asText()).isEqualTo("optimized");
        awaitState(id, "SUCCEEDED");
        ServiceClient.Reply job = client.get("/jobs/" + id);
        SeedResult seeded = registry.seeded();
        int tags = seeded.manifests().get(repo()).size();
        assertThat(job.json().at("/progress/tags").asInt()).isEqualTo(tags);
        assertThat(job.json().at("/progress/tagsPlanned").asInt()).isEqualTo(tags);
        assertThat(job.json().at("/progress/blobs").asInt()).isEqualTo(seeded.blobs());
        assertThat(job.json().at("/progress/bytes").asLong()).isEqualTo(seeded.blobBytes());
        assertThat(job.json().has("startedAt")).isTrue();
        assertThat(job.json().has("finishedAt")).isTrue();
        assertThat(registry.stats().requestsByRoute().get("blobs")).isEqualTo(seeded.blobs());
        assertThat(service.stats().bytesReplicated()).isEqualTo(seeded.blobBytes());
    }

    @Test
    void job_isRunningWhileRunnerWorks_thenSucceeds() {
        startGated(ServiceConfig.DEFAULT);
        String id = client.submit(source(), "127.0.0.1:9/copy/app", "1.*|.*");

        awaitState(id, "RUNNING");
        assertThat(client.get("/jobs/active").json().at("/jobs/0/id").asText()).isEqualTo(id);
        gated.open();
        awaitState(id, "SUCCEEDED");
        assertThat(client.get("/jobs/active").json().get("count").asInt()).isZero();
    }

    @Test
    void job_failsWithTheReason_whenSourceRepositoryIsUnknown() {
        start(ServiceConfig.DEFAULT, new PullOnlyJobRunner());

        String id = client.submit(registry.host() + "/no/such-repo", "127.0.0.1:9/copy/app", ".*");

        awaitState(id, "FAILED");
        assertThat(client.get("/jobs/" + id).json().get("error").asText()).contains("404").contains("no/such-repo");
        ServiceClient.Reply failed = client.get("/jobs/failed?limit=5");
        assertThat(failed.json().at("/jobs/0/id").asText()).isEqualTo(id);
    }

    @Test
    void cancel_stopsRunningJob() {
        startGated(ServiceConfig.DEFAULT);
        String id = client.submit(source(), "127.0.0.1:9/copy/app", ".*");
        awaitState(id, "RUNNING");

        ServiceClient.Reply reply = client.delete("/jobs/" + id);

        assertThat(reply.status()).isIn(200, 202);
        awaitState(id, "CANCELLED");
        assertThat(registry.stats().requestsByRoute().getOrDefault("blobs", 0L)).isZero();
    }

    @Test
    void cancel_removesQueuedJob_beforeItStarts() {
        startGated(ServiceConfig.DEFAULT.withJobLimits(1, 10));
        String first = client.submit(source(), "127.0.0.1:9/copy/a", ".*");
        awaitState(first, "RUNNING");
        String second = client.submit(source(), "127.0.0.1:9/copy/b", ".*");
        assertThat(client.state(second)).isEqualTo("QUEUED");

        ServiceClient.Reply reply = client.delete("/jobs/" + second);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("state").asText()).isEqualTo("CANCELLED");
        gated.open();
        awaitState(first, "SUCCEEDED");
        assertThat(gated.started.get()).isEqualTo(1);
        assertThat(client.delete("/jobs/" + second).status()).isEqualTo(409);
    }

    @Test
    void submit_isRefusedWith503_whenQueueIsFull() {
        startGated(ServiceConfig.DEFAULT.withJobLimits(1, 1));
        String running = client.submit(source(), "127.0.0.1:9/copy/a", ".*");
        awaitState(running, "RUNNING");
        String queued = client.submit(source(), "127.0.0.1:9/copy/b", ".*");

        ServiceClient.Reply refused = client.post("/jobs", ServiceClient.json(java.util.Map.of(
                "source", source(), "destination", "127.0.0.1:9/copy/c")));

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.json().get("error").asText()).contains("queue is full");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(service.stats().rejected()).isEqualTo(1);
        gated.open();
        awaitState(running, "SUCCEEDED");
        awaitState(queued, "SUCCEEDED");
        assertThat(service.stats().submitted()).isEqualTo(2);
    }
}
