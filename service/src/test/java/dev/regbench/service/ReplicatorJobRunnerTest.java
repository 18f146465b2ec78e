package dev.regbench.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.regbench.fakeregistry.FakeRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Jobs run by the engine's Replicator, between two fake registries, through the service's REST API. */
class ReplicatorJobRunnerTest {

    private FakeRegistry source;
    private FakeRegistry destination;
    private ReplicationService service;
    private ServiceClient client;

    @BeforeEach
    void start() throws Exception {
        source = FakeRegistry.builder().dataset("tiny").start();
        destination = FakeRegistry.builder().start();
        service = ReplicationService.builder().config(ServiceConfig.DEFAULT.withPort(0))
                .runner(new ReplicatorJobRunner()).start();
        client = new ServiceClient(service);
    }

    @AfterEach
    void stop() {
        service.close();
        destination.close();
        source.close();
    }

    private String repo() {
        return source.seeded().manifests().keySet().iterator().next();
    }

    @Test
    void job_copiesEveryTagToTheDestination_andReportsItsBytes() {
        String id = client.submit(source.host() + "/" + repo(), destination.host() + "/copy/app", ".*");

        await().atMost(Duration.ofSeconds(20)).until(() -> client.state(id).matches("SUCCEEDED|FAILED"));

        ServiceClient.Reply job = client.get("/jobs/" + id);
        assertThat(job.json().get("state").asText()).as(job.raw().body()).isEqualTo("SUCCEEDED");
        int tags = source.seeded().manifests().get(repo()).size();
        assertThat(job.json().at("/progress/tags").asInt()).isEqualTo(tags);
        assertThat(job.json().at("/progress/tagsPlanned").asInt()).isEqualTo(tags);
        assertThat(job.json().at("/progress/bytes").asLong()).isEqualTo(source.seeded().blobBytes());
        assertThat(destination.settledStats().requestsByStatus().getOrDefault(201, 0L)).isGreaterThanOrEqualTo(tags);
        for (String tag : source.seeded().manifests().get(repo()).keySet()) {
            assertThat(client.http.sendAsync(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(destination.url() + "/v2/copy/app/manifests/" + tag))
                    .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())
                    .header("Accept", "application/vnd.oci.image.manifest.v1+json,application/vnd.oci.image.index.v1+json,"
                            + "application/vnd.docker.distribution.manifest.v2+json").build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).join().statusCode())
                    .as("tag %s at the destination", tag).isEqualTo(200);
        }
        assertThat(client.get("/jobs/" + id + "/logs").raw().body()).contains("tags selected").contains("COPIED");
    }

    @Test
    void job_fails_whenTheSourceRepositoryDoesNotExist() {
        ServiceClient.Reply created = client.post("/jobs", ServiceClient.json(Map.of(
                "source", source.host() + "/no/such", "destination", destination.host() + "/copy/app",
                "config", "default")));
        String id = created.json().get("id").asText();

        await().atMost(Duration.ofSeconds(20)).until(() -> client.state(id).matches("SUCCEEDED|FAILED"));

        assertThat(client.state(id)).isEqualTo("FAILED");
        assertThat(client.get("/jobs/" + id).json().get("error").asText()).contains("no/such");
    }
}
