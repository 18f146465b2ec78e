package dev.regbench.engine.resilience;

import java.io.IOException;
import java.time.Duration;

/**
 * A call refused without being made because the circuit breaker of its registry host is open:
 * too many recent calls failed. Not temporary (retrying into an open breaker is pointless).
 */
public final class CircuitOpenException extends IOException {

    private final String host;

    /** @param lastFailure the last failure the breaker counted (what opened it), or null */
    CircuitOpenException(String host, String operation, float failureRate, Duration openFor, String lastFailure,
                         Throwable cause) {
        super("circuit breaker for " + host + " is open (" + Math.round(failureRate) + "% of recent calls failed"
                + (lastFailure == null ? "" : "; last: " + lastFailure) + "): "
                + operation + " not attempted; calls fail fast for up to " + openFor.toSeconds() + " s", cause);
        this.host = host;
    }

    /** The registry host ({@code host:port}) whose breaker is open. */
    public String host() {
        return host;
    }
}
