package dev.regbench.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regbench.fakeregistry.FakeRegistry;
import dev.regbench.fakeregistry.stats.StatsSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The registry a simulation loads: an embedded {@link FakeRegistry} (the default, started here
 * so that its URL is known before Gatling builds {@code baseUrl}), or the real registry named by
 * {@code -Dregbench.target=http://127.0.0.1:5000}.
 *
 * <p>Server-side counters come from {@link FakeRegistry#stats()} for the embedded registry, or
 * from {@code GET /_regbench/stats} when the URL is a standalone fake registry; a real registry
 * has none ({@link #serverCounters()} is empty).
 *
 * <p>Thread-safe: immutable after construction; {@link #close()} may be called more than once.
 */
final class Target implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final FakeRegistry embedded;
    private final String description;

    private Target(String url, FakeRegistry embedded, String description) {
        this.url = url;
        this.embedded = embedded;
        this.description = description;
    }

    /**
     * The target named by {@code regbench.target}, or an embedded fake registry with
     * {@code regbench.dataset} (default {@code defaultDataset}; {@code none} = empty),
     * {@code regbench.network} (default {@code loopback}) and {@code regbench.faults}
     * (default {@code defaultFaults}).
     */
    static Target fromSystemProperties(String defaultDataset, String defaultFaults) {
        String url = SimProperties.global("target", "");
        if (!url.isEmpty()) {
            return remote(url);
        }
        return embedded(SimProperties.global("dataset", defaultDataset),
                SimProperties.global("network", "loopback"),
                SimProperties.global("faults", defaultFaults));
    }

    /** A real registry at {@code url} ({@code http://host:port}, no trailing slash needed). */
    static Target remote(String url) {
        String clean = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (!clean.startsWith("http://") && !clean.startsWith("https://")) {
            throw new IllegalArgumentException("-Dregbench.target must be an http(s) URL, was '" + url + "'");
        }
        return new Target(clean, null, clean);
    }

    /** Starts an embedded fake registry on 127.0.0.1 and a free port. */
    static Target embedded(String dataset, String network, String faults) {
        var builder = FakeRegistry.builder().network(network).faults(faults);
        if (!dataset.equals("none")) {
            builder = builder.dataset(dataset);
        }
        FakeRegistry registry;
        try {
            registry = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded fake registry (dataset " + dataset
                    + ", network " + network + ", faults " + faults + "): " + e.getMessage(), e);
        }
        String description = "embedded fake registry " + registry.url() + " (dataset " + dataset
                + ", network " + network + ", faults " + faults + ")";
        return new Target(registry.url(), registry, description);
    }

    /** {@code http://127.0.0.1:PORT}, without trailing slash. */
    String url() {
        return url;
    }

    /** Whether this is an embedded fake registry. */
    boolean isEmbedded() {
        return embedded != null;
    }

    /** A human line naming the target and, when embedded, its dataset and profiles. */
    String description() {
        return description;
    }

    /**
     * Connections accepted and requests served so far, counted by the server: present for the
     * embedded registry and for a standalone fake registry, empty for any other registry.
     */
    Optional<ServerCounters> serverCounters() {
        if (embedded != null) {
            StatsSnapshot s = embedded.stats();
            return Optional.of(new ServerCounters(s.connectionsAccepted(), s.requestsTotal()));
        }
        return remoteCounters(url);
    }

    /** Faults the embedded registry injected so far ({@code "<route>.<kind>"} -> count); empty for a URL target. */
    Optional<java.util.Map<String, Long>> faultsInjected() {
        return embedded == null ? Optional.empty() : Optional.of(new java.util.TreeMap<>(embedded.stats().faultsInjected()));
    }

    private static Optional<ServerCounters> remoteCounters(String url) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url + "/_regbench/stats"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            JsonNode node = JSON.readTree(response.body());
            JsonNode accepted = node.has("connectionsAccepted") ? node.get("connectionsAccepted") : node.get("connections_accepted");
            JsonNode requests = node.has("requestsTotal") ? node.get("requestsTotal") : node.get("requests_total");
            if (accepted == null || requests == null) {
                return Optional.empty();
            }
            return Optional.of(new ServerCounters(accepted.asLong(), requests.asLong()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }

    /**
     * Server-side counters at one moment.
     *
     * @param connectionsAccepted TCP connections the server accepted
     * @param requestsTotal requests it answered
     */
    record ServerCounters(long connectionsAccepted, long requestsTotal) {

        /** The counts between {@code earlier} and this. */
        ServerCounters minus(ServerCounters earlier) {
            return new ServerCounters(connectionsAccepted - earlier.connectionsAccepted,
                    requestsTotal - earlier.requestsTotal);
        }

        /** {@code 1 - connectionsAccepted / requestsTotal} (DESIGN.md's connection_reuse), 0 without requests. */
        double connectionReuse() {
            return requestsTotal == 0 ? 0.0 : 1.0 - (double) connectionsAccepted / requestsTotal;
        }
    }
}
