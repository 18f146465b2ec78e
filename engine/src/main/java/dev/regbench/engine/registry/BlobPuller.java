package dev.regbench.engine.registry;

import dev.regbench.engine.transport.TransportResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * {@code GET /v2/<name>/blobs/<digest>}, optionally from an offset ({@code Range}), following the
 * redirect to storage. Returns the open body: the caller reads and closes it.
 */
final class BlobPuller extends BaseOperation<BlobPuller.Opened> {
    private final long offset;

    BlobPuller(URI base, String registry, String repository, String digest, long offset, Duration deadline) {
        super("pulling blob " + digest + " from " + registry + "/" + repository + (offset > 0 ? " from byte " + offset : ""),
                "blob_get", "GET", base.resolve("/v2/" + repository + "/blobs/" + digest), Scope.pull(repository), deadline);
        this.offset = offset;
    }

    @Override
    public Map<String, String> headers() {
        return offset > 0 ? Map.of("Range", "bytes=" + offset + "-") : Map.of();
    }

    @Override
    public boolean followsRedirects() {
        return true;
    }

    @Override
    public boolean keepsResponseOpen() {
        return true;
    }

    @Override
    public Opened handle(TransportResponse response) throws IOException {
        return new Opened(response, response.status() == 206);
    }

    @Override
    public RegistryHttpException onError(int status, ErrorDocument error) {
        return status == 404 ? new BlobUnknownException(description(), status, error.reasons()) : null;
    }

    /** The open response; {@code partial} when the server honoured the {@code Range}. */
    record Opened(TransportResponse response, boolean partial) {
        InputStream body() throws IOException {
            return response.body();
        }
    }
}
