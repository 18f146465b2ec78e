package dev.regbench.engine.registry;

import dev.regbench.engine.transport.TransportResponse;
import java.net.URI;
import java.time.Duration;

/** {@code GET /v2/}: is this an OCI registry, and do we get in. */
final class Ping extends BaseOperation<Boolean> {
    Ping(URI base, String registry, Duration deadline) {
        super("checking registry " + registry, "ping", "GET", base.resolve("/v2/"), Scope.NONE, deadline);
    }

    @Override
    public Boolean handle(TransportResponse response) {
        return Boolean.TRUE;
    }
}
