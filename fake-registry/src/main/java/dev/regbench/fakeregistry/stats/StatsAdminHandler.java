package dev.regbench.fakeregistry.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;

/**
 * {@code /_regbench/stats}: {@code GET} answers the {@link StatsSnapshot} as JSON,
 * {@code DELETE} resets the counters (204). Thread-safe.
 */
public final class StatsAdminHandler implements HttpHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerStats stats;

    public StatsAdminHandler(ServerStats stats) {
        this.stats = stats;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.getRequestMethod().equals(Methods.GET)) {
            byte[] body = JSON.writeValueAsBytes(stats.snapshot());
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
            exchange.getResponseSender().send(java.nio.ByteBuffer.wrap(body));
        } else if (exchange.getRequestMethod().equals(Methods.DELETE)) {
            stats.reset();
            exchange.setStatusCode(204);
            exchange.endExchange();
        } else {
            exchange.setStatusCode(405);
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, DELETE");
            exchange.endExchange();
        }
    }
}
