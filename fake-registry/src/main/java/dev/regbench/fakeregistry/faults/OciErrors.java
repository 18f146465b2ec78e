package dev.regbench.fakeregistry.faults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.charset.StandardCharsets;

/**
 * Error responses of the fault and auth layers, in the OCI distribution error format
 * {@code {"errors":[{"code":...,"message":...}]}}. Stateless and thread-safe.
 */
public final class OciErrors {
    private static final HttpString API_VERSION = new HttpString("Docker-Distribution-API-Version");

    private OciErrors() {
    }

    /** The OCI/distribution error code for an injected status. */
    public static String codeFor(int status) {
        return switch (status) {
            case 401 -> "UNAUTHORIZED";
            case 403 -> "DENIED";
            case 404 -> "NAME_UNKNOWN";
            case 429 -> "TOOMANYREQUESTS";
            case 500 -> "UNKNOWN";
            case 502, 503, 504 -> "UNAVAILABLE";
            default -> status >= 500 ? "UNAVAILABLE" : "UNSUPPORTED";
        };
    }

    /** Sends {@code status} with an OCI JSON error body and ends the exchange. */
    public static void send(HttpServerExchange exchange, int status, String code, String message) {
        ObjectNode body = ProfileReader.JSON.createObjectNode();
        ObjectNode error = body.putArray("errors").addObject();
        error.put("code", code);
        error.put("message", message);
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseHeaders().put(API_VERSION, "registry/2.0");
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, bytes.length);
        exchange.getResponseSender().send(java.nio.ByteBuffer.wrap(bytes));
    }
}
