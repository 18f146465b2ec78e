package dev.regbench.fakeregistry.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regbench.fakeregistry.http.Route;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProfilesTest {

    @Test
    void builtIns_matchTheDesign() {
        assertThat(NetworkProfile.named("loopback").isLoopback()).isTrue();
        NetworkProfile wan = NetworkProfile.named("wan");
        assertThat(wan.latency()).isEqualTo(Duration.ofMillis(20));
        assertThat(wan.connectionBandwidth()).isEqualTo(20_000_000);
        // wan-link: the same latency, the 20 MB/s shared by every connection to the host (a link cap)
        NetworkProfile link = NetworkProfile.named("wan-link");
        assertThat(link.latency()).isEqualTo(Duration.ofMillis(20));
        assertThat(link.connectionBandwidth()).isZero();
        assertThat(link.serverBandwidth()).isEqualTo(20_000_000);
        assertThat(FaultProfile.named("none").rules()).isEmpty();
        FaultProfile flaky = FaultProfile.named("flaky");
        assertThat(flaky.rules()).extracting(FaultRule::statsKind).containsExactly("status503", "status429", "reset");
        assertThat(flaky.rules()).allSatisfy(r -> assertThat(r.routes()).containsExactly(Route.BLOBS, Route.MANIFESTS));
        assertThat(flaky.rules().get(1).retryAfter()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void named_unknownNamesListTheKnownOnes() {
        assertThatThrownBy(() -> NetworkProfile.named("lan")).hasMessageContaining("'lan'").hasMessageContaining("loopback, wan, wan-link");
        assertThatThrownBy(() -> FaultProfile.named("chaos")).hasMessageContaining("'chaos'").hasMessageContaining("none, flaky");
    }

    @Test
    void fromYaml_readsRulesWithUnits(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("faults.yaml");
        Files.writeString(file, """
                name: mine
                seed: 9
                rules:
                  - routes: [blobs]
                    kind: status
                    status: 429
                    retryAfter: 2s
                    probability: 0.1
                  - routes: [manifests, tags]
                    kind: latency
                    latency: 250ms
                    jitter: 50ms
                  - kind: reset
                    afterBytes: 64KiB
                    probability: 0.01
                  - routes: [token]
                    kind: expire
                    probability: 0.5
                """);

        FaultProfile profile = FaultProfile.fromYaml(file);

        assertThat(profile.seed()).isEqualTo(9);
        assertThat(profile.rules().get(0).retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(profile.rules().get(1).latency()).isEqualTo(Duration.ofMillis(250));
        assertThat(profile.rules().get(1).probability()).isEqualTo(1.0);
        assertThat(profile.rules().get(2).afterBytes()).isEqualTo(65_536L);
        assertThat(profile.rules().get(2).routes()).isEqualTo(FaultRule.ALL_ROUTES);
        assertThat(profile.rules().get(3).routes()).containsExactly(Route.TOKEN);
    }

    @Test
    void json_roundTripsThroughTheAdminForm() {
        FaultProfile flaky = FaultProfile.flaky();
        String json = ProfileReader.JSON.valueToTree(flaky).toString();

        assertThat(FaultProfile.fromJson(json, "test")).isEqualTo(flaky);
        assertThat(json).contains("\"retryAfter\":\"1s\"").contains("\"routes\":[\"blobs\",\"manifests\"]");
        NetworkProfile wan = NetworkProfile.wan();
        assertThat(NetworkProfile.fromJson(ProfileReader.JSON.valueToTree(wan).toString(), "test")).isEqualTo(wan);
    }

    @Test
    void networkYaml_acceptsRatesWithUnits() {
        NetworkProfile p = NetworkProfile.fromYaml("latency: 5ms\njitter: 1ms\nconnectionBandwidth: 10MB/s\n"
                + "serverBandwidth: 1GiB\n", "net.yaml");

        assertThat(p.connectionBandwidth()).isEqualTo(10_000_000);
        assertThat(p.serverBandwidth()).isEqualTo(1L << 30);
        assertThat(p.name()).isEqualTo("custom");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown top-level key       | seed: 1\\nrulez: []                                    | unknown key 'rulez'",
        "unknown rule key            | rules:\\n  - kind: status\\n    code: 503               | unknown key 'rules[0].code'",
        "missing kind                | rules:\\n  - status: 503                               | kind",
        "unknown kind                | rules:\\n  - kind: explode                             | unknown fault kind 'explode'",
        "unknown route               | rules:\\n  - kind: stall\\n    routes: [blobz]          | unknown route 'blobz'",
        "status not an error         | rules:\\n  - kind: status\\n    status: 200             | status: 200",
        "probability above 1         | rules:\\n  - kind: stall\\n    probability: 1.5        | probability",
        "terminal rules above 1      | rules:\\n  - kind: stall\\n  - kind: status           | add up to 2.0",
        "bad duration                | rules:\\n  - kind: latency\\n    latency: soon         | bad duration 'soon'",
        "latency key on status rule  | rules:\\n  - kind: status\\n    latency: 1s             | only for kind latency",
        "admin route                 | rules:\\n  - kind: stall\\n    routes: [admin]          | admin is never faulted",
    })
    void faultYaml_errorsNameTheSourceAndTheProblem(String description, String yaml, String expected) {
        assertThatThrownBy(() -> FaultProfile.fromYaml(yaml.replace("\\n", "\n"), "faults.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("faults.yaml")
                .hasMessageContaining(expected);
    }

    @Test
    void networkYaml_unknownKeyNamesIt() {
        assertThatThrownBy(() -> NetworkProfile.fromYaml("latencyy: 5ms", "net.yaml"))
                .hasMessageContaining("net.yaml").hasMessageContaining("unknown key 'latencyy'")
                .hasMessageContaining("connectionBandwidth");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"4096, 4096", "64KiB, 65536", "20MB, 20000000", "20MB/s, 20000000", "1.5GiB, 1610612736", "10kb, 10000"})
    void parseSize_readsDecimalAndBinaryUnits(String text, long bytes) {
        assertThat(Units.parseSize(text)).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "{0} -> {1} ms")
    @CsvSource({"250ms, 250", "30s, 30000", "5m, 300000", "1h, 3600000", "15, 15", "1.5s, 1500"})
    void parseDuration_readsUnits(String text, long millis) {
        assertThat(Units.parseDuration(text).toMillis()).isEqualTo(millis);
    }

    @Test
    void with_addsARuleToACopy() {
        FaultProfile p = FaultProfile.none().with(FaultRule.expire(0.5, Route.MANIFESTS));
        assertThat(p.rules()).hasSize(1);
        assertThat(FaultProfile.none().rules()).isEmpty();
        assertThat(p.rules().get(0).statsKind()).isEqualTo("expired");
        assertThat(List.of(p.rules().get(0).routes())).hasSize(1);
    }
}
