package dev.regbench.fakeregistry;

import dev.regbench.fakeregistry.faults.FaultAdminHandler;
import dev.regbench.fakeregistry.faults.FaultController;
import dev.regbench.fakeregistry.faults.OciErrors;
import dev.regbench.fakeregistry.stats.ServerStats;
import dev.regbench.fakeregistry.stats.StatsAdminHandler;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The admin API, {@code /_regbench/stats} and {@code /_regbench/faults}, behind an optional
 * bearer token: with a token every admin request must carry {@code Authorization: Bearer <token>}
 * (compared in constant time) or gets {@code 401}; without one it is open. Thread-safe.
 */
final class AdminApi implements HttpHandler {
    /** The path prefix of every admin endpoint. */
    static final String PREFIX = "/_regbench/";

    private final HttpHandler stats;
    private final HttpHandler faults;
    private final byte[] token;

    /** @param token the bearer token required, or null for an open admin API */
    AdminApi(ServerStats stats, FaultController controls, String token) {
        this.stats = new StatsAdminHandler(stats);
        this.faults = new FaultAdminHandler(controls);
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    /** A random token (32 bytes, base64url): what a registry with token auth uses when none is given. */
    static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (token != null && !authorized(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION))) {
            exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"regbench-admin\"");
            OciErrors.send(exchange, 401, "UNAUTHORIZED", "the admin API needs its bearer token");
            return;
        }
        String path = exchange.getRequestPath();
        if (path.equals(PREFIX + "stats")) {
            stats.handleRequest(exchange);
        } else if (path.equals(PREFIX + "faults")) {
            faults.handleRequest(exchange);
        } else {
            OciErrors.send(exchange, 404, "UNSUPPORTED", "no admin endpoint at " + path);
        }
    }

    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(token, header.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }
}
