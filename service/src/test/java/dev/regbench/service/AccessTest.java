package dev.regbench.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tokens, Origin, Host and Content-Type over real HTTP: what a local user without the token or a
 * web page in a browser can no longer do (issue 14: a cross-site text/plain POST got 201, a
 * foreign-Origin WebSocket got 101).
 */
class AccessTest {

    private static final String TOKEN = "access-test-token-0123456789";
    private static ReplicationService service;
    private static ReplicationService publicReads;
    private static ServiceClient client;
    private static ServiceClient anonymous;
    private static String jobId;

    @BeforeAll
    static void start() {
        service = ReplicationService.builder().config(ServiceConfig.DEFAULT.withPort(0))
                .access(AccessPolicy.of(List.of(TOKEN))).runner((spec, ctx) -> { }).start();
        publicReads = ReplicationService.builder().config(ServiceConfig.DEFAULT.withPort(0))
                .access(AccessPolicy.of(List.of(TOKEN)).withPublicReads(true)).runner((spec, ctx) -> { }).start();
        client = new ServiceClient(service.url(), TOKEN);
        anonymous = new ServiceClient(service.url(), null);
        jobId = client.submit("127.0.0.1:9/src/app", "127.0.0.1:9/dst/app", ".*");
    }

    @AfterAll
    static void stop() {
        service.close();
        publicReads.close();
    }

    private static String body() {
        return ServiceClient.json(Map.of("source", "127.0.0.1:9/src/app", "destination", "127.0.0.1:9/dst/x"));
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return client.http.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void missingOrWrongToken_is401_withoutSayingWhetherTheJobExists() throws Exception {
        ServiceClient wrong = new ServiceClient(service.url(), "wrong-token-0123456789abc");
        ServiceClient.Reply known = anonymous.delete("/jobs/" + jobId);
        ServiceClient.Reply unknown = anonymous.delete("/jobs/no-such-job");
        ServiceClient.Reply wrongKnown = wrong.get("/jobs/" + jobId + "/logs");
        ServiceClient.Reply wrongUnknown = wrong.get("/jobs/no-such-job/logs");
        ServiceClient.Reply submit = anonymous.post("/jobs", body());

        for (ServiceClient.Reply r : List.of(known, unknown, wrongKnown, wrongUnknown, submit)) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(r.raw().body()).isEqualTo(known.raw().body());
        }
        assertThat(anonymous.get("/jobs/active").status()).as("reads need the token by default").isEqualTo(401);
        assertThat(anonymous.get("/healthz").status()).isEqualTo(200);
        assertThat(client.get("/jobs/" + jobId).status()).isEqualTo(200);
    }

    @Test
    void publicReads_openListingsButNotLogsOrChanges() {
        ServiceClient anon = new ServiceClient(publicReads.url(), null);
        String id = new ServiceClient(publicReads.url(), TOKEN).submit("127.0.0.1:9/src/app", "127.0.0.1:9/dst/y", ".*");

        assertThat(anon.get("/jobs/active").status()).isEqualTo(200);
        assertThat(anon.get("/jobs/" + id).status()).isEqualTo(200);
        assertThat(anon.get("/jobs/" + id + "/logs").status()).isEqualTo(401);
        assertThat(anon.delete("/jobs/" + id).status()).isEqualTo(401);
        assertThat(anon.post("/jobs", body()).status()).isEqualTo(401);
    }

    @Test
    void crossSitePost_withForeignOriginOrTextPlain_isRefused() throws Exception {
        HttpResponse<String> foreign = send(client.request(client.uri("/jobs")).header("Origin", "https://evil.example")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body())));
        HttpResponse<String> textPlain = send(client.request(client.uri("/jobs"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(body())));
        HttpResponse<String> ownOrigin = send(client.request(client.uri("/jobs")).header("Origin", service.url())
                .header("Content-Type", "application/json; charset=utf-8").POST(HttpRequest.BodyPublishers.ofString(body())));

        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body()).contains("Origin 'https://evil.example' is not allowed");
        assertThat(textPlain.statusCode()).isEqualTo(415);
        assertThat(ownOrigin.statusCode()).isEqualTo(201);
    }

    @Test
    void webSocketUpgrade_fromForeignOrigin_isRefused() {
        HttpClient http = HttpClient.newHttpClient();
        assertThatThrownBy(() -> http.newWebSocketBuilder().header("Origin", "https://evil.example")
                .header("Authorization", "Bearer " + TOKEN)
                .buildAsync(java.net.URI.create(service.url().replace("http", "ws") + "/ws/jobs/" + jobId),
                        new java.net.http.WebSocket.Listener() { }).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(403));
    }

    @Test
    void foreignHost_isRefused_againstDnsRebinding() throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", service.port())) {
            s.getOutputStream().write(("GET /jobs/active HTTP/1.1\r\nHost: rebind.evil.example:" + service.port()
                    + "\r\nAuthorization: Bearer " + TOKEN + "\r\nConnection: close\r\n\r\n").getBytes());
            String answer = new String(s.getInputStream().readAllBytes());
            assertThat(answer).startsWith("HTTP/1.1 403").contains("Host 'rebind.evil.example:");
        }
    }

    @Test
    void chunkedOversizeBody_is413_notAReset() throws Exception {
        byte[] big = ("{\"source\":\"" + "a".repeat(200_000) + "\"}").getBytes();
        HttpResponse<String> r = send(client.request(client.uri("/jobs")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("exceeds");
    }

    @Test
    void imageReferences_areParsedByTheEngineParser() {
        ServiceClient.Reply withTag = client.post("/jobs", ServiceClient.json(Map.of(
                "source", "127.0.0.1:9/src/app", "destination", "127.0.0.1:9/dst/app:latest")));
        assertThat(withTag.status()).isEqualTo(400);
        assertThat(withTag.json().get("field").asText()).isEqualTo("destination");
    }
}
