package dev.regbench.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Test client of the job service over real HTTP (java.net.http). Thread-safe. */
public final class ServiceClient {

    record Reply(int status, JsonNode json, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    static final ObjectMapper MAPPER = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String base;
    /** The bearer token every request carries (null: none). */
    final String token;

    ServiceClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** A client of {@code service} with the token it generated at start. */
    ServiceClient(ReplicationService service) {
        this(service.url(), service.generatedToken().orElseThrow());
    }

    /** A request builder carrying the token. */
    HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri);
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    Reply get(String path) {
        return send(request(uri(path)).GET());
    }

    Reply delete(String path) {
        return send(request(uri(path)).DELETE());
    }

    Reply post(String path, String body) {
        return send(request(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply send(String method, String path, String body) {
        HttpRequest.Builder b = request(uri(path));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return send(b.method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Submits a job and returns its id (asserting 201). */
    String submit(String source, String destination, String tags) {
        Reply r = post("/jobs", json(Map.of("source", source, "destination", destination, "tags", tags)));
        if (r.status() != 201) {
            throw new AssertionError("submit answered " + r.status() + ": " + r.raw().body());
        }
        return r.json().get("id").asText();
    }

    String state(String id) {
        return get("/jobs/" + id).json().path("state").asText();
    }

    URI uri(String path) {
        return URI.create(base + path);
    }

    static String json(Object o) {
        try {
            return MAPPER.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Reply send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            String ct = r.headers().firstValue("Content-Type").orElse("");
            if (ct.startsWith("application/json") && !r.body().isEmpty()) {
                json = MAPPER.readTree(r.body());
            }
            return new Reply(r.statusCode(), json, r);
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
