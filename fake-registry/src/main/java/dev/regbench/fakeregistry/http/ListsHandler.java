package dev.regbench.fakeregistry.http;

import dev.regbench.fakeregistry.storage.Storage;
import io.undertow.server.HttpServerExchange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v2/}, {@code GET /v2/_catalog} and {@code GET /v2/<name>/tags/list}, the latter
 * two with {@code n}/{@code last} pagination and {@code Link} headers. Thread-safe.
 */
final class ListsHandler {
    private static final byte[] EMPTY_JSON = "{}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Storage storage;

    ListsHandler(Storage storage) {
        this.storage = storage;
    }

    void ping(HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(io.undertow.util.Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseHeaders().put(io.undertow.util.Headers.CONTENT_LENGTH, EMPTY_JSON.length);
        exchange.getResponseSender().send(java.nio.ByteBuffer.wrap(EMPTY_JSON));
    }

    void catalog(HttpServerExchange exchange) {
        List<String> page = Pagination.page(exchange, storage.repositories(), "/v2/_catalog");
        Json.send(exchange, 200, "application/json", Map.of("repositories", page));
    }

    void tags(HttpServerExchange exchange, RequestTarget target) {
        String name = target.name();
        if (!storage.repositoryExists(name)) {
            throw OciError.of(ErrorCode.NAME_UNKNOWN, "repository " + name + " is not known")
                    .withDetail(Map.of("name", name)).exception();
        }
        List<String> page = Pagination.page(exchange, storage.tags(name), "/v2/" + name + "/tags/list");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("tags", page);
        Json.send(exchange, 200, "application/json", body);
    }
}
