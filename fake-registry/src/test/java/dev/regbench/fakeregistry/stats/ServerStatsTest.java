package dev.regbench.fakeregistry.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regbench.fakeregistry.FakeRegistry;
import dev.regbench.fakeregistry.http.Route;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Server-side counters as clients cause them, over real sockets. */
class ServerStatsTest {
    private FakeRegistry registry;
    private HttpClient client;
    private String blobDigest;
    private final byte[] blob = new byte[5000];

    @BeforeEach
    void start() throws Exception {
        registry = FakeRegistry.builder().start();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        new java.util.Random(3).nextBytes(blob);
        blobDigest = registry.storage().putBlob("team/app", ByteBuffer.wrap(blob));
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private HttpResponse<byte[]> send(String method, String path, byte[] body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(registry.url() + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void connections_areCountedWhenAccepted_beforeAnyRequest() throws Exception {
        try (Socket idle = new Socket("127.0.0.1", registry.port())) {
            assertThat(idle.isConnected()).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> registry.stats().connectionsAccepted() == 1);
            assertThat(registry.stats().connectionsOpen()).isEqualTo(1);
            assertThat(registry.stats().requestsTotal()).isZero();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> registry.stats().connectionsOpen() == 0);
        assertThat(registry.stats().connectionsAccepted()).isEqualTo(1);
    }

    @Test
    void keepAliveRequests_shareOneConnection() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(send("GET", "/v2/team/app/blobs/" + blobDigest, null).statusCode()).isEqualTo(200);
        }
        send("GET", "/v2/team/app/manifests/missing", null);
        // outcomes (status, latency, bytes) are recorded when the exchange completes, just after the client has its answer
        await().atMost(Duration.ofSeconds(5)).until(() -> registry.stats().requestsWithStatus(404) == 1);
        StatsSnapshot stats = registry.stats();
        assertThat(stats.connectionsAccepted()).isEqualTo(1);
        assertThat(stats.requestsTotal()).isEqualTo(11);
        assertThat(stats.requests(Route.BLOBS.key())).isEqualTo(10);
        assertThat(stats.requests(Route.MANIFESTS.key())).isEqualTo(1);
        assertThat(stats.requestsWithStatus(200)).isEqualTo(10);
        assertThat(stats.requestsWithStatus(404)).isEqualTo(1);
        assertThat(stats.latencyByRoute().get("blobs").count()).isEqualTo(10);
        assertThat(stats.latencyByRoute().get("blobs").maxMs()).isGreaterThan(0);
        assertThat(stats.bytesOut()).isGreaterThanOrEqualTo(10L * blob.length);
    }

    @Test
    void connectionClose_countsOneConnectionPerRequest() throws Exception {
        for (int i = 0; i < 5; i++) {
            try (Socket socket = new Socket("127.0.0.1", registry.port())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(("GET /v2/team/app/blobs/" + blobDigest
                        + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1))
                        .startsWith("HTTP/1.1 200");
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> registry.stats().requestsWithStatus(200) == 5);
        StatsSnapshot stats = registry.stats();
        assertThat(stats.connectionsAccepted()).isEqualTo(5);
        assertThat(stats.requestsTotal()).isEqualTo(5);
        assertThat(stats.bytesOut()).isEqualTo(5L * blob.length);
    }

    @Test
    void uploadBodies_countAsBytesIn() throws Exception {
        byte[] body = new byte[12_345];
        HttpResponse<byte[]> post = send("POST", "/v2/team/app/blobs/uploads/", null);
        String location = post.headers().firstValue("Location").orElseThrow().substring(registry.url().length());
        assertThat(send("PATCH", location, body).statusCode()).isEqualTo(202);
        assertThat(registry.stats().bytesIn()).isEqualTo(body.length);
        assertThat(registry.stats().requests(Route.UPLOADS.key())).isEqualTo(2);
    }

    @Test
    void statsEndpoint_servesJson_isNotCounted_andDeleteResets() throws Exception {
        send("GET", "/v2/", null);
        await().atMost(Duration.ofSeconds(5)).until(() -> registry.stats().requestsWithStatus(200) == 1);
        registry.serverStats().recordFault(Route.BLOBS, "status503");
        HttpResponse<byte[]> response = send("GET", "/_regbench/stats", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode json = new ObjectMapper().readTree(response.body());
        assertThat(json.get("requestsTotal").asLong()).isEqualTo(1);
        assertThat(json.get("connectionsAccepted").asLong()).isEqualTo(1);
        assertThat(json.get("requestsByRoute").get("ping").asLong()).isEqualTo(1);
        assertThat(json.get("requestsByStatus").get("200").asLong()).isEqualTo(1);
        assertThat(json.get("faultsInjected").get("blobs.status503").asLong()).isEqualTo(1);
        assertThat(json.get("latencyByRoute").get("ping").get("count").asLong()).isEqualTo(1);

        assertThat(send("DELETE", "/_regbench/stats", null).statusCode()).isEqualTo(204);
        StatsSnapshot after = registry.stats();
        assertThat(after.requestsTotal()).isZero();
        assertThat(after.connectionsAccepted()).isZero();
        assertThat(after.faultsInjected()).isEmpty();
        assertThat(after.connectionsOpen()).isEqualTo(1);
    }

    @Test
    void resetStats_zeroesCountersButNotOpenConnections() throws Exception {
        send("GET", "/v2/", null);
        await().atMost(Duration.ofSeconds(5)).until(() -> registry.stats().requestsWithStatus(200) == 1);
        registry.resetStats();
        StatsSnapshot stats = registry.stats();
        assertThat(stats.requestsTotal()).isZero();
        assertThat(stats.requestsByRoute()).isEmpty();
        assertThat(stats.latencyByRoute()).isEmpty();
        assertThat(stats.connectionsOpen()).isEqualTo(1);
    }

    @Test
    void peakInFlight_countsRequestsInProgressAtOnce() {
        ServerStats stats = new ServerStats();
        for (int i = 0; i < 3; i++) {                      // three in a row: never more than one at once
            stats.requestArrived(Route.BLOBS);
            stats.requestCompleted(Route.BLOBS, 200, 1000, 10);
        }
        assertThat(stats.snapshot().peakInFlight()).isEqualTo(1);
        stats.requestArrived(Route.BLOBS);                   // then three overlapping, one finishing early
        stats.requestArrived(Route.BLOBS);
        stats.requestCompleted(Route.BLOBS, 200, 1000, 10);
        stats.requestArrived(Route.MANIFESTS);
        stats.requestArrived(Route.MANIFESTS);
        assertThat(stats.snapshot().peakInFlight()).isEqualTo(3);
        stats.reset();                                      // a new window starts from what is still in flight
        stats.requestCompleted(Route.MANIFESTS, 200, 1000, 10);
        stats.requestArrived(Route.BLOBS);
        assertThat(stats.snapshot().peakInFlight()).isEqualTo(3);
    }

    @Test
    void peakInFlight_ofSequentialRequestsOverRealSocketsIsOne() throws Exception {
        for (int i = 0; i < 4; i++) {
            send("GET", "/v2/", null);
        }
        assertThat(registry.settledStats().peakInFlight()).isEqualTo(1);
    }
}
