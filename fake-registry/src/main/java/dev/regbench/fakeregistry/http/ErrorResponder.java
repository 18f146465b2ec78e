package dev.regbench.fakeregistry.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;

/**
 * Renders an {@link OciError} as the spec's JSON body
 * {@code {"errors":[{"code":...,"message":...,"detail":...}]}}: the one place errors become
 * HTTP. Thread-safe (stateless).
 */
public final class ErrorResponder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorResponder() {
    }

    /** The JSON body for {@code error}. */
    public static byte[] body(OciError error) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode errors = root.putArray("errors");
        ObjectNode e = errors.addObject();
        e.put("code", error.code().name());
        e.put("message", error.message());
        if (error.detail() != null) {
            e.set("detail", JSON.valueToTree(error.detail()));
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException("cannot render error " + error, ex);
        }
    }

    /** Sends {@code error} as the response (status, JSON content type, body; no body for HEAD). */
    public static void send(HttpServerExchange exchange, OciError error) {
        if (exchange.isResponseStarted()) {
            exchange.endExchange();
            return;
        }
        byte[] body = body(error);
        exchange.setStatusCode(error.status());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }
}
