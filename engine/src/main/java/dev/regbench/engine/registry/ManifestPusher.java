package dev.regbench.engine.registry;

import dev.regbench.engine.transport.RequestBody;
import dev.regbench.engine.transport.TransportResponse;
import java.net.URI;
import java.time.Duration;

/** {@code PUT /v2/<name>/manifests/<ref>} with the exact bytes; returns the digest. */
final class ManifestPusher extends BaseOperation<String> {
    private final Manifest manifest;

    ManifestPusher(URI base, String registry, String repository, String reference, Manifest manifest, Duration deadline) {
        super("pushing manifest " + manifest.digest() + " to " + registry + "/" + repository + Refs.suffix(reference),
                "manifest_put", "PUT", base.resolve("/v2/" + repository + "/manifests/" + reference),
                Scope.push(repository), deadline);
        this.manifest = manifest;
    }

    @Override
    public RequestBody body() {
        return RequestBody.ofBytes(manifest.bytes(), manifest.mediaType());
    }

    @Override
    public String handle(TransportResponse response) {
        return response.header("Docker-Content-Digest").orElse(manifest.digest());
    }
}
