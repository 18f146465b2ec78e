package dev.regbench.fakeregistry.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regbench.fakeregistry.http.Route;
import dev.regbench.fakeregistry.stats.ServerStats;
import io.undertow.server.HttpHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each fault as a client on a real socket sees it, and as the stats count it. */
class FaultInjectionTest {
    private static final String BLOB = "/v2/team/app/blobs/sha256:" + "a".repeat(64);
    private static final byte[] BODY = Bodies.pattern(256 * 1024);

    private final ServerStats stats = new ServerStats();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private TestServer serve(FaultController controller, HttpHandler backend) {
        TestServer server = new TestServer(controller.wrap(backend));
        closing.add(server);
        closing.add(0, controller);
        return server;
    }

    private FaultController controller(NetworkProfile network, FaultProfile faults) {
        return new FaultController(network, faults, stats);
    }

    private Map<String, Long> faults() {
        return stats.snapshot().faultsInjected();
    }

    static Stream<Arguments> statuses() {
        return Stream.of(
                Arguments.of("429 with Retry-After, TOOMANYREQUESTS", 429, Duration.ofSeconds(1), "TOOMANYREQUESTS", "1"),
                Arguments.of("429 with Retry-After rounded up to seconds", 429, Duration.ofMillis(1500), "TOOMANYREQUESTS", "2"),
                Arguments.of("500 UNKNOWN", 500, null, "UNKNOWN", null),
                Arguments.of("502 UNAVAILABLE", 502, null, "UNAVAILABLE", null),
                Arguments.of("503 UNAVAILABLE", 503, null, "UNAVAILABLE", null),
                Arguments.of("504 UNAVAILABLE", 504, null, "UNAVAILABLE", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statuses")
    void statusFault_answersTheStatusWithAnOciErrorBody(String description, int status, Duration retryAfter,
            String code, String retryAfterHeader) throws Exception {
        FaultRule rule = new FaultRule(List.of(Route.BLOBS), FaultKind.STATUS, 1, status, retryAfter, null, null, null, null);
        TestServer server = serve(controller(NetworkProfile.loopback(), new FaultProfile("t", 1, List.of(rule))),
                Bodies.nonBlocking(BODY));

        RawHttp.Response response = RawHttp.get(server.port, BLOB, 5000);

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Retry-After")).isEqualTo(retryAfterHeader);
        assertThat(new ObjectMapper().readTree(response.body()).at("/errors/0/code").asText()).isEqualTo(code);
        assertThat(faults()).containsEntry("blobs.status" + status, 1L);
    }

    @Test
    void statusFault_leavesOtherRoutesAlone() throws Exception {
        TestServer server = serve(controller(NetworkProfile.loopback(),
                new FaultProfile("t", 1, List.of(FaultRule.status(503, 1, Route.BLOBS)))), Bodies.nonBlocking(BODY));

        RawHttp.Response response = RawHttp.get(server.port, "/v2/team/app/manifests/v1", 5000);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(BODY);
        assertThat(faults()).isEmpty();
    }

    static Stream<Arguments> backends() {
        return Stream.of(
                Arguments.of("non-blocking sender", Bodies.nonBlocking(BODY)),
                Arguments.of("blocking output stream", Bodies.blocking(BODY)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void resetFault_truncatesTheBodyAtNBytesThenResets(String description, HttpHandler backend) throws Exception {
        TestServer server = serve(controller(NetworkProfile.loopback(),
                new FaultProfile("t", 1, List.of(FaultRule.reset(10_000L, 1, Route.BLOBS)))), backend);

        RawHttp.Response response = RawHttp.get(server.port, BLOB, 5000);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(BODY.length));
        assertThat(response.end()).isIn(RawHttp.End.RESET, RawHttp.End.EOF);
        assertThat(response.body()).hasSize(10_000);
        assertThat(response.body()).isEqualTo(java.util.Arrays.copyOf(BODY, 10_000));
        assertThat(faults()).containsEntry("blobs.reset", 1L);
    }

    @Test
    void resetFault_withoutAfterBytesCutsAtHalfTheContentLength() throws Exception {
        TestServer server = serve(controller(NetworkProfile.loopback(),
                new FaultProfile("t", 1, List.of(FaultRule.reset(null, 1, Route.BLOBS)))), Bodies.nonBlocking(BODY));

        RawHttp.Response response = RawHttp.get(server.port, BLOB, 5000);

        assertThat(response.body()).hasSize(BODY.length / 2);
        assertThat(response.end()).isNotEqualTo(RawHttp.End.COMPLETE);
    }

    @Test
    void resetFault_doesNothingToABodyNoLongerThanN() throws Exception {
        TestServer server = serve(controller(NetworkProfile.loopback(),
                new FaultProfile("t", 1, List.of(FaultRule.reset((long) BODY.length, 1, Route.BLOBS)))),
                Bodies.nonBlocking(BODY));

        RawHttp.Response response = RawHttp.get(server.port, BLOB, 5000);

        assertThat(response.end()).isEqualTo(RawHttp.End.COMPLETE);
        assertThat(response.body()).isEqualTo(BODY);
        assertThat(faults()).doesNotContainKey("blobs.reset");
    }

    @Test
    void stallFault_sendsHeadersThenNothingUntilTheClientTimesOut() throws Exception {
        FaultController controller = controller(NetworkProfile.loopback(),
                new FaultProfile("t", 1, List.of(FaultRule.stall(null, 1, Route.BLOBS))));
        TestServer server = serve(controller, Bodies.nonBlocking(BODY));

        RawHttp.Response response = RawHttp.get(server.port, BLOB, 300);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.end()).isEqualTo(RawHttp.End.TIMEOUT);
        assertThat(response.body()).isEmpty();
        assertThat(faults()).containsEntry("blobs.stall", 1L);
    }

    @Test
    void stallFault_endsWhenTheControllerCloses() throws Exception {
        FaultController controller = controller(NetworkProfile.loopback(),
                new FaultProfile("t", 1, List.of(FaultRule.stall(null, 1, Route.BLOBS))));
        TestServer server = serve(controller, Bodies.nonBlocking(BODY));
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + BLOB + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes());
            byte[] head = new byte[12];
            assertThat(socket.getInputStream().readNBytes(head, 0, 12)).isEqualTo(12);
            assertThat(new String(head)).isEqualTo("HTTP/1.1 200");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> controller.stalledResponses() == 1);

            controller.close();

            assertThat(readUntilEnd(socket)).isIn("eof", "reset");
            assertThat(controller.stalledResponses()).isZero();
        }
    }

    @Test
    void stallFault_endsWhenTheServerStops() throws Exception {
        FaultController controller = controller(NetworkProfile.loopback(),
                new FaultProfile("t", 1, List.of(FaultRule.stall(null, 1, Route.BLOBS))));
        TestServer server = new TestServer(controller.wrap(Bodies.nonBlocking(BODY)));
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + BLOB + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes());
            assertThat(socket.getInputStream().readNBytes(new byte[12], 0, 12)).isEqualTo(12);

            server.close();

            assertThat(readUntilEnd(socket)).isIn("eof", "reset");
        }
    }

    @Test
    void stallFault_withADurationIsClosedByTheServer() throws Exception {
        TestServer server = serve(controller(NetworkProfile.loopback(),
                new FaultProfile("t", 1, List.of(FaultRule.stall(Duration.ofMillis(100), 1, Route.BLOBS)))),
                Bodies.nonBlocking(BODY));

        RawHttp.Response response = RawHttp.get(server.port, BLOB, 10_000);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.end()).isIn(RawHttp.End.EOF, RawHttp.End.RESET);
    }

    private static String readUntilEnd(java.net.Socket socket) {
        try {
            byte[] buf = new byte[1024];
            while (socket.getInputStream().read(buf) >= 0) {
                // headers may still be arriving
            }
            return "eof";
        } catch (java.net.SocketTimeoutException e) {
            return "timeout";
        } catch (java.io.IOException e) {
            return "reset";
        }
    }

    @Test
    void latencyFault_delaysButDeliversTheWholeResponseAndIsCounted() throws Exception {
        TestServer server = serve(controller(NetworkProfile.loopback(), new FaultProfile("t", 1,
                List.of(FaultRule.latency(Duration.ofMillis(30), Duration.ofMillis(10), 1, Route.BLOBS)))),
                Bodies.blocking(BODY));

        for (int i = 0; i < 3; i++) {
            RawHttp.Response response = RawHttp.get(server.port, BLOB, 5000);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(BODY);
        }
        RawHttp.get(server.port, "/v2/team/app/tags/list", 5000);

        assertThat(faults()).containsEntry("blobs.latency", 3L).doesNotContainKey("tags.latency");
    }

    @Test
    void networkLatency_appliesToEveryRouteButAdmin() throws Exception {
        NetworkProfile slow = new NetworkProfile("slow", Duration.ofMillis(5), Duration.ofMillis(5), 0, 0, 1);
        TestServer server = serve(controller(slow, FaultProfile.none()), Bodies.nonBlocking(new byte[10]));

        RawHttp.get(server.port, BLOB, 5000);
        RawHttp.get(server.port, "/v2/team/app/manifests/v1", 5000);
        RawHttp.get(server.port, "/_regbench/stats", 5000);

        assertThat(faults()).containsOnly(Map.entry("blobs.netLatency", 1L), Map.entry("manifests.netLatency", 1L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void bandwidthCap_deliversTheWholeBodyAndCountsTheThrottledResponse(String description, HttpHandler backend)
            throws Exception {
        // 2 MB/s per connection: the 256 KiB body needs ~100 ms beyond the 100 KiB burst
        NetworkProfile capped = new NetworkProfile("capped", Duration.ZERO, Duration.ZERO, 2_000_000, 0, 1);
        TestServer server = serve(controller(capped, FaultProfile.none()), backend);

        RawHttp.Response response = RawHttp.get(server.port, BLOB, 10_000);

        assertThat(response.end()).isEqualTo(RawHttp.End.COMPLETE);
        assertThat(response.body()).isEqualTo(BODY);
        assertThat(faults()).containsEntry("blobs.throttled", 1L);
    }

    @Test
    void serverBandwidthCap_throttlesToo() throws Exception {
        NetworkProfile capped = new NetworkProfile("capped", Duration.ZERO, Duration.ZERO, 0, 2_000_000, 1);
        TestServer server = serve(controller(capped, FaultProfile.none()), Bodies.nonBlocking(BODY));

        RawHttp.Response response = RawHttp.get(server.port, BLOB, 10_000);

        assertThat(response.body()).isEqualTo(BODY);
        assertThat(faults()).containsEntry("blobs.throttled", 1L);
    }

    @Test
    void faultSeed_faultsTheSameRequestIndicesOnEveryRun() throws Exception {
        FaultProfile profile = new FaultProfile("t", 7, List.of(FaultRule.status(503, 0.3, Route.BLOBS)));
        FaultController controller = controller(NetworkProfile.loopback(), FaultProfile.none());
        TestServer server = serve(controller, Bodies.nonBlocking(new byte[1]));

        controller.setFaults(profile); // every swap starts counting requests from 0 again
        List<Integer> first = faultedIndices(server, 40);
        controller.setFaults(profile);
        List<Integer> second = faultedIndices(server, 40);
        controller.setFaults(profile.withSeed(8));
        List<Integer> otherSeed = faultedIndices(server, 40);

        FaultDecider decider = new FaultDecider(profile);
        List<Integer> predicted = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            if (decider.decide(Route.BLOBS, i).terminal() != null) {
                predicted.add(i);
            }
        }
        assertThat(first).isNotEmpty().isEqualTo(second).isEqualTo(predicted).isNotEqualTo(otherSeed);
        assertThat(faults().get("blobs.status503")).isEqualTo(2L * first.size() + otherSeed.size());
    }

    private static List<Integer> faultedIndices(TestServer server, int requests) throws Exception {
        List<Integer> faulted = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            if (RawHttp.get(server.port, BLOB, 5000).status() == 503) {
                faulted.add(i);
            }
        }
        return faulted;
    }

    @Test
    void setFaults_swapsTheProfileForTheNextRequest() throws Exception {
        FaultController controller = controller(NetworkProfile.loopback(), FaultProfile.none());
        TestServer server = serve(controller, Bodies.nonBlocking(new byte[1]));

        assertThat(RawHttp.get(server.port, BLOB, 5000).status()).isEqualTo(200);
        controller.setFaults(new FaultProfile("all", 1, List.of(FaultRule.status(502, 1, Route.BLOBS))));
        assertThat(RawHttp.get(server.port, BLOB, 5000).status()).isEqualTo(502);
        controller.reset();
        assertThat(RawHttp.get(server.port, BLOB, 5000).status()).isEqualTo(200);
    }
}
