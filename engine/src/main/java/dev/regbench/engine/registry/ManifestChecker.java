package dev.regbench.engine.registry;

import dev.regbench.engine.transport.TransportResponse;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** {@code HEAD /v2/<name>/manifests/<ref>}: the digest the registry holds, or empty when absent. */
final class ManifestChecker extends BaseOperation<Optional<String>> {
    ManifestChecker(URI base, String registry, String repository, String reference, Duration deadline) {
        super("checking manifest " + registry + "/" + repository + Refs.suffix(reference), "manifest_head", "HEAD",
                base.resolve("/v2/" + repository + "/manifests/" + reference), Scope.pull(repository), deadline);
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Accept", MediaTypes.ACCEPT);
    }

    @Override
    public boolean accepts(int status) {
        return status == 200 || status == 404;
    }

    @Override
    public boolean followsRedirects() {
        return true;
    }

    @Override
    public Optional<String> handle(TransportResponse response) {
        if (response.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(response.header("Docker-Content-Digest").orElse(""));
    }
}
