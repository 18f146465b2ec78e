package dev.regbench.fakeregistry;

import dev.regbench.fakeregistry.auth.TokenService;
import dev.regbench.fakeregistry.faults.FaultController;
import dev.regbench.fakeregistry.faults.OciErrors;
import dev.regbench.fakeregistry.http.Limits;
import dev.regbench.fakeregistry.http.RegistryRouter;
import dev.regbench.fakeregistry.server.SlowBodies;
import dev.regbench.fakeregistry.stats.ServerStats;
import dev.regbench.fakeregistry.stats.StatsHandler;
import dev.regbench.fakeregistry.storage.Storage;
import io.undertow.server.HttpHandler;

/**
 * Composes the registry's handlers, outermost first:
 * {@code stats -> slow-body limits -> [/_regbench/* admin] | faults(network, errors) -> [/token] | auth -> registry router}.
 * Admin requests are neither faulted nor counted; they go to the {@link AdminApi} (with its own
 * token check) when it shares the registry port, and are {@code 404} on the registry port when
 * the admin API has a port of its own ({@link #adminRoot()}). Thread-safe once built.
 */
final class HandlerChain {
    private final HttpHandler root;
    private final HttpHandler adminRoot;

    HandlerChain(Storage storage, Limits limits, ServerStats stats, FaultController controls, TokenService tokens,
                 SlowBodies slowBodies, AdminApi admin, boolean adminOnRegistryPort) {
        HttpHandler registry = tokens.protect(new RegistryRouter(storage, limits));
        HttpHandler served = dispatchToken(tokens.tokenHandler(), registry);
        HttpHandler faulted = controls.wrap(served);
        HttpHandler top = exchange -> {
            String path = exchange.getRequestPath();
            if (path.startsWith(AdminApi.PREFIX)) {
                if (adminOnRegistryPort) {
                    admin.handleRequest(exchange);
                } else {
                    OciErrors.send(exchange, 404, "UNSUPPORTED", "the admin API is not on this port");
                }
            } else {
                faulted.handleRequest(exchange);
            }
        };
        this.root = new StatsHandler(stats, slowBodies.wrap(top));
        this.adminRoot = slowBodies.wrap(admin);
    }

    private static HttpHandler dispatchToken(HttpHandler token, HttpHandler registry) {
        return exchange -> {
            String path = exchange.getRequestPath();
            if (path.equals("/token") || path.startsWith("/token/")) {
                token.handleRequest(exchange);
            } else {
                registry.handleRequest(exchange);
            }
        };
    }

    /** The registry port's handler. */
    HttpHandler root() {
        return root;
    }

    /** The handler of an admin port of its own. */
    HttpHandler adminRoot() {
        return adminRoot;
    }
}
