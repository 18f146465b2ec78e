package dev.regbench.engine.registry;

import dev.regbench.engine.resilience.HttpFailure;
import java.time.Duration;
import java.util.Optional;

/**
 * The registry answered with an unexpected status. Carries the status and {@code Retry-After}
 * so that {@code RetryDecision} can decide; the message names the action, the status and the
 * reasons of the OCI error document. Immutable.
 */
public class RegistryHttpException extends RegistryException implements HttpFailure {
    private final int status;
    private final Duration retryAfter;

    public RegistryHttpException(String action, int status, String reasons, Duration retryAfter) {
        super(action + ": " + status + (reasons == null || reasons.isEmpty() ? "" : " " + reasons));
        this.status = status;
        this.retryAfter = retryAfter;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
