package dev.regbench.engine.registry;

import dev.regbench.engine.transport.TransportResponse;
import java.net.URI;
import java.time.Duration;
import java.util.OptionalLong;

/** {@code HEAD /v2/<name>/blobs/<digest>}: the size when the repository has the blob, else empty. */
final class BlobChecker extends BaseOperation<OptionalLong> {
    BlobChecker(URI base, String registry, String repository, String digest, Duration deadline) {
        super("checking blob " + digest + " in " + registry + "/" + repository, "blob_head", "HEAD",
                base.resolve("/v2/" + repository + "/blobs/" + digest), Scope.pull(repository), deadline);
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
    public OptionalLong handle(TransportResponse response) {
        if (response.status() == 404) {
            return OptionalLong.empty();
        }
        long length = response.contentLength();
        return OptionalLong.of(Math.max(length, 0));
    }
}
