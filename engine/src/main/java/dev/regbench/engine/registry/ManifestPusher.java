package dev.regbench.engine.registry;

import dev.regbench.engine.transport.RequestBody;
import dev.regbench.engine.transport.TransportResponse;
import java.net.URI;
import java.time.Duration;

/** {@code PUT /v2/<name>/manifests/<ref>} with the exact bytes; returns the digest, checked against the bytes. */
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

    /**
     * The digest the registry stored the manifest under: it must be the digest of the bytes sent
     * (a registry that rewrote them, or a proxy that tampered with them, answers another one).
     */
    @Override
    public String handle(TransportResponse response) throws DigestMismatchException {
        String returned = response.header("Docker-Content-Digest").map(String::trim).orElse("");
        if (returned.isEmpty()) {
            return manifest.digest();
        }
        if (!returned.equals(manifest.digest())) {
            throw new DigestMismatchException(description(), manifest.digest(), returned,
                    "the destination answered Docker-Content-Digest " + returned + " for a manifest that hashes to "
                            + manifest.digest());
        }
        return returned;
    }
}
