package dev.regbench.engine.config;

import static dev.regbench.engine.config.Checks.atLeast;
import static dev.regbench.engine.config.Checks.between;
import static dev.regbench.engine.config.Durations.requirePositive;

import java.time.Duration;

/**
 * Per-registry-host circuit breaker and bulkhead. Immutable. Defaults ({@link #DEFAULT}):
 * <ul>
 *   <li>{@code enabled: true}.</li>
 *   <li>{@code failureThreshold: 50} (percent) over at least {@code minimumCalls: 20} calls —
 *       a registry failing half of 20 requests after retries is down; one flaky blob is not.</li>
 *   <li>{@code openDuration: 30s} — seed 004's {@code RecoveryTimeout}: calls fail fast for 30 s,
 *       then a probe is let through.</li>
 *   <li>{@code halfOpenCalls: 3} — probes allowed while half-open; all must decide before the
 *       breaker closes or re-opens.</li>
 *   <li>{@code maxConcurrent: 0} — the bulkhead is off by default: {@code transport.maxPerHost}
 *       already bounds requests per host; set it (seed 004: 200) to bound waiting callers too.</li>
 * </ul>
 */
public record CircuitBreakerConfig(
        boolean enabled,
        int failureThreshold,
        int minimumCalls,
        @ConfigDuration Duration openDuration,
        int halfOpenCalls,
        int maxConcurrent) {

    public static final CircuitBreakerConfig DEFAULT =
            new CircuitBreakerConfig(true, 50, 20, Duration.ofSeconds(30), 3, 0);

    /** No breaker and no bulkhead. */
    public static final CircuitBreakerConfig DISABLED =
            new CircuitBreakerConfig(false, 50, 20, Duration.ofSeconds(30), 3, 0);

    public CircuitBreakerConfig {
        between(failureThreshold, 1, 100, "circuitBreaker.failureThreshold");
        atLeast(minimumCalls, 1, "circuitBreaker.minimumCalls");
        requirePositive(openDuration, "circuitBreaker.openDuration");
        atLeast(halfOpenCalls, 1, "circuitBreaker.halfOpenCalls");
        atLeast(maxConcurrent, 0, "circuitBreaker.maxConcurrent");
    }
}
