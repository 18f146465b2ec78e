package dev.regbench.engine.registry;

import dev.regbench.engine.transport.RequestBody;
import dev.regbench.engine.transport.TransportResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** {@code PATCH <location>} with one chunk and its {@code Content-Range}; returns the next location. */
final class ChunkPusher extends BaseOperation<URI> {
    private final RequestBody chunk;
    private final long offset;

    ChunkPusher(String description, URI location, String repository, long offset, RequestBody chunk, Duration deadline) {
        super(description + " (chunk at byte " + offset + ")", "blob_upload", "PATCH", location,
                Scope.push(repository), deadline);
        this.chunk = chunk;
        this.offset = offset;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Content-Range", offset + "-" + (offset + chunk.length() - 1),
                "Content-Type", "application/octet-stream");
    }

    @Override
    public RequestBody body() {
        return chunk;
    }

    @Override
    public boolean accepts(int status) {
        return status == 202 || status == 204;
    }

    @Override
    public URI handle(TransportResponse response) throws IOException {
        return response.header("Location").map(l -> uri().resolve(l)).orElse(uri());
    }
}
