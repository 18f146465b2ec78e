package dev.regbench.engine.registry;

import dev.regbench.engine.transport.TransportResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * {@code GET /v2/<name>/manifests/<ref>}: the exact bytes. When the reference is a digest the
 * bytes are verified against it; either way, against the response's {@code Docker-Content-Digest}
 * when the registry sends one (a tag pulled is thus checked end to end: the bytes hash to the
 * digest the source names them by).
 */
final class ManifestPuller extends BaseOperation<Manifest> {
    private final String reference;
    private final int maxBytes;

    ManifestPuller(URI base, String registry, String repository, String reference, Duration deadline, int maxBytes) {
        super("pulling manifest " + registry + "/" + repository + Refs.suffix(reference), "manifest_get", "GET",
                base.resolve("/v2/" + repository + "/manifests/" + reference), Scope.pull(repository), deadline);
        this.reference = reference;
        this.maxBytes = maxBytes;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Accept", MediaTypes.ACCEPT);
    }

    @Override
    public boolean followsRedirects() {
        return true;
    }

    @Override
    public Manifest handle(TransportResponse response) throws IOException {
        byte[] bytes = response.bodyBytes(maxBytes);
        Manifest manifest = Manifest.of(bytes, response.header("Content-Type").orElse(null));
        if (reference.startsWith("sha256:") && !manifest.digest().equals(reference)) {
            throw new DigestMismatchException(description(), reference, manifest.digest());
        }
        // Pulled by tag, the bytes are checked against the digest the registry names them by.
        String header = response.header("Docker-Content-Digest").orElse(null);
        if (header != null && !header.isBlank() && !header.trim().equals(manifest.digest())) {
            throw new DigestMismatchException(description(), header.trim(), manifest.digest(),
                    "the source's Docker-Content-Digest is " + header.trim() + " but the manifest's bytes hash to "
                            + manifest.digest());
        }
        return manifest;
    }

    @Override
    public RegistryHttpException onError(int status, ErrorDocument error) {
        return status == 404 ? new ManifestUnknownException(description(), status, error.reasons()) : null;
    }
}
