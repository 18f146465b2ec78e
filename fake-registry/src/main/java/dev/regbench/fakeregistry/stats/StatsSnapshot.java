package dev.regbench.fakeregistry.stats;

import java.util.Map;

/**
 * What the fake registry saw since start or the last reset. Immutable; serialises to JSON with
 * Jackson as is. Admin requests ({@code /_regbench/...}) are not counted as requests; their
 * connections are counted like any other, since connections are counted when accepted.
 *
 * @param connectionsAccepted TCP connections accepted (plain or TLS) since the reset
 * @param connectionsOpen     connections open now (not reset)
 * @param requestsTotal       requests completed
 * @param requestsByRoute     by {@code Route.key()}
 * @param requestsByStatus    by HTTP status
 * @param bytesIn             request body bytes read
 * @param bytesOut            response body bytes written
 * @param faultsInjected      by {@code "<route>.<kind>"}, as recorded by the fault decorators
 * @param latencyByRoute      by {@code Route.key()}
 * @param peakInFlight        the most requests in progress at once (arrived, response not yet
 *                            completed) since the reset: how parallel the client was on this host
 * @param slowClientsClosed   connections closed because a request body came slower than the
 *                            registry's body read limits allow (or more slow bodies than allowed at once)
 * @param requestsByProtocol  requests (HTTP/2: streams) by the protocol they arrived in,
 *                            {@code h1} or {@code h2}
 * @param connectionsByProtocol connections that carried requests, by protocol ({@code h1},
 *                            {@code h2}; an h2c upgrade counts as h2)
 */
public record StatsSnapshot(long connectionsAccepted, long connectionsOpen, long requestsTotal,
                            Map<String, Long> requestsByRoute, Map<Integer, Long> requestsByStatus,
                            long bytesIn, long bytesOut, Map<String, Long> faultsInjected,
                            Map<String, LatencySummary> latencyByRoute, long peakInFlight,
                            long slowClientsClosed, Map<String, Long> requestsByProtocol,
                            Map<String, Long> connectionsByProtocol) {

    public StatsSnapshot {
        requestsByRoute = Map.copyOf(requestsByRoute);
        requestsByStatus = Map.copyOf(requestsByStatus);
        faultsInjected = Map.copyOf(faultsInjected);
        latencyByRoute = Map.copyOf(latencyByRoute);
        requestsByProtocol = requestsByProtocol == null ? Map.of() : Map.copyOf(requestsByProtocol);
        connectionsByProtocol = connectionsByProtocol == null ? Map.of() : Map.copyOf(connectionsByProtocol);
    }

    /** A snapshot without protocol counts. */
    public StatsSnapshot(long connectionsAccepted, long connectionsOpen, long requestsTotal,
                         Map<String, Long> requestsByRoute, Map<Integer, Long> requestsByStatus,
                         long bytesIn, long bytesOut, Map<String, Long> faultsInjected,
                         Map<String, LatencySummary> latencyByRoute) {
        this(connectionsAccepted, connectionsOpen, requestsTotal, requestsByRoute, requestsByStatus, bytesIn, bytesOut,
                faultsInjected, latencyByRoute, 0, 0, null, null);
    }

    /** Requests that arrived over HTTP/2 (streams), 0 when none. */
    public long h2Requests() {
        return requestsByProtocol.getOrDefault(ServerStats.H2, 0L);
    }

    /** Requests that arrived over HTTP/1.x, 0 when none. */
    public long h1Requests() {
        return requestsByProtocol.getOrDefault(ServerStats.H1, 0L);
    }

    /** Requests to {@code routeKey}, 0 when none. */
    public long requests(String routeKey) {
        return requestsByRoute.getOrDefault(routeKey, 0L);
    }

    /** Requests answered with {@code status}, 0 when none. */
    public long requestsWithStatus(int status) {
        return requestsByStatus.getOrDefault(status, 0L);
    }
}
