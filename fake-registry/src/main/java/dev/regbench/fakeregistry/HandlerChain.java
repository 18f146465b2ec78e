package dev.regbench.fakeregistry;

import dev.regbench.fakeregistry.auth.TokenService;
import dev.regbench.fakeregistry.faults.FaultAdminHandler;
import dev.regbench.fakeregistry.faults.FaultController;
import dev.regbench.fakeregistry.http.ErrorCode;
import dev.regbench.fakeregistry.http.ErrorResponder;
import dev.regbench.fakeregistry.http.Limits;
import dev.regbench.fakeregistry.http.OciError;
import dev.regbench.fakeregistry.http.RegistryRouter;
import dev.regbench.fakeregistry.stats.ServerStats;
import dev.regbench.fakeregistry.stats.StatsAdminHandler;
import dev.regbench.fakeregistry.stats.StatsHandler;
import dev.regbench.fakeregistry.storage.Storage;
import io.undertow.server.HttpHandler;

/**
 * Composes the registry's handlers, outermost first:
 * {@code stats -> [/_regbench/* admin] | faults(network, errors) -> [/token] | auth -> registry router}.
 * Admin requests are neither faulted nor protected nor counted. Thread-safe once built.
 */
final class HandlerChain {
    private final HttpHandler root;

    HandlerChain(Storage storage, Limits limits, ServerStats stats, FaultController controls, TokenService tokens) {
        HttpHandler registry = tokens.protect(new RegistryRouter(storage, limits));
        HttpHandler served = dispatchToken(tokens.tokenHandler(), registry);
        HttpHandler faulted = controls.wrap(served);
        HttpHandler statsAdmin = new StatsAdminHandler(stats);
        HttpHandler faultsAdmin = new FaultAdminHandler(controls);
        HttpHandler top = exchange -> {
            String path = exchange.getRequestPath();
            if (path.startsWith("/_regbench/")) {
                if (path.equals("/_regbench/stats")) {
                    statsAdmin.handleRequest(exchange);
                } else if (path.equals("/_regbench/faults")) {
                    faultsAdmin.handleRequest(exchange);
                } else {
                    ErrorResponder.send(exchange, OciError.of(ErrorCode.UNSUPPORTED, "no admin endpoint at " + path)
                            .withStatus(404));
                }
            } else {
                faulted.handleRequest(exchange);
            }
        };
        this.root = new StatsHandler(stats, top);
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

    HttpHandler root() {
        return root;
    }
}
