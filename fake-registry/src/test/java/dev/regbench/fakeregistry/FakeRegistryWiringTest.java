package dev.regbench.fakeregistry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regbench.fakeregistry.auth.AuthConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builder wires dataset, auth, admin endpoints and disk storage into a serving registry. */
class FakeRegistryWiringTest {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<byte[]> get(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void dataset_isSeededAndServedByteExact() throws Exception {
        try (FakeRegistry registry = FakeRegistry.builder().dataset("tiny").start()) {
            assertThat(registry.seeded().manifests()).isNotEmpty();
            registry.seeded().manifests().forEach((repo, tags) -> tags.forEach((tag, digest) -> {
                try {
                    HttpResponse<byte[]> manifest = get(registry.url() + "/v2/" + repo + "/manifests/" + tag);
                    assertThat(manifest.statusCode()).isEqualTo(200);
                    assertThat(sha256(manifest.body())).isEqualTo(digest);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }));
            String catalog = new String(get(registry.url() + "/v2/_catalog").body(), StandardCharsets.UTF_8);
            registry.seeded().manifests().keySet().forEach(repo -> assertThat(catalog).contains("\"" + repo + "\""));
        }
    }

    @Test
    void tokenAuth_challengesThenServesWithAToken() throws Exception {
        AuthConfig auth = AuthConfig.token(Map.of("alice", "secret"), Duration.ofMinutes(5));
        try (FakeRegistry registry = FakeRegistry.builder().dataset("tiny").auth(auth).start()) {
            String repo = registry.seeded().manifests().keySet().iterator().next();
            String tag = registry.seeded().manifests().get(repo).keySet().iterator().next();
            HttpResponse<byte[]> challenge = get(registry.url() + "/v2/" + repo + "/manifests/" + tag);
            assertThat(challenge.statusCode()).isEqualTo(401);
            assertThat(challenge.headers().firstValue("WWW-Authenticate").orElseThrow())
                    .contains("realm=\"" + registry.url() + "/token\"")
                    .contains("scope=\"repository:" + repo + ":pull\"");
            String basic = Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));
            HttpResponse<byte[]> tokenResponse = get(registry.url() + "/token?service=regbench&scope=repository:"
                    + repo + ":pull", "Authorization", "Basic " + basic);
            assertThat(tokenResponse.statusCode()).isEqualTo(200);
            String token = new ObjectMapper().readTree(tokenResponse.body()).get("token").asText();
            HttpResponse<byte[]> manifest = get(registry.url() + "/v2/" + repo + "/manifests/" + tag,
                    "Authorization", "Bearer " + token);
            assertThat(manifest.statusCode()).isEqualTo(200);
            assertThat(registry.stats().requests("token")).isEqualTo(1);
        }
    }

    @Test
    void adminEndpoints_withTokenAuth_needTheAdminToken() throws Exception {
        AuthConfig auth = AuthConfig.token(Map.of("alice", "secret"), Duration.ofMinutes(5));
        try (FakeRegistry registry = FakeRegistry.builder().auth(auth).start()) {
            String bearer = "Bearer " + registry.adminToken().orElseThrow();
            assertThat(get(registry.url() + "/_regbench/stats").statusCode()).isEqualTo(401);
            assertThat(get(registry.url() + "/_regbench/faults").statusCode()).isEqualTo(401);
            assertThat(get(registry.url() + "/_regbench/stats", "Authorization", bearer).statusCode()).isEqualTo(200);
            assertThat(get(registry.url() + "/_regbench/faults", "Authorization", bearer).statusCode()).isEqualTo(200);
            assertThat(get(registry.url() + "/_regbench/nothing", "Authorization", bearer).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void diskStorage_servesAgainAfterRestart(@TempDir Path dir) throws Exception {
        Map<String, Map<String, String>> seeded;
        try (FakeRegistry registry = FakeRegistry.builder().dataset("tiny").storage(dir).start()) {
            seeded = registry.seeded().manifests();
        }
        try (FakeRegistry registry = FakeRegistry.builder().storage(dir).start()) {
            for (var repo : seeded.entrySet()) {
                for (var tag : repo.getValue().entrySet()) {
                    HttpResponse<byte[]> manifest = get(registry.url() + "/v2/" + repo.getKey() + "/manifests/" + tag.getKey());
                    assertThat(manifest.statusCode()).isEqualTo(200);
                    assertThat(sha256(manifest.body())).isEqualTo(tag.getValue());
                }
            }
        }
    }
}
