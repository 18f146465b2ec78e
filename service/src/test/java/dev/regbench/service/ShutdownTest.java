package dev.regbench.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code close()} cancels jobs and leaves no service thread or listening socket behind. */
class ShutdownTest {

    /** Threads other tests in this JVM left running are not this service's: only new ones count. */
    private final java.util.Set<Thread> before = java.util.Set.copyOf(Thread.getAllStackTraces().keySet());

    private List<String> serviceThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).filter(t -> !before.contains(t))
                .map(Thread::getName)
                .filter(n -> n.startsWith("regbench-service") || n.startsWith("regbench-job-")).toList();
    }

    @Test
    void close_cancelsJobsAndStopsEveryThread_evenWithOpenSocketsAndStreams() throws Exception {
        GatedRunner gated = new GatedRunner((spec, ctx) -> { });
        ReplicationService service = ReplicationService.builder()
                .config(ServiceConfig.DEFAULT.withPort(0).withJobLimits(1, 5)).runner(gated).start();
        ServiceClient client = new ServiceClient(service);
        String running = client.submit("127.0.0.1:9/src/app", "127.0.0.1:9/dst/a", ".*");
        String queued = client.submit("127.0.0.1:9/src/app", "127.0.0.1:9/dst/b", ".*");
        await().atMost(Duration.ofSeconds(10)).until(() -> client.state(running).equals("RUNNING"));
        HttpClient http = HttpClient.newHttpClient();
        WsRecorder watcher = WsRecorder.connect(http, service.url().replace("http", "ws") + "/ws/jobs/" + running, true, client.token);
        var follower = http.sendAsync(client.request(client.uri("/jobs/" + queued + "/logs?follow=true")).build(),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(10)).until(() -> service.stats().logStreamsOpen() == 1
                && service.stats().webSocketsOpen() == 1);
        assertThat(serviceThreads()).isNotEmpty();

        service.close();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(serviceThreads())
                .as("threads of this service still alive after close()").isEmpty());
        assertThat(gated.started.get()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> watcher.closed.isDone() && follower.isDone());
        assertThat(new java.net.Socket()).satisfies(s -> {
            try (s) {
                s.connect(new java.net.InetSocketAddress("127.0.0.1", service.port()), 1000);
                throw new AssertionError("port " + service.port() + " still accepts connections");
            } catch (java.io.IOException refused) {
                // expected: nothing listens any more
            }
        });
    }
}
