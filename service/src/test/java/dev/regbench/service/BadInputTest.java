package dev.regbench.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad requests get a JSON error with the right status and the field named; the service stays up. */
class BadInputTest {

    private static ReplicationService service;
    private static ServiceClient client;

    @BeforeAll
    static void start() {
        service = ReplicationService.builder().config(ServiceConfig.DEFAULT.withPort(0))
                .runner((spec, ctx) -> { }).start();
        client = new ServiceClient(service);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static final String SRC = "\"source\":\"127.0.0.1:5000/team/app\"";
    private static final String DST = "\"destination\":\"127.0.0.1:5001/team/app\"";

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("body is not JSON", "POST", "/jobs", "source=x", 400, null, "not JSON"),
                Arguments.of("body is a JSON array", "POST", "/jobs", "[1,2]", 400, null, "JSON object"),
                Arguments.of("empty body", "POST", "/jobs", "", 400, null, "JSON"),
                Arguments.of("source missing", "POST", "/jobs", "{" + DST + "}", 400, "source", "required"),
                Arguments.of("destination missing", "POST", "/jobs", "{" + SRC + "}", 400, "destination", "required"),
                Arguments.of("source without repository", "POST", "/jobs",
                        "{\"source\":\"127.0.0.1:5000\"," + DST + "}", 400, "source", "host[:port]/repository"),
                Arguments.of("source with ftp scheme", "POST", "/jobs",
                        "{\"source\":\"ftp://h/r\"," + DST + "}", 400, "source", "scheme"),
                Arguments.of("source not a string", "POST", "/jobs", "{\"source\":5," + DST + "}", 400, "source", "string"),
                Arguments.of("destination with upper-case repository", "POST", "/jobs",
                        "{" + SRC + ",\"destination\":\"127.0.0.1:5001/Team/App\"}", 400, "destination", "repository name"),
                Arguments.of("tags not a regex", "POST", "/jobs", "{" + SRC + "," + DST + ",\"tags\":\"([\"}", 400, "tags", "regular expression"),
                Arguments.of("tags a number", "POST", "/jobs", "{" + SRC + "," + DST + ",\"tags\":5}", 400, "tags", "string"),
                Arguments.of("unknown config name", "POST", "/jobs", "{" + SRC + "," + DST + ",\"config\":\"fastest\"}", 400, "config", "fastest"),
                Arguments.of("inline config with unknown key", "POST", "/jobs",
                        "{" + SRC + "," + DST + ",\"config\":{\"transport\":{\"maxTotl\":4}}}", 400, "config.transport.maxTotl", "maxTotl"),
                Arguments.of("inline YAML config with bad value", "POST", "/jobs",
                        "{" + SRC + "," + DST + ",\"config\":\"replication:\\n  tagConcurrency: many\\n\"}", 400, "config.replication.tagConcurrency", "tagConcurrency"),
                Arguments.of("config an array", "POST", "/jobs", "{" + SRC + "," + DST + ",\"config\":[1]}", 400, "config", "config name"),
                Arguments.of("misspelt field", "POST", "/jobs", "{" + SRC + "," + DST + ",\"tag\":\"v1\"}", 400, "tag", "unknown field"),
                Arguments.of("body too large", "POST", "/jobs", "{\"source\":\"" + "a".repeat(70_000) + "\"}", 413, null, "exceeds"),
                Arguments.of("failed limit zero", "GET", "/jobs/failed?limit=0", null, 400, "limit", "1 to 1000"),
                Arguments.of("failed limit not a number", "GET", "/jobs/failed?limit=ten", null, 400, "limit", "ten"),
                Arguments.of("unknown job", "GET", "/jobs/nope", null, 404, "id", "nope"),
                Arguments.of("cancel unknown job", "DELETE", "/jobs/nope", null, 404, "id", "nope"),
                Arguments.of("logs of unknown job", "GET", "/jobs/nope/logs?follow=true", null, 404, "id", "nope"),
                Arguments.of("watch unknown job", "GET", "/ws/jobs/nope", null, 404, "id", "nope"),
                Arguments.of("wrong method", "PUT", "/jobs", "{}", 405, null, "PUT"),
                Arguments.of("unknown path", "GET", "/nothing/here", null, 404, null, "/nothing/here"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequest_isAnsweredWithJsonErrorNamingTheField(String description, String method, String path, String body,
                                                          int status, String field, String mentions) {
        ServiceClient.Reply reply = client.send(method, path, body);

        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.json()).as("JSON error body").isNotNull();
        assertThat(reply.json().path("error").asText()).contains(mentions);
        if (field == null) {
            assertThat(reply.json().has("field")).isFalse();
        } else {
            assertThat(reply.json().path("field").asText()).isEqualTo(field);
        }
        assertThat(client.get("/healthz").status()).isEqualTo(200);
    }

    @Test
    void badFollowValue_isRejected_forAKnownJob() {
        String id = client.submit("127.0.0.1:5000/team/app", "127.0.0.1:5001/team/app", ".*");

        ServiceClient.Reply reply = client.get("/jobs/" + id + "/logs?follow=maybe");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("field").asText()).isEqualTo("follow");
    }

    @Test
    void serviceStillServes_afterEveryKindOfBadRequest() {
        badRequests().forEach(row -> {
            Object[] a = row.get();
            client.send((String) a[1], (String) a[2], (String) a[3]);
        });

        assertThat(client.get("/healthz").json().get("status").asText()).isEqualTo("ok");
        assertThat(client.submit("127.0.0.1:5000/team/app", "127.0.0.1:5001/team/app", ".*")).isNotBlank();
    }
}
