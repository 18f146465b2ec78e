package dev.regbench.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regbench.fakeregistry.FakeRegistry;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Job watches over real WebSockets: streaming, subscriptions, heartbeats, read limit, slow clients. */
class WebSocketTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private FakeRegistry registry;
    private ReplicationService service;
    private ServiceClient client;
    private GatedRunner gated;
    private String ws;

    @AfterEach
    void stop() {
        if (gated != null) {
            gated.open();
        }
        if (service != null) {
            service.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    private void start(ServiceConfig config, JobRunner work) {
        gated = new GatedRunner(work);
        service = ReplicationService.builder().config(config.withPort(0)).runner(gated).start();
        client = new ServiceClient(service);
        ws = service.url().replace("http://", "ws://");
    }

    private String runningJob(String destination) {
        String id = client.submit("127.0.0.1:9/src/app", "127.0.0.1:9/" + destination, ".*");
        await().atMost(Duration.ofSeconds(10)).until(() -> client.state(id).equals("RUNNING"));
        return id;
    }

    @Test
    void jobSocket_streamsSnapshotProgressAndFinalState_thenClosesNormally() throws Exception {
        registry = FakeRegistry.builder().dataset("tiny").start();
        start(ServiceConfig.DEFAULT, new PullOnlyJobRunner());
        String repo = registry.seeded().manifests().keySet().iterator().next();
        String id = client.submit(registry.host() + "/" + repo, "127.0.0.1:9/copy/app", ".*");
        await().atMost(Duration.ofSeconds(10)).until(() -> client.state(id).equals("RUNNING"));

        WsRecorder watcher = WsRecorder.connect(http, ws + "/ws/jobs/" + id, true, client.token);
        gated.open();

        assertThat(watcher.closed.get(15, TimeUnit.SECONDS)).isEqualTo(1000);
        List<JsonNode> got = watcher.messages;
        assertThat(got.get(0).get("type").asText()).isEqualTo("snapshot");
        assertThat(got.get(0).get("state").asText()).isEqualTo("RUNNING");
        assertThat(watcher.ofType("progress")).isNotEmpty();
        JsonNode last = watcher.last();
        assertThat(last.get("type").asText()).isEqualTo("state");
        assertThat(last.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(last.get("bytes").asLong()).isEqualTo(registry.seeded().blobBytes());
        assertThat(last.get("tags").asInt()).isEqualTo(registry.seeded().manifests().get(repo).size());
        long previous = -1;
        for (JsonNode m : got) {
            assertThat(m.get("bytes").asLong()).as("bytes never go back").isGreaterThanOrEqualTo(previous);
            previous = m.get("bytes").asLong();
        }
    }

    @Test
    void jobSocket_forUnknownJob_isRefusedWith404() {
        start(ServiceConfig.DEFAULT, (spec, ctx) -> { });

        assertThatThrownBy(() -> WsRecorder.connect(http, ws + "/ws/jobs/nope", true, client.token))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(404));
    }

    @Test
    void multiSocket_subscribesAndUnsubscribes_byMessage() throws Exception {
        start(ServiceConfig.DEFAULT, (spec, ctx) -> ctx.progress(10, 1, 1));
        String a = runningJob("a/app");
        String b = runningJob("b/app");
        WsRecorder watcher = WsRecorder.connect(http, ws + "/ws/jobs", true, client.token);

        watcher.send("{\"op\":\"subscribe\",\"jobs\":[\"" + a + "\",\"" + b + "\",\"nope\"]}");
        await().atMost(Duration.ofSeconds(10)).until(() -> watcher.ofType("snapshot").size() == 2);
        watcher.send("{\"op\":\"unsubscribe\",\"jobs\":[\"" + b + "\"]}");
        await().atMost(Duration.ofSeconds(10)).until(() -> watcher.ofType("unsubscribed").size() == 1);
        int afterUnsubscribe = watcher.messages.size();
        gated.open();
        await().atMost(Duration.ofSeconds(10)).until(() -> watcher.messages.stream()
                .anyMatch(m -> m.path("job").asText().equals(a) && m.path("state").asText().equals("SUCCEEDED")));
        await().atMost(Duration.ofSeconds(10)).until(() -> client.state(b).equals("SUCCEEDED"));

        JsonNode ack = watcher.ofType("subscribed").get(0);
        assertThat(ack.get("jobs")).extracting(JsonNode::asText).containsExactly(a, b);
        assertThat(ack.get("unknown")).extracting(JsonNode::asText).containsExactly("nope");
        assertThat(watcher.ofType("unsubscribed").get(0).get("jobs")).extracting(JsonNode::asText).containsExactly(b);
        assertThat(watcher.messages.subList(afterUnsubscribe, watcher.messages.size()))
                .noneMatch(m -> m.path("job").asText().equals(b));
        assertThat(watcher.closed).isNotDone();
    }

    @Test
    void multiSocket_answersBadMessagesWithAnError_andStaysOpen() throws Exception {
        start(ServiceConfig.DEFAULT, (spec, ctx) -> { });
        String a = runningJob("a/app");
        WsRecorder watcher = WsRecorder.connect(http, ws + "/ws/jobs", true, client.token);

        watcher.send("hello");
        watcher.send("{\"op\":\"watch\",\"jobs\":[\"" + a + "\"]}");
        watcher.send("{\"op\":\"subscribe\",\"jobs\":[]}");
        watcher.send("{\"op\":\"subscribe\",\"jobs\":[\"" + a + "\"]}");
        await().atMost(Duration.ofSeconds(10)).until(() -> watcher.ofType("snapshot").size() == 1);

        assertThat(watcher.ofType("error")).extracting(m -> m.get("error").asText())
                .containsExactly("message is not JSON", "op: must be subscribe or unsubscribe",
                        "jobs: must be a non-empty array of job ids");
        assertThat(service.stats().webSocketsOpen()).isEqualTo(1);
    }

    @Test
    void heartbeat_keepsAnsweringClient_andDropsSilentOne() throws Exception {
        start(ServiceConfig.DEFAULT.withHeartbeat(Duration.ofMillis(100), Duration.ofMillis(600), Duration.ofSeconds(5)),
                (spec, ctx) -> { });
        WsRecorder healthy = WsRecorder.connect(http, ws + "/ws/jobs", true, client.token);
        WsRecorder silent = WsRecorder.connect(http, ws + "/ws/jobs", false, client.token);

        await().atMost(Duration.ofSeconds(10)).until(() -> service.stats().dropped("heartbeat_timeout") == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> healthy.pings.get() >= 10); // well past the pong timeout

        assertThat(service.stats().webSocketsOpen()).isEqualTo(1);
        assertThat(healthy.closed).isNotDone();
        assertThat(service.stats().dropped("heartbeat_timeout")).isEqualTo(1);
        assertThat(silent.pings.get()).isZero();
    }

    @Test
    void clientMessageOverReadLimit_closesThatSocket() throws Exception {
        start(ServiceConfig.DEFAULT, (spec, ctx) -> { });
        WsRecorder big = WsRecorder.connect(http, ws + "/ws/jobs", true, client.token);
        WsRecorder other = WsRecorder.connect(http, ws + "/ws/jobs", true, client.token);

        big.socket.sendText("{\"op\":\"subscribe\",\"jobs\":[\"" + "x".repeat(2000) + "\"]}", true);

        await().atMost(Duration.ofSeconds(10)).until(() -> service.stats().dropped("read_limit") == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> service.stats().webSocketsOpen() == 1);
        assertThat(other.closed).isNotDone();
    }

    @Test
    void slowClient_isDropped_whileJobAndFastClientCarryOn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        start(ServiceConfig.DEFAULT.withSocketSendBuffer(4096)
                        .withHeartbeat(Duration.ofSeconds(54), Duration.ofSeconds(60), Duration.ofMillis(500)),
                (spec, ctx) -> {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                    for (int i = 0; System.nanoTime() < deadline && release.getCount() > 0; i++) {
                        ctx.progress(100, 0, 0); // a busy job: a stream of progress events
                        if (i % 64 == 0) {
                            Thread.sleep(1);
                        }
                    }
                    ctx.progress(0, 0, 1);
                });
        String id = runningJob("a/app");
        WsRecorder slow = WsRecorder.connect(http, ws + "/ws/jobs/" + id, false, client.token);
        WsRecorder fast = WsRecorder.connect(http, ws + "/ws/jobs/" + id, true, client.token);
        gated.open();

        await().atMost(Duration.ofSeconds(12)).until(() -> service.stats().dropped("write_deadline")
                + service.stats().dropped("send_queue_full") == 1);
        release.countDown();

        assertThat(fast.closed.get(15, TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(fast.last().get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(fast.ofType("progress").size()).isGreaterThan(10);
        assertThat(client.state(id)).isEqualTo("SUCCEEDED");
        assertThat(service.stats().webSocketsDropped().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
        assertThat(service.stats().progressConflated()).isPositive();
        assertThat(slow.messages).isEmpty();
    }
}
