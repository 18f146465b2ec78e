package dev.regbench.engine.registry;

import java.io.IOException;

/**
 * Root of the registry client's failures. Every message names the action, e.g.
 * {@code pushing blob sha256:… to 127.0.0.1:5001/team/app: …}.
 *
 * <p>It extends {@link IOException} so that it flows through {@code Resilience.call} (which
 * retries only what {@code RetryDecision} calls temporary) and through streams (a digest
 * mismatch is detected inside {@code read()}).
 */
public class RegistryException extends IOException {

    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
