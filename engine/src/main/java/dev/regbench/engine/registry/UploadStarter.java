package dev.regbench.engine.registry;

import dev.regbench.engine.transport.TransportResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code POST /v2/<name>/blobs/uploads/}, optionally {@code ?mount=<digest>&from=<repo>}: a
 * {@code 201} means the blob was mounted, a {@code 202} gives the upload session's location.
 */
final class UploadStarter extends BaseOperation<UploadStarter.Started> {

    private UploadStarter(String description, String statsName, URI uri, Scope scope, Duration deadline) {
        super(description, statsName, "POST", uri, scope, deadline);
    }

    static UploadStarter upload(URI base, String registry, String repository, String digest, Duration deadline) {
        return new UploadStarter("pushing blob " + digest + " to " + registry + "/" + repository, "blob_upload",
                base.resolve("/v2/" + repository + "/blobs/uploads/"), Scope.push(repository), deadline);
    }

    static UploadStarter mount(URI base, String registry, String repository, String digest, String from,
                               Duration deadline) {
        URI uri = base.resolve("/v2/" + repository + "/blobs/uploads/?mount=" + enc(digest) + "&from=" + enc(from));
        return new UploadStarter("mounting blob " + digest + " from " + from + " into " + registry + "/" + repository,
                "blob_mount", uri, Scope.mount(repository, from), deadline);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public boolean accepts(int status) {
        return status == 201 || status == 202;
    }

    @Override
    public Started handle(TransportResponse response) throws IOException {
        boolean mounted = response.status() == 201;
        String location = response.header("Location").orElse(null);
        if (!mounted && location == null) {
            throw new RegistryException(description() + ": 202 without a Location header");
        }
        return new Started(mounted, location == null ? null : uri().resolve(location));
    }

    /** {@code mounted}, or an upload session at {@code location}. */
    record Started(boolean mounted, URI location) {
    }
}
