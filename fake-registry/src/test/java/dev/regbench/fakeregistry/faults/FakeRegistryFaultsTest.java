package dev.regbench.fakeregistry.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regbench.fakeregistry.FakeRegistry;
import dev.regbench.fakeregistry.auth.AuthConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Datasets, faults and auth inside the real {@link FakeRegistry}, over real sockets. */
class FakeRegistryFaultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static int port(FakeRegistry reg) {
        return reg.port();
    }

    @Test
    void tinyDataset_isServedWithItsSeededDigests() throws Exception {
        try (FakeRegistry reg = FakeRegistry.builder().dataset("tiny").start()) {
            String digest = reg.seeded().manifests().get("tiny/app0").get("v2");

            RawHttp.Response manifest = RawHttp.get(port(reg), "/v2/tiny/app0/manifests/v2", 5000,
                    "Accept: application/vnd.oci.image.manifest.v1+json");
            assertThat(manifest.status()).isEqualTo(200);
            assertThat(sha256(manifest.body())).isEqualTo(digest);

            String layer = JSON.readTree(manifest.body()).at("/layers/0/digest").asText();
            RawHttp.Response blob = RawHttp.get(port(reg), "/v2/tiny/app0/blobs/" + layer, 5000);
            assertThat(blob.status()).isEqualTo(200);
            assertThat(sha256(blob.body())).isEqualTo(layer);
        }
    }

    @Test
    void adminApi_switchesFaultsOnAndOffAndStatsCountThem() throws Exception {
        try (FakeRegistry reg = FakeRegistry.builder().dataset("tiny").start()) {
            String path = "/v2/tiny/app0/manifests/v1";
            String body = "{\"faults\":{\"rules\":[{\"kind\":\"status\",\"status\":429,\"retryAfter\":\"1s\","
                    + "\"routes\":[\"manifests\"]}]}}";
            assertThat(RawHttp.send(port(reg), "PUT", "/_regbench/faults", 5000,
                    body.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);

            RawHttp.Response faulted = RawHttp.get(port(reg), path, 5000);
            assertThat(faulted.status()).isEqualTo(429);
            assertThat(faulted.header("Retry-After")).isEqualTo("1");
            assertThat(reg.stats().faultsInjected()).containsEntry("manifests.status429", 1L);

            assertThat(RawHttp.send(port(reg), "DELETE", "/_regbench/faults", 5000, null).status()).isEqualTo(200);
            assertThat(RawHttp.get(port(reg), path, 5000).status()).isEqualTo(200);
        }
    }

    @Test
    void resetFault_truncatesARealBlob() throws Exception {
        try (FakeRegistry reg = FakeRegistry.builder().dataset("tiny")
                .faults(FaultProfile.none().with(FaultRule.reset(1000L, 1, dev.regbench.fakeregistry.http.Route.BLOBS)))
                .start()) {
            JsonNode manifest = JSON.readTree(RawHttp.get(port(reg), "/v2/tiny/app0/manifests/v1", 5000).body());
            String layer = manifest.at("/layers/1/digest").asText();

            RawHttp.Response blob = RawHttp.get(port(reg), "/v2/tiny/app0/blobs/" + layer, 5000);

            assertThat(blob.body()).hasSize(1000);
            assertThat(Long.parseLong(blob.header("Content-Length"))).isGreaterThan(1000);
            assertThat(blob.end()).isNotEqualTo(RawHttp.End.COMPLETE);
            assertThat(reg.stats().faultsInjected()).containsEntry("blobs.reset", 1L);
        }
    }

    @Test
    void tokenAuth_challengeTokenAccess() throws Exception {
        try (FakeRegistry reg = FakeRegistry.builder().dataset("tiny")
                .auth(AuthConfig.token(Map.of("alice", "secret"), Duration.ofMinutes(5))).start()) {
            RawHttp.Response challenge = RawHttp.get(port(reg), "/v2/tiny/app0/manifests/v1", 5000);
            assertThat(challenge.status()).isEqualTo(401);
            assertThat(challenge.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"" + reg.url()
                    + "/token\",service=\"regbench\",scope=\"repository:tiny/app0:pull\"");

            String basic = Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));
            RawHttp.Response token = RawHttp.get(port(reg), "/token?service=regbench&scope=repository:tiny/app0:pull",
                    5000, "Authorization: Basic " + basic);
            assertThat(token.status()).isEqualTo(200);
            String bearer = JSON.readTree(token.body()).get("token").asText();

            RawHttp.Response manifest = RawHttp.get(port(reg), "/v2/tiny/app0/manifests/v1", 5000,
                    "Authorization: Bearer " + bearer);
            assertThat(manifest.status()).isEqualTo(200);
            assertThat(sha256(manifest.body())).isEqualTo(reg.seeded().manifests().get("tiny/app0").get("v1"));
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
