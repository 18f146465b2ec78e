package dev.regbench.service;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers to answer with JSON or a JSON error. Stateless, thread-safe. */
final class Http {

    static final String JSON = "application/json";

    private Http() {
    }

    static void json(HttpServerExchange exchange, int status, Object body) {
        bytes(exchange, status, JSON, Json.writeBytes(body));
    }

    static void bytes(HttpServerExchange exchange, int status, String contentType, byte[] body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }

    /** {@code {"error": message, "field": field, "status": status}} ({@code field} left out when null). */
    static void error(HttpServerExchange exchange, int status, String field, String message) {
        if (exchange.isResponseStarted()) {
            exchange.endExchange();
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        if (field != null) {
            body.put("field", field);
        }
        body.put("status", status);
        json(exchange, status, body);
    }

    static void error(HttpServerExchange exchange, BadRequestException e) {
        error(exchange, e.status(), e.field(), e.getMessage());
    }

    /** The first value of query (or path template) parameter {@code name}, or null. */
    static String param(HttpServerExchange exchange, String name) {
        var values = exchange.getQueryParameters().get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
