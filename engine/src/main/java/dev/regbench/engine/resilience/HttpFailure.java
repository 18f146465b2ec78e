package dev.regbench.engine.resilience;

import java.time.Duration;
import java.util.Optional;

/**
 * An exception that carries an HTTP response's status, implemented by the registry client's
 * exceptions so that {@link RetryDecision} can decide without knowing the client.
 */
public interface HttpFailure {

    /** The response status, e.g. 503. */
    int status();

    /** The response's {@code Retry-After}, already parsed (delta-seconds or HTTP-date), if any. */
    Optional<Duration> retryAfter();
}
