package dev.regbench.engine.config;

import static dev.regbench.engine.config.Checks.atLeast;
import static dev.regbench.engine.config.Checks.present;
import static dev.regbench.engine.config.Durations.requireNonNegative;

import java.time.Duration;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * When and how long to retry a failed request. Immutable. Defaults ({@link #DEFAULT}):
 * <ul>
 *   <li>{@code enabled: true}, {@code maxAttempts: 5} — the first try and four retries: with the
 *       delays below that rides out ~7 s of a registry's trouble (0.2 + 0.4 + 0.8 + 1.6 s plus
 *       jitter, or longer when the server says {@code Retry-After}) before giving up.</li>
 *   <li>{@code baseDelay: 200ms} — seed 000's {@code 200 * time.Millisecond}; attempt n waits
 *       {@code baseDelay * 2^(n-1)}.</li>
 *   <li>{@code maxDelay: 30s} — seed 000's cap.</li>
 *   <li>{@code jitter: 0.25} — seed 000's 25% random spread, so clients that failed together do
 *       not retry together (thundering herd).</li>
 *   <li>{@code retryableStatuses: [429, 500, 502, 503, 504, 520..524]} — seed 000's list:
 *       rate limiting, server errors, and Cloudflare's 52x origin errors. 401/403 are not here:
 *       re-authenticating once is the registry client's job, not the retry loop's.</li>
 *   <li>{@code honourRetryAfter: true} — a server's {@code Retry-After} replaces the computed
 *       delay and is never shortened.</li>
 *   <li>{@code maxRetryAfter: 60s} — a server asking for a longer wait makes the request fail
 *       instead of parking a worker for minutes; a replication run should report "rate limited
 *       for 10 min" rather than hang.</li>
 * </ul>
 */
public record RetryConfig(
        boolean enabled,
        int maxAttempts,
        @ConfigDuration Duration baseDelay,
        @ConfigDuration Duration maxDelay,
        double jitter,
        Set<Integer> retryableStatuses,
        boolean honourRetryAfter,
        @ConfigDuration Duration maxRetryAfter) {

    /** Seed 000's retryable statuses. */
    public static final Set<Integer> DEFAULT_STATUSES =
            Collections.unmodifiableSortedSet(new TreeSet<>(Set.of(429, 500, 502, 503, 504, 520, 521, 522, 523, 524)));

    public static final RetryConfig DEFAULT = new RetryConfig(
            true, 5, Duration.ofMillis(200), Duration.ofSeconds(30), 0.25,
            DEFAULT_STATUSES, true, Duration.ofSeconds(60));

    /** No retries: every failure is final. */
    public static final RetryConfig DISABLED = new RetryConfig(
            false, 1, Duration.ofMillis(200), Duration.ofSeconds(30), 0.25,
            DEFAULT_STATUSES, true, Duration.ofSeconds(60));

    public RetryConfig {
        atLeast(maxAttempts, 1, "retry.maxAttempts");
        requireNonNegative(baseDelay, "retry.baseDelay");
        requireNonNegative(maxDelay, "retry.maxDelay");
        if (maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("retry.maxDelay: must not be shorter than retry.baseDelay ("
                    + Durations.format(baseDelay) + "), was " + Durations.format(maxDelay));
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("retry.jitter: must be between 0.0 and 1.0, was " + jitter);
        }
        present(retryableStatuses, "retry.retryableStatuses");
        for (Integer s : retryableStatuses) {
            if (s == null || s < 100 || s > 599) {
                throw new IllegalArgumentException("retry.retryableStatuses: not an HTTP status: " + s);
            }
        }
        retryableStatuses = Collections.unmodifiableSortedSet(new TreeSet<>(retryableStatuses));
        requireNonNegative(maxRetryAfter, "retry.maxRetryAfter");
    }
}
