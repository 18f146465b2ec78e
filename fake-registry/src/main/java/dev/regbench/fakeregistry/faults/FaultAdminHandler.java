package dev.regbench.fakeregistry.faults;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * {@code /_regbench/faults}: {@code GET} returns {@code {"network":{...},"faults":{...}}};
 * {@code PUT}/{@code POST} with the same shape replaces what is given (each part either a
 * profile object or a built-in name, e.g. {@code {"faults":"flaky"}}); {@code DELETE} resets
 * to {@code loopback} and {@code none}. Bad JSON, unknown keys or bad values are a {@code 400}
 * whose message names the problem. Every answer but errors is the current state.
 *
 * <p>Thread-safe (state is the controller's).
 */
public final class FaultAdminHandler implements HttpHandler {
    private static final int MAX_BODY = 1 << 20;

    private final FaultController controller;

    public FaultAdminHandler(FaultController controller) {
        this.controller = controller;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.getRequestMethod().equals(Methods.GET)) {
            sendState(exchange);
        } else if (exchange.getRequestMethod().equals(Methods.DELETE)) {
            controller.reset();
            sendState(exchange);
        } else if (exchange.getRequestMethod().equals(Methods.PUT) || exchange.getRequestMethod().equals(Methods.POST)) {
            var receiver = exchange.getRequestReceiver();
            receiver.setMaxBufferSize(MAX_BODY);
            receiver.receiveFullBytes((ex, body) -> apply(ex, new String(body, StandardCharsets.UTF_8)),
                    (ex, e) -> OciErrors.send(ex, 400, "INVALID", "cannot read the request body: " + e.getMessage()));
        } else {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, PUT, POST, DELETE");
            OciErrors.send(exchange, 405, "UNSUPPORTED", "use GET, PUT, POST or DELETE on /_regbench/faults");
        }
    }

    private void apply(HttpServerExchange exchange, String body) {
        try {
            JsonNode root;
            try {
                root = ProfileReader.JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("request body is not JSON: " + e.getOriginalMessage(), e);
            }
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("request body must be a JSON object with \"network\" and/or \"faults\"");
            }
            NetworkProfile network = controller.network();
            FaultProfile faults = controller.faults();
            for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                JsonNode value = root.get(key);
                switch (key) {
                    case "network" -> network = value.isTextual() ? NetworkProfile.named(value.asText())
                            : ProfileReader.fromTree(value, "network", NetworkProfile.class);
                    case "faults" -> faults = value.isTextual() ? FaultProfile.named(value.asText())
                            : ProfileReader.fromTree(value, "faults", FaultProfile.class);
                    default -> throw new IllegalArgumentException("unknown key '" + key
                            + "' (known keys: faults, network)");
                }
            }
            controller.set(network, faults);
        } catch (IllegalArgumentException e) {
            OciErrors.send(exchange, 400, "INVALID", e.getMessage());
            return;
        }
        sendState(exchange);
    }

    private void sendState(HttpServerExchange exchange) {
        ObjectNode state = ProfileReader.JSON.createObjectNode();
        state.set("network", ProfileReader.JSON.valueToTree(controller.network()));
        state.set("faults", ProfileReader.JSON.valueToTree(controller.faults()));
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(state.toString());
    }
}
