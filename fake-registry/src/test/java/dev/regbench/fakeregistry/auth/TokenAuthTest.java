package dev.regbench.fakeregistry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regbench.fakeregistry.faults.FaultController;
import dev.regbench.fakeregistry.faults.FaultProfile;
import dev.regbench.fakeregistry.faults.FaultRule;
import dev.regbench.fakeregistry.faults.NetworkProfile;
import dev.regbench.fakeregistry.http.Route;
import dev.regbench.fakeregistry.stats.ServerStats;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The token flow over real sockets: challenge, token, access, expiry, scopes. One server for the class. */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class TokenAuthTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AuthConfig CONFIG = AuthConfig.token(Map.of("alice", "secret", "reader", "pw"),
            Duration.ofMinutes(5)).withAccess("reader", List.of("team/"), false);

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final ServerStats stats = new ServerStats();
    private final FaultController controller = new FaultController(NetworkProfile.loopback(), FaultProfile.none(), stats);
    private final AtomicReference<String> base = new AtomicReference<>();
    private final TokenService tokens = new TokenService(CONFIG, base::get, clock);
    private final Undertow undertow;
    private final HttpClient client = HttpClient.newHttpClient();

    TokenAuthTest() {
        HttpHandler ok = exchange -> exchange.getResponseSender().send("ok " + exchange.getQueryParameters().keySet());
        HttpHandler app = Handlers.path(tokens.protect(ok)).addExactPath("/token", tokens.tokenHandler());
        undertow = Undertow.builder().addHttpListener(0, "127.0.0.1").setIoThreads(1).setWorkerThreads(1)
                .setHandler(controller.wrap(app)).build();
        undertow.start();
        base.set("http://127.0.0.1:" + ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort());
    }

    @org.junit.jupiter.api.BeforeEach
    void resetState() {
        now.set(Instant.parse("2026-01-01T00:00:00Z"));
        controller.reset();
        stats.reset();
        issuedBefore = tokens.tokensIssued();
    }

    private long issuedBefore;

    @org.junit.jupiter.api.AfterAll
    void close() {
        controller.close();
        undertow.stop();
    }

    private HttpResponse<String> call(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base.get() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private String token(String user, String password, String scope) throws Exception {
        HttpResponse<String> r = call("GET", "/token?service=regbench&scope=" + scope, basic(user, password));
        assertThat(r.statusCode()).isEqualTo(200);
        return "Bearer " + JSON.readTree(r.body()).get("token").asText();
    }

    @Test
    void challengeThenTokenThenAccess() throws Exception {
        HttpResponse<String> challenge = call("GET", "/v2/team/app/manifests/v1", null);
        assertThat(challenge.statusCode()).isEqualTo(401);
        assertThat(challenge.headers().firstValue("WWW-Authenticate")).contains(
                "Bearer realm=\"" + base.get() + "/token\",service=\"regbench\",scope=\"repository:team/app:pull\"");
        assertThat(JSON.readTree(challenge.body()).at("/errors/0/code").asText()).isEqualTo("UNAUTHORIZED");

        HttpResponse<String> tokenResponse = call("GET", "/token?service=regbench&scope=repository:team/app:pull,push",
                basic("alice", "secret"));
        JsonNode body = JSON.readTree(tokenResponse.body());
        assertThat(body.get("token").asText()).isEqualTo(body.get("access_token").asText()).isNotEmpty();
        assertThat(body.get("expires_in").asInt()).isEqualTo(300);
        assertThat(body.get("issued_at").asText()).isEqualTo("2026-01-01T00:00:00Z");

        String bearer = "Bearer " + body.get("token").asText();
        assertThat(call("GET", "/v2/team/app/manifests/v1", bearer).statusCode()).isEqualTo(200);
        assertThat(call("PUT", "/v2/team/app/manifests/v1", bearer).statusCode()).isEqualTo(200);
        assertThat(tokens.tokensIssued() - issuedBefore).isEqualTo(1);
    }

    static Stream<Arguments> challenges() {
        return Stream.of(
                Arguments.of("pull on GET manifest", "GET", "/v2/team/app/manifests/v1", ",scope=\"repository:team/app:pull\""),
                Arguments.of("pull on HEAD blob", "HEAD", "/v2/team/app/blobs/sha256:ab", ",scope=\"repository:team/app:pull\""),
                Arguments.of("pull,push on upload", "POST", "/v2/a/b/c/blobs/uploads/", ",scope=\"repository:a/b/c:pull,push\""),
                Arguments.of("pull,push on DELETE", "DELETE", "/v2/team/app/manifests/v1", ",scope=\"repository:team/app:pull,push\""),
                Arguments.of("tags list", "GET", "/v2/team/app/tags/list", ",scope=\"repository:team/app:pull\""),
                Arguments.of("catalog", "GET", "/v2/_catalog", ",scope=\"registry:catalog:*\""),
                Arguments.of("mount asks for the source too", "POST",
                        "/v2/team/app/blobs/uploads/?mount=sha256:ab&from=other/base",
                        ",scope=\"repository:team/app:pull,push repository:other/base:pull\""),
                Arguments.of("ping has no scope", "GET", "/v2/", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("challenges")
    void noToken_isChallengedWithTheScopeTheRequestNeeds(String description, String method, String path, String scope)
            throws Exception {
        HttpResponse<String> r = call(method, path, null);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains(
                "Bearer realm=\"" + base.get() + "/token\",service=\"regbench\"" + scope);
    }

    @Test
    void token_wrongPasswordOrAnonymousIs401() throws Exception {
        assertThat(call("GET", "/token?service=regbench&scope=repository:team/app:pull", basic("alice", "nope"))
                .statusCode()).isEqualTo(401);
        assertThat(call("GET", "/token?service=regbench&scope=repository:team/app:pull", basic("mallory", "secret"))
                .statusCode()).isEqualTo(401);
        HttpResponse<String> anonymous = call("GET", "/token?service=regbench&scope=repository:team/app:pull", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"regbench\"");
        assertThat(tokens.tokensIssued() - issuedBefore).isZero();
    }

    @Test
    void expiredToken_isChallengedAgain() throws Exception {
        String bearer = token("alice", "secret", "repository:team/app:pull");
        assertThat(call("GET", "/v2/team/app/manifests/v1", bearer).statusCode()).isEqualTo(200);

        now.set(now.get().plus(Duration.ofMinutes(5)));

        HttpResponse<String> r = call("GET", "/v2/team/app/manifests/v1", bearer);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("scope="));
    }

    @Test
    void tokenWithoutTheScope_is403Denied() throws Exception {
        String pullOnly = token("alice", "secret", "repository:team/app:pull");
        HttpResponse<String> push = call("PUT", "/v2/team/app/manifests/v1", pullOnly);
        assertThat(push.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(push.body()).at("/errors/0/code").asText()).isEqualTo("DENIED");

        assertThat(call("GET", "/v2/other/app/manifests/v1", pullOnly).statusCode()).isEqualTo(403);
    }

    @Test
    void restrictedUser_getsOnlyPullInsideItsPrefixes() throws Exception {
        String token = token("reader", "pw", "repository:team/app:pull,push");
        assertThat(call("GET", "/v2/team/app/manifests/v1", token).statusCode()).isEqualTo(200);
        assertThat(call("PUT", "/v2/team/app/manifests/v1", token).statusCode()).isEqualTo(403);

        String outside = token("reader", "pw", "repository:other/app:pull");
        assertThat(call("GET", "/v2/other/app/manifests/v1", outside).statusCode()).isEqualTo(403);
    }

    @Test
    void ping_needsAnyValidToken() throws Exception {
        assertThat(call("GET", "/v2/", "Bearer forged.token").statusCode()).isEqualTo(401);
        assertThat(call("GET", "/v2/", token("alice", "secret", "")).statusCode()).isEqualTo(200);
    }

    @Test
    void mountWithoutPullOnTheSource_becomesAPlainUpload() throws Exception {
        String token = token("alice", "secret", "repository:team/app:pull,push");
        String path = "/v2/team/app/blobs/uploads/?mount=sha256:ab&from=other/base";

        HttpResponse<String> r = call("POST", path, token);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("ok []");
        String both = token("alice", "secret", "repository:team/app:pull,push&scope=repository:other/base:pull");
        assertThat(call("POST", path, both).body()).contains("mount").contains("from");
    }

    @Test
    void expireFault_makesAValidToken401AndIsCounted() throws Exception {
        String bearer = token("alice", "secret", "repository:team/app:pull");
        controller.setFaults(FaultProfile.none().with(FaultRule.expire(1, Route.MANIFESTS)));

        HttpResponse<String> r = call("GET", "/v2/team/app/manifests/v1", bearer);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(call("GET", "/v2/team/app/blobs/sha256:ab", bearer).statusCode()).isEqualTo(200);
        assertThat(stats.snapshot().faultsInjected()).containsEntry("manifests.expired", 1L);
        assertThat(call("GET", "/v2/team/app/manifests/v1", null).statusCode()).isEqualTo(401);
        assertThat(stats.snapshot().faultsInjected()).as("no token: nothing to expire")
                .containsEntry("manifests.expired", 1L);
    }

    @Test
    void badScope_is400() throws Exception {
        assertThat(call("GET", "/token?scope=repository", basic("alice", "secret")).statusCode()).isEqualTo(400);
    }

    @Test
    void authNone_protectIsTheHandlerItself() {
        HttpHandler next = exchange -> { };
        assertThat(new TokenService(AuthConfig.none(), () -> "x").protect(next)).isSameAs(next);
    }

    @Test
    void authConfig_namedTokenHasTheDefaultUser() throws IOException {
        AuthConfig c = AuthConfig.named("token");
        assertThat(c.enabled()).isTrue();
        assertThat(c.users()).containsEntry("regbench", "regbench");
        assertThat(c.toString()).doesNotContain("regbench\"").contains("users=[regbench]");
    }
}
