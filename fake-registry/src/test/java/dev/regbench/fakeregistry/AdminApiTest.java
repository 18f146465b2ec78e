package dev.regbench.fakeregistry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.fakeregistry.auth.AuthConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where the admin API answers and who may use it: open on the registry port by default (no
 * auth: the registry itself is open too); never open when token auth is on (a random admin
 * token unless one is given); on a port of its own when asked, the registry port then answering
 * 404 under {@code /_regbench/}.
 */
class AdminApiTest {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> send(String method, String url, String body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void default_isOpenOnTheRegistryPort() throws Exception {
        try (FakeRegistry registry = FakeRegistry.builder().start()) {
            assertThat(registry.adminToken()).isEmpty();
            assertThat(registry.adminUrl()).isEqualTo(registry.url());
            assertThat(send("GET", registry.url() + "/_regbench/stats", null, null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void tokenAuth_unauthenticatedFaultPutIsRefusedAndChangesNothing() throws Exception {
        AuthConfig auth = AuthConfig.token(Map.of("alice", "secret"), Duration.ofMinutes(5));
        try (FakeRegistry registry = FakeRegistry.builder().auth(auth).start()) {
            String allFail = "{\"faults\":{\"name\":\"down\",\"rules\":[{\"kind\":\"status\",\"status\":503}]}}";

            HttpResponse<String> put = send("PUT", registry.url() + "/_regbench/faults", allFail, null);
            HttpResponse<String> wrong = send("PUT", registry.url() + "/_regbench/faults", allFail, "not-the-token");

            assertThat(put.statusCode()).isEqualTo(401);
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(registry.controls().faults().rules()).isEmpty();
            assertThat(send("GET", registry.url() + "/v2/", null, null).statusCode()).isEqualTo(401); // auth, not 503
            assertThat(send("DELETE", registry.url() + "/_regbench/stats", null, null).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void givenToken_isRequiredEvenWithoutAuth() throws Exception {
        try (FakeRegistry registry = FakeRegistry.builder().adminToken("s3cret-admin").start()) {
            assertThat(send("GET", registry.url() + "/_regbench/stats", null, null).statusCode()).isEqualTo(401);
            assertThat(send("GET", registry.url() + "/_regbench/stats", null, "s3cret-admin").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void ownPort_servesTheAdminApiThere_andTheRegistryPortRefusesIt() throws Exception {
        try (FakeRegistry registry = FakeRegistry.builder().adminPort(0).start()) {
            assertThat(registry.adminUrl()).isNotEqualTo(registry.url()).startsWith("http://127.0.0.1:");

            assertThat(send("GET", registry.url() + "/_regbench/stats", null, null).statusCode()).isEqualTo(404);
            assertThat(send("PUT", registry.url() + "/_regbench/faults", "{\"faults\":\"flaky\"}", null).statusCode())
                    .isEqualTo(404);
            assertThat(registry.controls().faults().name()).isEqualTo("none");
            HttpResponse<String> stats = send("GET", registry.adminUrl() + "/_regbench/stats", null, null);
            assertThat(stats.statusCode()).isEqualTo(200);
            assertThat(stats.body()).contains("requestsTotal");
            assertThat(send("PUT", registry.adminUrl() + "/_regbench/faults", "{\"faults\":\"flaky\"}", null).statusCode())
                    .isEqualTo(200);
            assertThat(registry.controls().faults().name()).isEqualTo("flaky");
        }
    }

    @Test
    void ownPortWithTokenAuth_stillNeedsTheToken() throws Exception {
        AuthConfig auth = AuthConfig.token(Map.of("alice", "secret"), Duration.ofMinutes(5));
        try (FakeRegistry registry = FakeRegistry.builder().auth(auth).adminPort(0).start()) {
            assertThat(send("GET", registry.adminUrl() + "/_regbench/stats", null, null).statusCode()).isEqualTo(401);
            assertThat(send("GET", registry.adminUrl() + "/_regbench/stats", null, registry.adminToken().orElseThrow())
                    .statusCode()).isEqualTo(200);
        }
    }
}
