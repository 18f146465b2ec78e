package dev.regbench.fakeregistry.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regbench.fakeregistry.stats.ServerStats;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FaultAdminHandlerTest {
    private static final String PATH = "/_regbench/faults";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FaultController controller = new FaultController(NetworkProfile.loopback(), FaultProfile.none(),
            new ServerStats());
    private final TestServer server = new TestServer(new FaultAdminHandler(controller));

    @AfterEach
    void close() {
        server.close();
        controller.close();
    }

    private RawHttp.Response send(String method, String body) throws Exception {
        return RawHttp.send(server.port, method, PATH, 5000, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                "Content-Type: application/json");
    }

    @Test
    void get_returnsTheCurrentProfiles() throws Exception {
        RawHttp.Response response = send("GET", null);

        assertThat(response.status()).isEqualTo(200);
        JsonNode state = JSON.readTree(response.body());
        assertThat(state.at("/network/name").asText()).isEqualTo("loopback");
        assertThat(state.at("/faults/name").asText()).isEqualTo("none");
    }

    @Test
    void put_withNamesSwapsBothProfiles() throws Exception {
        RawHttp.Response response = send("PUT", "{\"network\":\"wan\",\"faults\":\"flaky\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(controller.network()).isEqualTo(NetworkProfile.wan());
        assertThat(controller.faults()).isEqualTo(FaultProfile.flaky());
        assertThat(JSON.readTree(response.body()).at("/faults/rules/1/retryAfter").asText()).isEqualTo("1s");
    }

    @Test
    void post_withAnObjectReplacesOnlyWhatIsGiven() throws Exception {
        controller.setNetwork(NetworkProfile.wan());

        RawHttp.Response response = send("POST", "{\"faults\":{\"seed\":5,\"rules\":[{\"kind\":\"status\","
                + "\"status\":429,\"retryAfter\":\"3s\",\"routes\":[\"manifests\"],\"probability\":0.5}]}}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(controller.network()).isEqualTo(NetworkProfile.wan());
        assertThat(controller.faults().seed()).isEqualTo(5);
        assertThat(controller.faults().rules().get(0).status()).isEqualTo(429);
    }

    @Test
    void delete_resetsToLoopbackAndNone() throws Exception {
        controller.set(NetworkProfile.wan(), FaultProfile.flaky());

        assertThat(send("DELETE", null).status()).isEqualTo(200);

        assertThat(controller.network().isLoopback()).isTrue();
        assertThat(controller.faults().rules()).isEmpty();
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("not JSON", "{faults:", "not JSON"),
                Arguments.of("not an object", "[1]", "must be a JSON object"),
                Arguments.of("unknown top-level key", "{\"fault\":\"flaky\"}", "unknown key 'fault'"),
                Arguments.of("unknown profile name", "{\"faults\":\"chaos\"}", "unknown fault profile 'chaos'"),
                Arguments.of("unknown rule key", "{\"faults\":{\"rules\":[{\"kind\":\"stall\",\"when\":1}]}}",
                        "unknown key 'rules[0].when'"),
                Arguments.of("bad value", "{\"network\":{\"latency\":\"slow\"}}", "bad duration 'slow'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void put_badBodyIs400NamingTheProblemAndChangesNothing(String description, String body, String expected)
            throws Exception {
        RawHttp.Response response = send("PUT", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).at("/errors/0/message").asText()).contains(expected);
        assertThat(controller.faults()).isEqualTo(FaultProfile.none());
    }
}
