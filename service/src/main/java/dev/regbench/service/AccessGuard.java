package dev.regbench.service;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;

/**
 * Applies the {@link AccessPolicy} before any route runs, in this order: {@code Host} allowed
 * (else 403), {@code Origin} allowed on state-changing requests and WebSocket upgrades (else
 * 403), then the bearer token where one is needed (else 401 with {@code WWW-Authenticate}). The
 * token is checked before the route looks anything up, so a 401 never tells whether a job exists.
 * {@code /healthz} needs no token. Thread-safe (stateless).
 */
final class AccessGuard implements HttpHandler {

    private final AccessPolicy policy;
    private final HttpHandler next;
    private final ServiceMetrics metrics;
    private volatile int port;

    AccessGuard(AccessPolicy policy, ServiceMetrics metrics, HttpHandler next) {
        this.policy = policy;
        this.metrics = metrics;
        this.next = next;
    }

    void port(int p) {
        this.port = p;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
        if (!policy.hostAllowed(host)) {
            metrics.refused("host");
            Http.error(exchange, 403, null, "Host '" + host + "' is not allowed");
            return;
        }
        HttpString method = exchange.getRequestMethod();
        boolean changes = !(method.equals(Methods.GET) || method.equals(Methods.HEAD) || method.equals(Methods.OPTIONS));
        boolean upgrade = exchange.getRequestHeaders().contains(Headers.UPGRADE);
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        if ((changes || upgrade) && !policy.originAllowed(origin, port)) {
            metrics.refused("origin");
            Http.error(exchange, 403, null, "Origin '" + origin + "' is not allowed");
            return;
        }
        String path = exchange.getRelativePath();
        boolean needsToken = !path.equals("/healthz")
                && (changes || !policy.publicReads() || path.endsWith("/logs"));
        if (needsToken && !policy.authorized(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION))) {
            metrics.refused("token");
            exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"regbench\"");
            Http.error(exchange, 401, null, "a valid bearer token is required (Authorization: Bearer <token>)");
            return;
        }
        next.handleRequest(exchange);
    }
}
