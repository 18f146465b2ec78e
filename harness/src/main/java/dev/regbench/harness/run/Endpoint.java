package dev.regbench.harness.run;

import dev.regbench.fakeregistry.FakeRegistry;
import dev.regbench.fakeregistry.peers.DistributionRegistry;
import dev.regbench.fakeregistry.stats.StatsSnapshot;
import java.util.Optional;

/**
 * A registry taking part in a run: where it is, how to log in, and — when the harness started it —
 * the handle that can stop it and, for a fake registry, read its server-side stats.
 *
 * <p>Not thread-safe; owned by the runner.
 */
final class Endpoint implements AutoCloseable {

    private final String host;
    private final String credentials;
    private final FakeRegistry fake;
    private final AutoCloseable owned;

    private Endpoint(String host, String credentials, FakeRegistry fake, AutoCloseable owned) {
        this.host = host;
        this.credentials = credentials;
        this.fake = fake;
        this.owned = owned;
    }

    static Endpoint fake(FakeRegistry registry, String credentials) {
        return new Endpoint(registry.host(), credentials, registry, registry);
    }

    static Endpoint distribution(DistributionRegistry registry) {
        return new Endpoint(registry.host(), null, null, registry);
    }

    /** A registry the harness did not start and will not stop. */
    static Endpoint external(String url, String credentials) {
        String host = url.replaceFirst("^https?://", "").replaceAll("/+$", "");
        return new Endpoint(host, credentials, null, null);
    }

    /** {@code 127.0.0.1:PORT}. */
    String host() {
        return host;
    }

    Optional<String> credentials() {
        return Optional.ofNullable(credentials);
    }

    /** The fake registry, when this endpoint is one. */
    Optional<FakeRegistry> fake() {
        return Optional.ofNullable(fake);
    }

    /** Server-side stats, when the server is a fake registry. */
    Optional<StatsSnapshot> stats() {
        return fake().map(FakeRegistry::stats);
    }

    void resetStats() {
        fake().ifPresent(FakeRegistry::resetStats);
    }

    @Override
    public void close() throws Exception {
        if (owned != null) {
            owned.close();
        }
    }
}
