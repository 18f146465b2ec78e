package dev.regbench.engine.registry;

import dev.regbench.engine.transport.RequestBody;
import dev.regbench.engine.transport.TransportResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * One registry operation (jib-core's {@code RegistryEndpointProvider}): the request to send, the
 * statuses it accepts, what to make of the response, and a human description of the action for
 * every error message. One class per operation; {@link RegistryCaller} runs them all.
 *
 * @param <T> what the operation returns
 */
interface RegistryOperation<T> {

    /** E.g. {@code pulling manifest team/app:v1 from 127.0.0.1:5001}. */
    String description();

    /** The {@code TransferStats} operation name ({@code manifest_get}, {@code blob_upload}, ...). */
    String statsName();

    String method();

    URI uri();

    default Map<String, String> headers() {
        return Map.of();
    }

    default RequestBody body() {
        return null;
    }

    Scope scope();

    /** Whole-exchange deadline ({@code timeouts.*}); null = none. */
    Duration deadline();

    /** Whether {@code status} is a success this operation handles. */
    default boolean accepts(int status) {
        return status >= 200 && status < 300;
    }

    /** Turns an accepted response into the result. */
    T handle(TransportResponse response) throws IOException;

    /** Whether redirects are followed (blob and manifest reads); uploads use {@code Location} themselves. */
    default boolean followsRedirects() {
        return false;
    }

    /** When true the caller leaves the response open on success: {@link #handle} took it (streams). */
    default boolean keepsResponseOpen() {
        return false;
    }

    /**
     * A narrower exception for a failed status, or null for the caller's default mapping
     * ({@link RegistryHttpException}, {@link UnauthorizedException}).
     */
    default RegistryHttpException onError(int status, ErrorDocument error) {
        return null;
    }
}
