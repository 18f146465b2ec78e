package dev.regbench.engine.registry;

import dev.regbench.engine.transport.RequestBody;
import dev.regbench.engine.transport.TransportResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * {@code PUT <location>?digest=<digest>}, with the whole blob (monolithic) or nothing (after
 * chunks); {@code 201} completes the upload and the registry has checked the digest.
 */
final class UploadFinisher extends BaseOperation<String> {
    private final RequestBody body;
    private final String digest;

    UploadFinisher(String description, URI location, String repository, String digest, RequestBody body,
                   Duration deadline) {
        super(description, "blob_upload", "PUT", withDigest(location, digest), Scope.push(repository), deadline);
        this.body = body;
        this.digest = digest;
    }

    private static URI withDigest(URI location, String digest) {
        String s = location.toString();
        return URI.create(s + (s.contains("?") ? "&" : "?") + "digest=" + URLEncoder.encode(digest, StandardCharsets.UTF_8));
    }

    @Override
    public Map<String, String> headers() {
        return body == null ? Map.of() : Map.of("Content-Type", "application/octet-stream");
    }

    @Override
    public RequestBody body() {
        return body == null ? RequestBody.ofBytes(new byte[0], null) : body;
    }

    @Override
    public boolean accepts(int status) {
        return status == 201 || status == 204;
    }

    @Override
    public String handle(TransportResponse response) {
        return response.header("Docker-Content-Digest").orElse(digest);
    }
}
