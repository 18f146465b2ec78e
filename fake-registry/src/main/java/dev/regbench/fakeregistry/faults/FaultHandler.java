package dev.regbench.fakeregistry.faults;

import dev.regbench.fakeregistry.http.Route;
import dev.regbench.fakeregistry.stats.ServerStats;
import io.undertow.server.Connectors;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The decorator that plays the current network and fault profiles on each request (all routes
 * but {@code admin}): decides the request's fault, installs the throttling and reset conduits,
 * marks token expiry, then after the added delay (scheduled on the IO thread, no sleeping)
 * answers the injected status, parks a stall, or calls {@code next}. Every injected fault is
 * counted with {@link ServerStats#recordFault}.
 *
 * <p>Thread-safe: per-request state lives on the exchange; shared state is the controller's.
 */
final class FaultHandler implements HttpHandler {
    private final FaultController controller;
    private final HttpHandler next;

    FaultHandler(FaultController controller, HttpHandler next) {
        this.controller = controller;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        Route route = Route.of(exchange);
        if (route == Route.ADMIN) {
            next.handleRequest(exchange);
            return;
        }
        FaultController.State state = controller.state();
        ServerStats stats = controller.stats();
        long delay = state.networkDelayNanos();
        if (delay > 0) {
            stats.recordFault(route, "netLatency");
        }
        Throttle throttle = state.throttleFor(exchange.getConnection());
        if (throttle != null) {
            exchange.addResponseWrapper((factory, ex) ->
                    new ThrottlingConduit(factory.create(), throttle, () -> stats.recordFault(route, "throttled")));
        }
        FaultDecider.Decision decision = state.decider().next(route);
        if (decision.delayNanos() > 0) {
            delay += decision.delayNanos();
            stats.recordFault(route, decision.delayRule().statsKind());
        }
        FaultRule fault = decision.terminal();
        HttpHandler then = next;
        if (fault != null) {
            switch (fault.kind()) {
                case STATUS -> then = ex -> {
                    stats.recordFault(route, fault.statsKind());
                    if (fault.retryAfter() != null) {
                        ex.getResponseHeaders().put(Headers.RETRY_AFTER,
                                Long.toString((fault.retryAfter().toMillis() + 999) / 1000));
                    }
                    OciErrors.send(ex, fault.status(), OciErrors.codeFor(fault.status()),
                            "regbench fault: injected " + fault.status() + " on " + route.key());
                };
                case STALL -> then = ex -> {
                    stats.recordFault(route, fault.statsKind());
                    controller.stalls().hold(ex, fault.duration());
                };
                case RESET -> exchange.addResponseWrapper((factory, ex) -> new ResetConduit(factory.create(), ex,
                        fault.afterBytes(), () -> stats.recordFault(route, fault.statsKind())));
                case EXPIRE -> ExpiryFault.mark(exchange, () -> stats.recordFault(route, fault.statsKind()));
                default -> throw new IllegalStateException("not a terminal fault: " + fault.kind());
            }
        }
        if (delay <= 0) {
            then.handleRequest(exchange);
            return;
        }
        HttpHandler afterDelay = then;
        long nanos = delay;
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> exchange.getIoThread().executeAfter(
                () -> Connectors.executeRootHandler(afterDelay, exchange), nanos, TimeUnit.NANOSECONDS));
    }
}
