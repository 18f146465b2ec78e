package dev.regbench.engine.registry;

import dev.regbench.engine.transport.TransportResponse;
import java.net.URI;
import java.time.Duration;

/**
 * {@code DELETE <location>}: cancels an upload session the engine abandons (its body's source
 * failed, the digest did not match, the connection broke), so that the registry frees the staged
 * bytes now instead of when its session timeout ends (distribution spec, "Canceling an upload").
 * {@code 202}/{@code 204} cancelled it; {@code 404} means the registry already ended it (a
 * registry ends a session whose final {@code PUT} failed its digest check). Returns whether the
 * registry still had the session.
 */
final class UploadCanceller extends BaseOperation<Boolean> {

    UploadCanceller(String action, URI location, String repository, Duration deadline) {
        super(action + ": cancelling the upload session", "blob_upload_cancel", "DELETE", location,
                Scope.push(repository), deadline);
    }

    @Override
    public boolean accepts(int status) {
        return status == 202 || status == 204 || status == 200 || status == 404;
    }

    @Override
    public Boolean handle(TransportResponse response) {
        return response.status() != 404;
    }
}
