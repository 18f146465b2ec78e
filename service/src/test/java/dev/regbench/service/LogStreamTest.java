package dev.regbench.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /jobs/{id}/logs}: snapshot reads, follow until the job ends, many followers of one log. */
class LogStreamTest {

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
        service = ReplicationService.builder().config(config.withPort(0)).runner(gated).start();
        client = new ServiceClient(service);
    }

    private static JobRunner chatty(int lines) {
        return (spec, ctx) -> {
            for (int i = 0; i < lines; i++) {
                ctx.log("line " + i + " " + "x".repeat(60));
            }
        };
    }

    private CompletableFuture<HttpResponse<String>> follow(String id) {
        return client.http.sendAsync(client.request(client.uri("/jobs/" + id + "/logs?follow=true")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void follow_streamsTheWholeLog_andEndsWhenTheJobEnds() throws Exception {
        start(ServiceConfig.DEFAULT, chatty(2000));
        String id = client.submit("127.0.0.1:9/src/app", "127.0.0.1:9/dst/app", ".*");
        await().atMost(Duration.ofSeconds(10)).until(() -> client.state(id).equals("RUNNING"));

        CompletableFuture<HttpResponse<String>> reader = follow(id);
        await().atMost(Duration.ofSeconds(10)).until(() -> service.stats().logStreamsOpen() == 1);
        gated.open();
        HttpResponse<String> response = reader.get(15, TimeUnit.SECONDS);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        String log = response.body();
        assertThat(log).contains(" job " + id + " queued: ").contains("waiting at the gate")
                .contains("line 0 ").contains("line 1999 ");
        assertThat(log.strip()).endsWith("job succeeded");
        assertThat(log.lines().count()).isEqualTo(2000 + 4);
        assertThat(service.stats().logStreamsOpen()).isZero();
    }

    @Test
    void manyFollowers_getTheSameBytes_fromOneSharedLog() throws Exception {
        start(ServiceConfig.DEFAULT, chatty(3000));
        String id = client.submit("127.0.0.1:9/src/app", "127.0.0.1:9/dst/app", ".*");
        await().atMost(Duration.ofSeconds(10)).until(() -> client.state(id).equals("RUNNING"));

        List<CompletableFuture<HttpResponse<String>>> readers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            readers.add(follow(id));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> service.stats().logStreamsOpen() == 5);
        gated.open();

        String first = readers.get(0).get(15, TimeUnit.SECONDS).body();
        for (CompletableFuture<HttpResponse<String>> r : readers) {
            assertThat(r.get(15, TimeUnit.SECONDS).body()).isEqualTo(first);
        }
        assertThat(service.stats().logBytesStreamed()).isEqualTo(5L * first.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }

    @Test
    void withoutFollow_returnsTheLogSoFar_andEnds() {
        start(ServiceConfig.DEFAULT, chatty(10));
        String id = client.submit("127.0.0.1:9/src/app", "127.0.0.1:9/dst/app", ".*");
        await().atMost(Duration.ofSeconds(10)).until(() -> client.state(id).equals("RUNNING"));

        ServiceClient.Reply reply = client.get("/jobs/" + id + "/logs");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.raw().body()).contains("job started").contains("waiting at the gate").doesNotContain("line 0");
    }

    @Test
    void follow_ofAFinishedJob_returnsItsLogAndEnds() throws Exception {
        start(ServiceConfig.DEFAULT, chatty(3));
        gated.open();
        String id = client.submit("127.0.0.1:9/src/app", "127.0.0.1:9/dst/app", ".*");
        await().atMost(Duration.ofSeconds(10)).until(() -> client.state(id).equals("SUCCEEDED"));

        String log = follow(id).get(10, TimeUnit.SECONDS).body();

        assertThat(log).contains("line 2 ").endsWith("job succeeded\n");
    }

    @Test
    void follow_ofACancelledJob_endsWithTheCancellation() throws Exception {
        start(ServiceConfig.DEFAULT, chatty(3));
        String id = client.submit("127.0.0.1:9/src/app", "127.0.0.1:9/dst/app", ".*");
        await().atMost(Duration.ofSeconds(10)).until(() -> client.state(id).equals("RUNNING"));
        CompletableFuture<HttpResponse<String>> reader = follow(id);

        client.delete("/jobs/" + id);

        assertThat(reader.get(10, TimeUnit.SECONDS).body()).contains("cancel requested").endsWith("job cancelled: cancelled\n");
    }
}
